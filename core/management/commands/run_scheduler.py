"""The scheduler process: runs each periodic job once per slot of its schedule (core.scheduling)."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from core.scheduling import jobs, run_due


class Command(BaseCommand):
    help = "Run the periodic jobs (scheduled publishing, reminders, digests, clean-ups) when they are due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is due now, then stop.")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between two looks (default 30).")

    def handle(self, *args, once, interval, **options):
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        names = ", ".join(job.name for job in jobs())
        self.stdout.write(f"Scheduler started: {names}")
        while not self.stopping:
            for run in run_due():
                self.stdout.write(f"{run.job} ({run.slot:%Y-%m-%d %H:%M} UTC): {run.outcome}")
            if once:
                break
            for _ in range(interval):
                if self.stopping:
                    break
                time.sleep(1)
            close_old_connections()  # a long-lived process: never keep a connection the database dropped

    def _stop(self, *args):
        self.stopping = True
