"""What the public contest listing says about judging. Registered in wagtail_hooks.py under gallery's
"contest_listing_status" hook, so the gallery asks without importing judging."""

from gallery.judging.models import Result, Round


def listing_status_keys(contests):
    """{contest pk: 'results' once results are approved, else 'judging' while a round is open}, for the contests
    judging has something to say about. Two queries, whatever the number of contests."""
    ids = [contest.pk for contest in contests]
    if not ids:
        return {}
    open_rounds = Round.objects.filter(contest_id__in=ids, status=Round.Status.OPEN)
    keys = dict.fromkeys(open_rounds.values_list("contest_id", flat=True), "judging")
    keys.update(
        dict.fromkeys(Result.objects.filter(contest_id__in=ids).values_list("contest_id", flat=True), "results")
    )
    return keys


def judging_status_key(contest):
    """'results', 'judging' or None for one contest."""
    return listing_status_keys([contest]).get(contest.pk)
