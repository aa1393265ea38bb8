"""Daily: queue the officers' digest of entries submitted in the last 24 hours."""

from django.core.management.base import BaseCommand

from gallery.tasks import send_entry_digest


class Command(BaseCommand):
    help = "Queue the daily digest of new entries to officers (run once a day from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="Entries submitted in the last N hours.")

    def handle(self, *args, hours, **options):
        send_entry_digest.enqueue(hours)
        self.stdout.write(f"Queued the digest of entries from the last {hours} hours.")
