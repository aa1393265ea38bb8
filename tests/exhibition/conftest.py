"""Fixtures of the exhibition tests.

`published_exhibition`: a published exhibition of three winning works, built as the house builds it (committed
factories and services only): entries of one facility scored 9, 8 and 7 in an opened round, the officers' freeze
(gallery.judging.domain.results.freeze), then the page added under the campaign, filled from the result
(sync_works), alt texts written, published, and its public images made (make_public_files). The second work has
a detail image, so its page has two images.
"""

from dataclasses import dataclass

import pytest

from gallery.exhibition.domain.curation import sync_works
from gallery.exhibition.domain.publication import make_public_files
from gallery.exhibition.models import ExhibitionPage
from gallery.judging.domain import results, scoring
from gallery.models import Entry
from tests.factories import (
    ContestFactory,
    EntryFactory,
    EntryImageFactory,
    FacilityFactory,
    RoundFactory,
    UserFactory,
    rubric,
)

IMAGE_SIZE = (600, 450)  # public widths 480 and 600: quick to make
WORKS = (
    # title, credit, credit name, score
    ("Steppe at dawn", Entry.Credit.INITIALS, "A. B.", 9),
    ("Letters not yet sent", Entry.Credit.PSEUDONYM, "Quiet Brush", 8),
    ("Birds over the wall", Entry.Credit.ANONYMOUS, "", 7),
)


@dataclass
class Exhibition:
    page: ExhibitionPage
    entries: list  # in rank order

    @property
    def url(self):
        return self.page.url


@pytest.fixture
def published_exhibition():
    """A published exhibition of three winners (see the module's docstring). Needs a database (mark the test)."""
    from django.contrib.contenttypes.models import ContentType

    # A transactional test's flush brings content types back under new ids: never trust a cached one.
    ContentType.objects.clear_cache()
    contest = ContestFactory(number_of_winners=len(WORKS))
    facility = FacilityFactory()
    entries = []
    for number, (title, credit, credit_name, _score) in enumerate(WORKS):
        entry = EntryFactory(
            contest=contest,
            facility=facility,
            title=title,
            credit=credit,
            credit_name=credit_name,
            consent_confirmed=True,
        )
        for position in range(2 if number == 1 else 1):
            EntryImageFactory(
                entry=entry,
                position=position,
                size=IMAGE_SIZE,
                color=(60 + 70 * number, 90 + 60 * position, 150),
                sha256=f"{entry.pk:032d}{position:032d}",
            )
        entries.append(entry)
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    scores = {entry.pk: work[3] for entry, work in zip(entries, WORKS, strict=True)}
    for round_entry in round_.round_entries.select_related("round"):
        for criterion in round_.criteria.all():
            scoring.save_score(judge, round_entry, criterion.pk, scores[round_entry.entry_id])
    results.freeze(round_, UserFactory(officer=True), reason="Not every judge submitted.")

    page = ExhibitionPage(
        title="Art behind walls", slug="online-exhibition", contest=contest, intro="Three works.", live=False
    )
    contest.get_parent().add_child(instance=page)
    assert sync_works(page)
    for work in page.works.all():
        for position, image in enumerate(work.images.all()):
            image.alt_text = f"Abstract painting {work.entry.title}, view {position + 1}."
    page.save_revision().publish()
    make_public_files(page.pk)
    return Exhibition(page=ExhibitionPage.objects.get(pk=page.pk), entries=entries)
