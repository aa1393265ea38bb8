"""Demo contests that are live today, under the Nelson Mandela Day 2027 campaign.

MD27 is open for entries (facility KAR1 has a draft to continue in the portal); PH26 has closed and its twelve
submitted, screened entries wait for the jury. Dates are set relative to the first run and never moved after:
both contests are found by their code on later runs. Every image goes through the intake pipeline.
"""

from datetime import date, timedelta

from django.utils import timezone

from demo.contest_builders import demo_contest, demo_entry, staff_of
from events.models import CampaignPage
from gallery.domain import entries as service
from gallery.domain.screening import screen
from gallery.models import Entry, Facility

CAMPAIGN_SLUG = "nelson-mandela-day-2027"
IMAGE_SIZE = (1000, 750)  # above the 600-pixel minimum, small enough to keep seeding quick

MD27_RULES = (
    "<p>Facilities of the Karaganda and Pavlodar regions may send up to five paintings or drawings each on the "
    "theme of freedom in colour: what freedom looks like, or the colour it would have.</p>"
    "<p>Each work is entered by facility staff under an artist code. Artists choose to be credited by initials, "
    "a pseudonym or not at all, and every work needs the artist's written consent.</p>"
    "<p>Photos of a work must not show faces, names, tattoos or places. A blind jury chooses ten winners for the "
    "online exhibition on 18 July 2027.</p>"
)
PH26_RULES = (
    "<p>Photographs taken in art and photography classes: light as it falls in workshops, classrooms, yards and "
    "libraries. Up to five photographs per facility.</p>"
    "<p>No person may be recognisable in a photograph, and nothing may show where it was taken.</p>"
)
PH26_TITLES = [
    "Window light at noon", "Shadow of the fence", "Steam over the kitchen", "Hands at the loom",
    "Last sun on the wall", "Library corner", "Snow in the yard", "The greenhouse",
    "Keys of the accordion", "Bread from the bakery", "Evening in the workshop", "A letter by lamplight",
]  # fmt: skip
DRAFT_TITLE = "Colours of the morning yard"
RESULTS_ON = date(2027, 7, 18)  # Nelson Mandela Day: the online exhibition opens


def _campaign():
    return CampaignPage.objects.filter(slug=CAMPAIGN_SLUG).first()


def _entry(contest, facility, title, number, when, **fields):
    """An entry with one generated image, drafted by the facility's staff; credits vary with its number."""
    entry, _ = demo_entry(
        contest,
        facility,
        staff_of(facility),
        title,
        when=when,
        image_seeds=[7000 + number],
        image_size=IMAGE_SIZE,
        artist_code=f"{facility.code}-{200 + number}",
        credit=[Entry.Credit.ANONYMOUS, Entry.Credit.INITIALS, Entry.Credit.PSEUDONYM][number % 3],
        credit_name=["", "R. T.", "Night Owl"][number % 3],
        **fields,
    )
    return entry


def seed(context):
    campaign = _campaign()
    if campaign is None:
        return
    now = timezone.now()
    facilities = list(Facility.objects.filter(code__in=[f"{r}{n}" for r in ("KAR", "PAV") for n in range(1, 5)])
                      .select_related("region").order_by("code"))  # fmt: skip
    if not facilities:
        return
    officer = context.objects.get("officer")

    open_contest = demo_contest(
        campaign,
        "MD27",
        title="Art contest 2027: Freedom in colour",
        slug="art-contest-2027-freedom-in-colour",
        theme="Freedom in colour",
        rules=MD27_RULES,
        opens_at=now - timedelta(days=7),
        closes_at=now + timedelta(days=60),
        max_entries_per_facility=5,
        number_of_winners=10,
    )
    _entry(
        open_contest,
        facilities[0],
        DRAFT_TITLE,
        0,
        open_contest.opens_at + timedelta(days=2),
        medium="Acrylic on cardboard",
        dimensions="40 × 30 cm",
        year=2026,
        statement="The yard at seven in the morning, painted from memory in the colours I wish it had.",
    )

    judged_contest = demo_contest(
        campaign,
        "PH26",
        title="Photo contest 2026: Light behind walls",
        slug="photo-contest-2026-light-behind-walls",
        theme="Light behind walls",
        rules=PH26_RULES,
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=5),
        max_entries_per_facility=5,
        number_of_winners=3,
    )
    for number, title in enumerate(PH26_TITLES):
        facility = facilities[number % len(facilities)]
        when = judged_contest.opens_at + timedelta(days=3 + 4 * number, hours=number % 5)
        entry = _entry(
            judged_contest,
            facility,
            title,
            number + 1,
            when,
            medium="Photograph",
            year=2026,
            statement=f"Taken in the photography class: {title.lower()}.",
            show_facility=number % 3 == 0,
        )
        if entry.state == Entry.State.DRAFT:
            entry = service.submit(entry, entry.created_by, now=when, notify=False)
        if entry.review == Entry.Review.RECEIVED and officer is not None:
            screen(entry, officer, Entry.Review.ELIGIBLE)
    for contest in (open_contest, judged_contest):
        if contest.results_on is None:  # also for databases seeded before contests said when their results come
            contest.results_on = RESULTS_ON
            contest.save_revision().publish()
    context.objects["open_contest"] = open_contest
    context.objects["judged_contest"] = judged_contest
    context.log(
        f"Contests {open_contest.code} (open) and {judged_contest.code} (closed): "
        f"{Entry.objects.filter(contest__in=[open_contest, judged_contest]).count()} entries"
    )
