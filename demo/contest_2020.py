"""Demo contest: the 2020 Nelson Mandela Day art and photo contest of eight pilot facilities.

Every image is drawn by demo.artwork (with phone EXIF and GPS tags) and goes through the same
pipeline as an upload, so the stored demo images carry no metadata either. Idempotent: entries are looked
up by (contest, facility, title).
"""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from wagtail.models import Page

from demo.artwork import artwork_jpeg
from gallery.domain import entries as service
from gallery.domain.images import add_entry_image
from gallery.models import ContestPage, Entry, Facility, Region

ALMATY = ZoneInfo("Asia/Almaty")
OPENS = datetime(2020, 6, 15, 9, 0, tzinfo=ALMATY)
CLOSES = datetime(2020, 7, 10, 18, 0, tzinfo=ALMATY)

RULES = (
    "<p>Facilities of the Karaganda and Pavlodar regions may send up to five works each: paintings made after "
    "the online master class in abstract and acrylic painting, or photographs inspired by Nelson Mandela's "
    "commitment to human rights and justice.</p>"
    "<p>Each work is entered by facility staff under an artist code issued by the facility. Artists are credited "
    "by initials, a pseudonym or not at all, as they choose. Every work needs the artist's consent to be shown.</p>"
    "<p>Photos of a work must not show faces, names, tattoos or anything that identifies a person or a place. "
    "A jury chooses ten winning works for the online exhibition.</p>"
)
CONSENT = (
    "The artist has agreed, freely and in writing, that this work may be judged and shown in the online "
    "exhibition under the credit chosen above, and knows that consent can be withdrawn until the deadline."
)

TITLES = [
    "First light over the steppe", "The long road home", "Open window", "Mandela's garden", "Two hands",
    "Irtysh in July", "Letters not yet sent", "Morning bread", "The color of freedom", "Silence in blue",
    "My mother's scarf", "Saryarka wind", "Eleven thousand days", "A bridge of paper", "Sunflowers for Madiba",
    "The chessboard", "Birds over the wall", "Under one sky", "The workshop", "Spring comes late",
    "Circle of friends", "Salt lake", "The open door", "Homeward",
]  # fmt: skip
MEDIA = ["Acrylic on canvas", "Acrylic on cardboard", "Gouache on paper", "Photograph", "Oil pastel on paper"]
DISQUALIFIED = {
    "The chessboard": "The photo shows a recognisable face in the background; please crop it and send it again.",
    "Salt lake": "The work was made before the master class and outside the contest theme.",
}


def _campaign(context):
    from events.models import CampaignPage, HomePage

    campaign = context.objects.get("campaign") or CampaignPage.objects.filter(slug="nelson-mandela-day-2020").first()
    if campaign is None:
        home = HomePage.objects.first() or Page.get_first_root_node()
        campaign = home.add_child(
            instance=CampaignPage(title="Nelson Mandela International Day 2020", slug="nelson-mandela-day-2020")
        )
        campaign.save_revision().publish()
    return campaign


def _contest(context, campaign):
    contest = ContestPage.objects.filter(code="MD20").first()
    if contest is not None:
        return contest
    contest = ContestPage(
        title="Art and photo contest",
        slug="art-and-photo-contest",
        code="MD20",
        theme="Nelson Mandela: dignity, human rights and justice",
        rules=RULES,
        opens_at=OPENS,
        closes_at=CLOSES,
        time_zone="Asia/Almaty",
        max_entries_per_facility=5,
        consent_statement=CONSENT,
        number_of_winners=10,
        min_image_side=600,
    )
    campaign.add_child(instance=contest)
    contest.eligible_regions.set(Region.objects.filter(code__in=["KAR", "PAV"]))
    contest.save_revision().publish()
    return ContestPage.objects.get(pk=contest.pk)


def _upload(seed, region_code):
    return io.BytesIO(artwork_jpeg(seed, region_code, size=(1200, 900)))


def _entry(contest, facility, user, title, number, when):
    entry = Entry.objects.filter(contest=contest, facility=facility, title=title).first()
    if entry is not None:
        return entry, False
    credit = [Entry.Credit.INITIALS, Entry.Credit.PSEUDONYM, Entry.Credit.ANONYMOUS][number % 3]
    credit_name = ""
    if credit == Entry.Credit.INITIALS:
        credit_name = f"{'ABDEKMNS'[number % 8]}. {'ABKOST'[number % 6]}."
    elif credit == Entry.Credit.PSEUDONYM:
        credit_name = ["Steppe Fox", "Quiet Brush", "Irtysh", "Blue Kite"][number % 4]
    entry = service.create_draft(
        contest,
        facility,
        user,
        now=when,
        title=title,
        artist_code=f"{facility.code}-{100 + number}",
        credit=credit,
        credit_name=credit_name,
        medium=MEDIA[number % len(MEDIA)],
        dimensions=["40 × 30 cm", "50 × 70 cm", "30 × 30 cm", "60 × 45 cm"][number % 4],
        year=2020,
        statement=f"Painted after the master class, thinking about {title.lower()}.",
        show_facility=number % 2 == 0,
        consent_confirmed=True,
    )
    region = facility.region.code
    add_entry_image(entry, _upload(1000 + number, region))
    if number % 4 == 0:  # some entries add a detail
        add_entry_image(entry, _upload(5000 + number, region))
    return entry, True


def seed(context):
    campaign = _campaign(context)
    contest = _contest(context, campaign)
    context.objects["contest"] = contest
    officer = context.objects.get("officer")
    facilities = list(Facility.objects.filter(code__in=[f"{r}{n}" for r in ("KAR", "PAV") for n in range(1, 5)])
                      .select_related("region").order_by("code"))  # fmt: skip
    created = 0
    for number, title in enumerate(TITLES):
        facility = facilities[number % len(facilities)]
        user = facility.memberships.select_related("user").first().user
        when = OPENS + timedelta(days=1 + number % 20, hours=number % 7)
        entry, is_new = _entry(contest, facility, user, title, number, when)
        if entry.state == Entry.State.DRAFT:
            entry = service.submit(entry, user, now=when, notify=False)
        if entry.review == Entry.Review.RECEIVED and officer is not None:
            reason = DISQUALIFIED.get(title, "")
            review = Entry.Review.DISQUALIFIED if reason else Entry.Review.ELIGIBLE
            service.screen(entry, officer, review, reason)
        created += is_new

    # One draft never sent and one entry withdrawn by its facility.
    kar1 = facilities[0]
    kar1_user = kar1.memberships.select_related("user").first().user
    _entry(contest, kar1, kar1_user, "Unfinished sketch", 30, OPENS + timedelta(days=3))
    withdrawn, _ = _entry(contest, facilities[5], facilities[5].memberships.first().user, "Second thoughts", 31,
                          OPENS + timedelta(days=4))  # fmt: skip
    if withdrawn.state == Entry.State.DRAFT:
        withdrawn = service.submit(withdrawn, withdrawn.created_by, now=OPENS + timedelta(days=4), notify=False)
    if withdrawn.state == Entry.State.SUBMITTED:
        service.withdraw(withdrawn, withdrawn.created_by, now=OPENS + timedelta(days=6))
    context.log(f"Contest {contest.code}: {Entry.objects.filter(contest=contest).count()} entries ({created} new)")
