"""One contest as the exhibition's portal and admin tests need it, built the way the house builds it: entries of
two facilities, a scoring round, the officers' freeze (gallery.judging.domain.results.freeze), then (when asked) the
exhibition page filled from the result, alt texts written, published, and its public images made.

Identifying strings are planted (artist codes, a stale credit name on an anonymous entry, facility names that
were not consented), so tests can look for them in everything a download holds.
"""

import secrets
from dataclasses import dataclass, field

from django.core.files.storage import default_storage

from gallery.exhibition.domain.curation import sync_works
from gallery.exhibition.domain.publication import make_public_files
from gallery.exhibition.models import ExhibitionPage, PublicRendition
from gallery.judging.domain import results, scoring
from gallery.judging.models import JudgingSettings
from gallery.models import Entry
from tests.factories import (
    CampaignFactory,
    ContestFactory,
    EntryFactory,
    EntryImageFactory,
    FacilityFactory,
    RegionFactory,
    RoundFactory,
    UserFactory,
    rubric,
)

RU_TITLE = "Свобода внутри"
RU_CREDIT = "А. Б."
HIDDEN_FACILITY = "Steppe Light Hidden Institution"
NAMED_FACILITY = "Irtysh Bank Named Institution"
STALE_NAME = "Zarina Secretova"  # an anonymous entry's leftover credit name: never printed
IMAGE_SIZE = (640, 480)  # public widths 640 and 480: quick to make


@dataclass
class Contest:
    contest: object
    facility: object  # HIDDEN_FACILITY: its entries do not name it
    other_facility: object
    staff: object
    other_staff: object
    officer: object
    judge: object
    winner: object  # rank 1, Cyrillic title, credit by initials, facility not named
    anonymous: object  # rank 2 winner, anonymous (with a stale credit name planted)
    honourable: object  # rank 3, pseudonym, of the other facility which agreed to be named
    unawarded: object  # rank 4, no award
    page: object = None
    planted: list = field(default_factory=list)  # strings no public or kit file may contain

    @property
    def awarded(self):
        return [self.winner, self.anonymous, self.honourable]


def awarded_contest():
    """Four entries scored 9, 8, 7 and 3; two winners and one honourable mention in the approved result."""
    region = RegionFactory()
    facility = FacilityFactory(name=HIDDEN_FACILITY, code="KAR9", region=region)
    other_facility = FacilityFactory(name=NAMED_FACILITY, code="PAV9", region=region)
    campaign = CampaignFactory(title="Nelson Mandela Day 2020")
    contest = ContestFactory(
        parent=campaign, title="Art behind walls", code="MD20", number_of_winners=2, time_zone="Asia/Almaty"
    )
    JudgingSettings.objects.update_or_create(contest=contest, defaults={"honourable_mentions": 1})
    common = {"contest": contest, "consent_confirmed": True}
    entries = [
        EntryFactory(
            **common,
            facility=facility,
            title=RU_TITLE,
            artist_code="ZX-CODE-101",
            credit=Entry.Credit.INITIALS,
            credit_name=RU_CREDIT,
        ),
        EntryFactory(
            **common,
            facility=facility,
            title="Open window",
            artist_code="ZX-CODE-102",
            credit=Entry.Credit.ANONYMOUS,
            credit_name=STALE_NAME,
        ),
        EntryFactory(
            **common,
            facility=other_facility,
            title="Birds over the wall",
            artist_code="ZX-CODE-103",
            credit=Entry.Credit.PSEUDONYM,
            credit_name="Blue Kite",
            show_facility=True,
        ),
        EntryFactory(**common, facility=facility, title="Not this time", artist_code="ZX-CODE-104"),
    ]
    for number, entry in enumerate(entries):
        EntryImageFactory(entry=entry, size=IMAGE_SIZE, color=(60 + 40 * number, 90, 150), sha256=secrets.token_hex(32))
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    values = {entry.pk: value for entry, value in zip(entries, (9, 8, 7, 3), strict=True)}
    for round_entry in round_.round_entries.select_related("round"):
        for criterion in round_.criteria.all():
            scoring.save_score(judge, round_entry, criterion.pk, values[round_entry.entry_id])
    officer = UserFactory(officer=True)
    results.freeze(round_, officer, reason="Not every judge submitted.")
    winner, anonymous, honourable, unawarded = entries
    return Contest(
        contest=contest,
        facility=facility,
        other_facility=other_facility,
        staff=UserFactory(facility=facility),
        other_staff=UserFactory(facility=other_facility),
        officer=officer,
        judge=judge,
        winner=winner,
        anonymous=anonymous,
        honourable=honourable,
        unawarded=unawarded,
        planted=[
            *(entry.artist_code for entry in entries),
            *(entry.reference for entry in entries),
            STALE_NAME,
            HIDDEN_FACILITY,
            facility.code,
        ],
    )


def publish_exhibition(built, *, publish=True, hashtag="#MandelaDay"):
    """The contest's exhibition page under its campaign, as an officer makes it; published with its public files
    unless `publish=False`. Sets and returns `built.page`."""
    contest = built.contest
    page = ExhibitionPage(
        title="Online exhibition 2020", slug="online-exhibition", contest=contest, hashtag=hashtag, live=False
    )
    contest.get_parent().add_child(instance=page)
    sync_works(page)
    for work in page.works.all():
        for image in work.images.all():
            image.alt_text = "An abstract painting in blue and red."
    revision = page.save_revision(user=built.officer)
    if publish:
        revision.publish()
        make_public_files(page.pk)
    page.refresh_from_db()
    built.page = page
    return page


def public_names(entry):
    """The names of an entry's public renditions in storage, and whether each exists."""
    names = list(PublicRendition.objects.filter(entry_image__entry=entry).values_list("file", flat=True))
    return {name: default_storage.exists(name) for name in names}
