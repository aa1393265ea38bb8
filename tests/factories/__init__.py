"""factory_boy factories shared by every test folder. Import from here: `from tests.factories import UserFactory`.

people.py: users with roles, regions, facilities, memberships. pages.py: Wagtail pages (campaigns, events, stories,
contests) and Wagtail images. entries.py: entries through the intake services and image pipeline, or written
directly for judging. judging.py: rubrics and rounds.
"""

from tests.factories.entries import (
    DraftEntryFactory,
    EntryFactory,
    EntryImageFactory,
    SubmittedEntryFactory,
    bulk_entries,
    jpeg_bytes,
)
from tests.factories.exhibition import awarded_contest, exhibition_of
from tests.factories.judging import CriterionFactory, RoundFactory, rubric, scored_round
from tests.factories.pages import (
    CampaignFactory,
    ContestFactory,
    EventFactory,
    EventIndexFactory,
    PageFactory,
    StoryFactory,
    StoryIndexFactory,
    WagtailImageFactory,
    home_page,
)
from tests.factories.people import FacilityFactory, FacilityMembershipFactory, RegionFactory, UserFactory, role_group

__all__ = [
    "awarded_contest",
    "exhibition_of",
    "CampaignFactory",
    "ContestFactory",
    "CriterionFactory",
    "DraftEntryFactory",
    "EntryFactory",
    "EntryImageFactory",
    "EventFactory",
    "EventIndexFactory",
    "FacilityFactory",
    "FacilityMembershipFactory",
    "PageFactory",
    "RegionFactory",
    "RoundFactory",
    "StoryFactory",
    "StoryIndexFactory",
    "SubmittedEntryFactory",
    "UserFactory",
    "WagtailImageFactory",
    "bulk_entries",
    "home_page",
    "jpeg_bytes",
    "role_group",
    "rubric",
    "scored_round",
]
