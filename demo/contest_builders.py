"""The two builders every demo contest uses: a contest page under a campaign, and an entry drafted by facility
staff with generated artworks. Both go through the same services as the portal (every image through the intake
pipeline) and are idempotent: a contest is found by its code, an entry by (contest, facility, title).
"""

import io

from demo.artwork import artwork_jpeg
from gallery.domain import entries as service
from gallery.domain.entry_images import add_entry_image
from gallery.models import ContestPage, Entry, Region

CONSENT = (
    "The artist has agreed, freely and in writing, that this work may be judged and shown in the online "
    "exhibition under the credit chosen above, and knows that consent can be withdrawn until the deadline."
)
# The demo facilities are in these regions; every demo contest is open to both.
REGIONS = ("KAR", "PAV")


def staff_of(facility):
    """The facility's (first) staff account, who enters its works."""
    return facility.memberships.select_related("user").first().user


def demo_contest(campaign, code, **fields):
    """The contest with this code, created and published under the campaign on the first run only."""
    contest = ContestPage.objects.filter(code=code).first()
    if contest is not None:
        return contest
    fields = {"time_zone": "Asia/Almaty", "consent_statement": CONSENT, "min_image_side": 600, **fields}
    contest = ContestPage(code=code, **fields)
    campaign.add_child(instance=contest)
    contest.eligible_regions.set(Region.objects.filter(code__in=REGIONS))
    contest.save_revision().publish()
    return ContestPage.objects.get(pk=contest.pk)


def demo_entry(contest, facility, user, title, *, when, image_seeds, image_size, **fields):
    """A draft entered by `user` at `when`, with one generated artwork per seed (the first is the work, the
    others details). Returns (entry, created); an entry that exists is returned as it is."""
    entry = Entry.objects.filter(contest=contest, facility=facility, title=title).first()
    if entry is not None:
        return entry, False
    entry = service.create_draft(contest, facility, user, now=when, title=title, consent_confirmed=True, **fields)
    for seed in image_seeds:
        artwork = io.BytesIO(artwork_jpeg(seed, facility.region.code, size=image_size))
        add_entry_image(entry, artwork, user=user, now=when)
    return entry, True
