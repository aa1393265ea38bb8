"""Demo contest: the 2020 Nelson Mandela Day art and photo contest of eight pilot facilities.

Every image is drawn by demo.artwork (with phone EXIF and GPS tags) and goes through the same
pipeline as an upload, so the stored demo images carry no metadata either. Idempotent: entries are looked
up by (contest, facility, title).
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from wagtail.models import Page

from demo.contest_builders import demo_contest, demo_entry, staff_of
from events.models import CampaignPage, HomePage
from gallery.domain import entries as service
from gallery.domain.screening import screen
from gallery.models import Entry, Facility

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
IMAGE_SIZE = (1200, 900)


def _campaign(context):
    campaign = context.objects.get("campaign") or CampaignPage.objects.filter(slug="nelson-mandela-day-2020").first()
    if campaign is None:
        home = HomePage.objects.first() or Page.get_first_root_node()
        campaign = home.add_child(
            instance=CampaignPage(title="Nelson Mandela International Day 2020", slug="nelson-mandela-day-2020")
        )
        campaign.save_revision().publish()
    return campaign


def _entry(contest, facility, user, title, number, when):
    """Credits, media and sizes vary with the entry's number; every fourth entry adds a detail image."""
    credit = [Entry.Credit.INITIALS, Entry.Credit.PSEUDONYM, Entry.Credit.ANONYMOUS][number % 3]
    credit_name = ""
    if credit == Entry.Credit.INITIALS:
        credit_name = f"{'ABDEKMNS'[number % 8]}. {'ABKOST'[number % 6]}."
    elif credit == Entry.Credit.PSEUDONYM:
        credit_name = ["Steppe Fox", "Quiet Brush", "Irtysh", "Blue Kite"][number % 4]
    return demo_entry(
        contest,
        facility,
        user,
        title,
        when=when,
        image_seeds=[1000 + number, 5000 + number] if number % 4 == 0 else [1000 + number],
        image_size=IMAGE_SIZE,
        artist_code=f"{facility.code}-{100 + number}",
        credit=credit,
        credit_name=credit_name,
        medium=MEDIA[number % len(MEDIA)],
        dimensions=["40 × 30 cm", "50 × 70 cm", "30 × 30 cm", "60 × 45 cm"][number % 4],
        year=2020,
        statement=f"Painted after the master class, thinking about {title.lower()}.",
        show_facility=number % 2 == 0,
    )


def seed(context):
    campaign = _campaign(context)
    contest = demo_contest(
        campaign,
        "MD20",
        title="Art and photo contest",
        slug="art-and-photo-contest",
        theme="Nelson Mandela: dignity, human rights and justice",
        rules=RULES,
        opens_at=OPENS,
        closes_at=CLOSES,
        max_entries_per_facility=5,
        number_of_winners=10,
    )
    context.objects["contest"] = contest
    officer = context.objects.get("officer")
    facilities = list(Facility.objects.filter(code__in=[f"{r}{n}" for r in ("KAR", "PAV") for n in range(1, 5)])
                      .select_related("region").order_by("code"))  # fmt: skip
    created = 0
    for number, title in enumerate(TITLES):
        facility = facilities[number % len(facilities)]
        user = staff_of(facility)
        when = OPENS + timedelta(days=1 + number % 20, hours=number % 7)
        entry, is_new = _entry(contest, facility, user, title, number, when)
        if entry.state == Entry.State.DRAFT:
            entry = service.submit(entry, user, now=when, notify=False)
        if entry.review == Entry.Review.RECEIVED and officer is not None:
            reason = DISQUALIFIED.get(title, "")
            review = Entry.Review.DISQUALIFIED if reason else Entry.Review.ELIGIBLE
            screen(entry, officer, review, reason)
        created += is_new

    # One draft never sent and one entry withdrawn by its facility.
    kar1 = facilities[0]
    _entry(contest, kar1, staff_of(kar1), "Unfinished sketch", 30, OPENS + timedelta(days=3))
    withdrawn, _ = _entry(contest, facilities[5], staff_of(facilities[5]), "Second thoughts", 31,
                          OPENS + timedelta(days=4))  # fmt: skip
    if withdrawn.state == Entry.State.DRAFT:
        withdrawn = service.submit(withdrawn, withdrawn.created_by, now=OPENS + timedelta(days=4), notify=False)
    if withdrawn.state == Entry.State.SUBMITTED:
        service.withdraw(withdrawn, withdrawn.created_by)
    context.log(f"Contest {contest.code}: {Entry.objects.filter(contest=contest).count()} entries ({created} new)")
