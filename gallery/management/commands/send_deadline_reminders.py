"""Daily: queue reminders to facilities that have not submitted, N days before their deadline."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from gallery.models import ContestPage
from gallery.tasks import send_deadline_reminders


class Command(BaseCommand):
    help = "Queue deadline reminders for every open contest (run once a day from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="How many days before the deadline (default 3).")

    def handle(self, *args, days, **options):
        now = timezone.now()
        contests = (
            ContestPage.objects.live()
            .filter(opens_at__lte=now)
            .annotate(latest=Greatest("closes_at", Coalesce(Max("extensions__closes_at"), "closes_at")))
            .filter(latest__gt=now, closes_at__lte=now + timedelta(days=days + 366))
        )
        queued = 0
        for contest in contests:
            send_deadline_reminders.enqueue(contest.pk, days)
            queued += 1
        self.stdout.write(f"Queued reminders for {queued} contest(s), {days} day(s) before the deadline.")
