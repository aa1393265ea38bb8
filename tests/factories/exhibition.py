"""Exhibitions as officers make them: a contest with an approved result, a page filled from it, alt texts
written, published, and the public images made (what the background task does after publication)."""

from gallery.exhibition.domain.curation import sync_works
from gallery.exhibition.domain.publication import make_public_files
from gallery.exhibition.models import ExhibitionPage
from gallery.judging.models import Result, ResultRow
from tests.factories.entries import EntryFactory, EntryImageFactory
from tests.factories.judging import RoundFactory
from tests.factories.pages import ContestFactory
from tests.factories.people import FacilityFactory, UserFactory

IMAGE_SIZE = (600, 450)  # two public widths (480 and 600): quick to make


def awarded_contest(winners=3, honourable=0, others=0, images=1, size=IMAGE_SIZE, **entry_fields):
    """A contest whose approved result has `winners` winners and `honourable` mentions (in rank order), and
    `others` eligible entries without an award. Entries are submitted, consented, with `images` real JPEGs."""
    contest = ContestFactory(number_of_winners=winners)
    facility = FacilityFactory()
    fields = {"consent_confirmed": True, **entry_fields}
    entries = [EntryFactory(contest=contest, facility=facility, **fields) for _ in range(winners + honourable + others)]
    for number, entry in enumerate(entries):
        for position in range(images):
            EntryImageFactory(
                entry=entry,
                position=position,
                size=size,
                color=(40 + 17 * number % 200, 90 + 30 * position, 120),
                sha256=f"{entry.pk:032d}{position:032d}",
            )
    result = Result.objects.create(
        contest=contest, round=RoundFactory(contest=contest, opened=False), approved_by=UserFactory(officer=True)
    )
    awards = ["winner"] * winners + ["honourable"] * honourable + [""] * others
    ResultRow.objects.bulk_create(
        ResultRow(result=result, entry=entry, code=f"C{rank}", rank=rank, award=award)
        for rank, (entry, award) in enumerate(zip(entries, awards, strict=True), start=1)
    )
    return contest, entries


def exhibition_of(contest, *, publish=True, alt="An abstract painting in blue and red.", **fields):
    """An ExhibitionPage of `contest` under its campaign, its works filled from the result, every image with
    `alt`; published (with its public images made) unless `publish=False`."""
    page = ExhibitionPage(
        title=fields.pop("title", f"Exhibition {contest.code}"),
        slug=fields.pop("slug", f"exhibition-{contest.code.lower()}"),
        contest=contest,
        live=False,
        **fields,
    )
    contest.get_parent().add_child(instance=page)
    sync_works(page)
    for work in page.works.all():
        for image in work.images.all():
            image.alt_text = alt
    revision = page.save_revision()
    if publish:
        revision.publish()
        make_public_files(page.pk)
    page.refresh_from_db()
    return page
