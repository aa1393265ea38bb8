"""Import entries received offline (USB stick, post) from a CSV manifest; see docs/intake.md."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gallery.domain.importer import ManifestError, import_manifest
from gallery.models import ContestPage, Facility


class Command(BaseCommand):
    help = "Import contest entries from a CSV manifest and the images beside it."

    def add_arguments(self, parser):
        parser.add_argument("--contest", required=True, help="Slug (or reference code) of the contest page.")
        parser.add_argument("--facility", required=True, help="Facility code, e.g. KAR1.")
        parser.add_argument("--manifest", required=True, help="Path of the CSV manifest.")
        parser.add_argument("--user", help="Username recorded as the importer (default: the first officer).")

    def handle(self, *args, contest, facility, manifest, user=None, **options):
        contest_page = ContestPage.objects.filter(Q(slug=contest) | Q(code=contest)).first()
        if contest_page is None:
            raise CommandError(f"No contest with the slug or code {contest!r}.")
        facility_obj = Facility.objects.filter(code__iexact=facility).first()
        if facility_obj is None:
            raise CommandError(f"No facility with the code {facility!r}.")
        importer = self._importer(user)
        try:
            results = import_manifest(contest_page, facility_obj, manifest, importer)
        except ManifestError as error:
            raise CommandError(str(error)) from None
        failed = 0
        for result in results:
            if result.ok:
                self.stdout.write(str(result))
            else:
                failed += 1
                self.stdout.write(self.style.ERROR(str(result)))
        summary = f"{len(results) - failed} imported, {failed} failed (by {importer.get_username()})."
        if failed:
            raise CommandError(summary, returncode=1)
        self.stdout.write(self.style.SUCCESS(summary))

    def _importer(self, username):
        User = get_user_model()
        if username:
            found = User.objects.filter(username=username).first()
            if found is None:
                raise CommandError(f"No user {username!r}.")
            return found
        found = (
            User.objects.with_perm("gallery.change_entry", backend="django.contrib.auth.backends.ModelBackend")
            .filter(is_active=True)
            .order_by("-is_superuser", "pk")
            .first()
        )
        if found is None:
            raise CommandError("No officer or superuser exists; pass --user.")
        return found
