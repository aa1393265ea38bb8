"""Which works an exhibition holds: made from the contest's approved results, then curated by officers.

`sync_works` brings a page (a draft of it, in memory) in line with the results: winners and honourable mentions
in the order of their rank, then, when the page asks for it, every other eligible entry. Rows already there keep
their place and their alt texts; a new work goes after them. Rows of works the page no longer holds (the
eligible section switched off) are removed. Each work gets every image of its entry, the work itself first.
"""

from django.db.models import Max

from gallery.exhibition.models.works import ExhibitedImage, ExhibitedWork
from gallery.judging.models import ResultRow
from gallery.models import Entry, EntryImage

SHOWN_REVIEWS = (Entry.Review.ELIGIBLE, Entry.Review.SHORTLISTED, Entry.Review.WINNER)
AWARD_ORDER = {"winner": 0, "honourable": 1}


def result_rows(contest_id):
    """(entry id, award, rank) of the contest's approved result, awarded works first; [] before approval."""
    rows = (
        ResultRow.objects.filter(result__contest_id=contest_id)
        .exclude(award="")
        .values_list("entry_id", "award", "rank")
    )
    return sorted(rows, key=lambda row: (AWARD_ORDER[row[1]], row[2] or 0, row[0]))


def eligible_entries(contest_id, excluded):
    return list(
        Entry.objects.filter(contest_id=contest_id, state=Entry.State.SUBMITTED, review__in=SHOWN_REVIEWS)
        .exclude(pk__in=excluded)
        .order_by("submitted_at", "pk")
        .values_list("pk", flat=True)
    )


def wanted_works(page):
    """[(entry id, award, rank)] in the order a fresh exhibition would show them."""
    return wanted_for(page.contest_id, page.show_all_eligible)


def wanted_for(contest_id, show_all_eligible):
    if not contest_id:
        return []
    awarded = result_rows(contest_id)
    if not awarded:
        return []
    wanted = list(awarded)
    if show_all_eligible:
        wanted += [(pk, "", None) for pk in eligible_entries(contest_id, [row[0] for row in awarded])]
    return wanted


def sync_works(page):
    """Add the missing works (with their images) to `page` in memory, drop those no longer wanted.

    Returns True when something changed; the caller saves a revision."""
    wanted = wanted_works(page)
    wanted_ids = {entry_id for entry_id, _award, _rank in wanted}
    rows = list(page.works.all())
    kept = [row for row in rows if row.entry_id in wanted_ids]
    present = {row.entry_id for row in kept}
    missing = [(entry_id, award, rank) for entry_id, award, rank in wanted if entry_id not in present]
    if not missing and len(kept) == len(rows):
        return False
    images = {}
    for image in EntryImage.objects.filter(entry_id__in=[row[0] for row in missing]).order_by("position", "pk"):
        images.setdefault(image.entry_id, []).append(image)
    next_number = max([row.number for row in rows] + [_saved_max_number(page)]) + 1
    new_rows = []
    for entry_id, award, rank in missing:
        work = ExhibitedWork(entry_id=entry_id, award=award, rank=rank, number=next_number)
        work.images = [ExhibitedImage(entry_image=image) for image in images.get(entry_id, [])]
        new_rows.append(work)
        next_number += 1
    for position, row in enumerate(kept + new_rows):
        row.sort_order = position
    page.works = kept + new_rows
    return True


def _saved_max_number(page):
    """Numbers are never reused, so an old link never points to another work."""
    if not page.pk:
        return 0
    return ExhibitedWork.objects.filter(page_id=page.pk).aggregate(top=Max("number"))["top"] or 0
