"""Where a contest's results are: its live exhibition. Registered in wagtail_hooks.py under gallery's
"contest_listing_status" hook (before judging's "results"), so a listing links the results instead of only
saying that there are some."""

from events.serving import public
from gallery.exhibition.models import ExhibitionPage


def results_pages(contests):
    """{contest pk: ("exhibition", its live public exhibition page)} for contests whose results are online. One
    query, whatever the number of contests."""
    ids = [contest.pk for contest in contests]
    if not ids:
        return {}
    exhibitions = public(ExhibitionPage.objects.live().filter(contest_id__in=ids)).defer_streamfields()
    return {exhibition.contest_id: ("exhibition", exhibition) for exhibition in exhibitions}
