"""Hourly: forget resumable uploads nobody continued, with the parts they left in private storage."""

from django.core.management.base import BaseCommand

from gallery.domain.uploads import delete_expired


class Command(BaseCommand):
    help = "Delete expired unfinished portal uploads and their stored parts (run hourly from cron)."

    def handle(self, *args, **options):
        count = delete_expired()
        self.stdout.write(f"Deleted {count} expired upload(s).")
