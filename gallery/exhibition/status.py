"""Where a contest's results are: its live exhibition. Registered in wagtail_hooks.py under gallery's
"contest_listing_status" hook (before judging's "results"), so a listing links the results instead of only
saying that there are some."""

from django.utils import timezone

from events.serving import public
from gallery.exhibition.models import ExhibitionPage


def results_pages(contests):
    """{contest pk: ("exhibition", its live public exhibition page)} for contests whose results are online. One
    query, whatever the number of contests."""
    now = timezone.now()
    ids = [contest.pk for contest in contests if contest.closes_at < now]  # no results before entries close
    if not ids:
        return {}
    exhibitions = public(ExhibitionPage.objects.live().filter(contest_id__in=ids)).defer_streamfields()
    return {exhibition.contest_id: ("exhibition", exhibition) for exhibition in exhibitions}
