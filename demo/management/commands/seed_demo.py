from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from demo.accounts import DEMO_STEPS, DemoContext


class Command(BaseCommand):
    help = "Load the demo campaign (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates demo accounts with a known password; with DEBUG off, pass --force.")
        context = DemoContext(password=settings.DEMO_PASSWORD, log=lambda message: self.stdout.write(message))
        with transaction.atomic():
            for dotted_path in DEMO_STEPS:
                import_string(dotted_path)(context)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        if options["verbosity"] > 0:
            self.stdout.write(f"Demo logins (password: {settings.DEMO_PASSWORD}):")
            for username, role in context.logins:
                self.stdout.write(f"  {username:<16} {role}")
