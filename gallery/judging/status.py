"""What the public contest listing says about judging. Registered in wagtail_hooks.py under gallery's
"contest_listing_status" hook, so the gallery asks without importing judging."""

from django.db.models import CharField, Value

from gallery.judging.models import Result, Round


def listing_status_keys(contests):
    """{contest pk: 'results' once results are approved, else 'judging' while a round is open}, for the contests
    judging has something to say about. One query, whatever the number of contests."""
    ids = [contest.pk for contest in contests]
    if not ids:
        return {}
    open_rounds = Round.objects.filter(contest_id__in=ids, status=Round.Status.OPEN).order_by()
    results = Result.objects.filter(contest_id__in=ids).order_by()
    keys = {}
    for contest_id, key in open_rounds.values_list("contest_id", Value("judging", output_field=CharField())).union(
        results.values_list("contest_id", Value("results", output_field=CharField()))
    ):
        if keys.get(contest_id) != "results":
            keys[contest_id] = key
    return keys


def judging_status_key(contest):
    """'results', 'judging' or None for one contest."""
    return listing_status_keys([contest]).get(contest.pk)
