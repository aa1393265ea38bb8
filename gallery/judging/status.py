"""What the public contest listing says about judging: called by ContestPage.listing_status_key()."""


def judging_status_key(contest):
    """'results' once results are approved, 'judging' while a round is open, else None."""
    from gallery.judging.models import Result, Round

    if Result.objects.filter(contest_id=contest.pk).exists():
        return "results"
    if Round.objects.filter(contest_id=contest.pk, status=Round.Status.OPEN).exists():
        return "judging"
    return None
