"""The online exhibition of the 2020 contest: its ten winners and three honourable mentions, published.

Built as an officer would: the page is added under the campaign, its works come from the approved results, each
image gets its alt text, and the page is published; the public images are made at once. Idempotent: an
exhibition that exists is left as it is.
"""

from gallery.exhibition.domain.curation import sync_works
from gallery.exhibition.domain.publication import make_public_files
from gallery.exhibition.models import ExhibitionPage
from gallery.models import ContestPage

INTRO = (
    "Ten works chosen by the jury from the paintings and photographs that facilities of the Karaganda and Pavlodar "
    "regions sent after the online master class of July 2020, with the jury's honourable mentions. The artists "
    "are credited as they chose: by initials, a pseudonym or not at all."
)
SHAPES = [
    "overlapping translucent shapes in deep blue and red on a pale ground",
    "warm ochre and teal fields crossed by curved brush lines",
    "soft circles of green and sand colour over a dark ground",
    "a night-blue ground with bright yellow strokes and floating discs",
    "earthy browns and olive tones in layered, broken forms",
    "ocean blues with a single orange sweep across the picture",
]


def alt_text(entry, position):
    look = SHAPES[(entry.pk or 0) % len(SHAPES)]
    if position:
        return f"Detail of “{entry.title}”: close view of the brushwork, {look}."
    return f"{entry.medium or 'Painting'}, abstract: {look}."


def seed(context):
    contest = ContestPage.objects.filter(code="MD20").first()
    if contest is None or ExhibitionPage.objects.filter(contest=contest).exists():
        return
    campaign = contest.get_parent()
    page = ExhibitionPage(
        title="Online exhibition: art behind walls 2020",
        slug="online-exhibition",
        contest=contest,
        live=False,
        intro=INTRO,
        hashtag="#MandelaDay",
        search_description="The winning works of the 2020 Nelson Mandela Day art and photo contest.",
    )
    campaign.add_child(instance=page)
    if not sync_works(page):
        context.log("  2020 exhibition: the contest has no approved result yet")
        return
    for work in page.works.all():
        for position, image in enumerate(work.images.all()):
            image.alt_text = alt_text(work.entry, position)
    page.save_revision(user=context.objects.get("officer2")).publish()
    made = make_public_files(page.pk)
    context.log(f"  published the 2020 exhibition: {page.works.count()} works, {made} public images")
