"""Back up the database and both media storages into a new folder (see core/backup.py and docs/operations.md)."""

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, back_up


class Command(BaseCommand):
    help = "Write a consistent database dump and a copy of the public and private storages into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("target", help="A new (or empty) folder for this backup.")

    def handle(self, *args, target, **options):
        try:
            files = back_up(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{len(listed)} {alias} files" for alias, listed in files.items())
        self.stdout.write(f"Backed up the database and {counts} into {target}.")
