"""Restore a backup of `manage.py backup` into an empty database and empty storages (docs/operations.md)."""

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Load a backup folder into this installation's database and storages, which must be empty."

    def add_arguments(self, parser):
        parser.add_argument("source", help="A folder written by `manage.py backup`.")

    def handle(self, *args, source, **options):
        try:
            files = restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{len(listed)} {alias} files" for alias, listed in files.items())
        self.stdout.write(f"Restored the database and {counts} from {source}.")
