"""Periodic jobs, run by one entry point (`manage.py run_scheduler`) instead of cron lines to remember.

Each job is a management command with a schedule: every N minutes, or daily at a time of the installation's
default time zone. A job's current slot is the latest scheduled moment not after now; it runs when nobody has run
that slot yet. The run is claimed by inserting a PeriodicRun row for (job, slot), which the database accepts once:
two schedulers (two containers, or one restarted mid-minute) never run a job twice, and a scheduler that was down
runs only the latest missed slot, never a backlog. The commands themselves only queue background tasks or do
short work, so one scheduler serves any installation.
"""

import datetime
import io
import logging
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import PeriodicRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    command: tuple
    every_minutes: int = 0
    daily_at: str = ""  # "HH:MM" in VITRINE_DEFAULT_TIME_ZONE

    def slot(self, now):
        """The latest moment of this job's schedule that is not after `now`."""
        if self.every_minutes:
            step = self.every_minutes * 60
            return datetime.datetime.fromtimestamp(int(now.timestamp()) // step * step, datetime.UTC)
        zone = zoneinfo.ZoneInfo(settings.VITRINE_DEFAULT_TIME_ZONE)
        hour, minute = (int(part) for part in self.daily_at.split(":"))
        local = now.astimezone(zone)
        today = local.replace(hour=hour, minute=minute, second=0, microsecond=0, fold=0)  # one slot on a DST night
        return today if today <= local else today - datetime.timedelta(days=1)


def jobs():
    return [Job(**spec) for spec in settings.VITRINE_PERIODIC_JOBS]


def run_due(now=None):
    """Run every job whose current slot nobody has claimed yet; returns the PeriodicRun rows of this call."""
    now = now or timezone.now()
    runs = []
    for job in jobs():
        run = _claim(job, job.slot(now))
        if run is not None:
            runs.append(_run(job, run))
    return runs


def _claim(job, slot):
    try:
        with transaction.atomic():
            return PeriodicRun.objects.create(job=job.name, slot=slot)
    except IntegrityError:  # another scheduler claimed this slot first
        return None


def _run(job, run):
    output = io.StringIO()
    try:
        call_command(*job.command, stdout=output, stderr=output)
        run.outcome = PeriodicRun.Outcome.DONE
    except Exception as error:  # noqa: BLE001 - a failing job is recorded and logged; the others still run
        logger.exception("Periodic job %s failed", job.name)
        output.write(f"\n{type(error).__name__}: {error}")
        run.outcome = PeriodicRun.Outcome.FAILED
    run.output = output.getvalue()[-10_000:]
    run.finished_at = timezone.now()
    run.save(update_fields=["outcome", "output", "finished_at"])
    return run
