from events.models.event import EventIndexPage, EventPage, EventSession
from events.models.pages import CampaignPage, HomePage
from events.models.person import Person
from events.models.story import StoryIndexPage, StoryPage, StoryPageTag
from events.models.workflow import SecondOfficerApprovalTask

__all__ = [
    "CampaignPage",
    "EventIndexPage",
    "EventPage",
    "EventSession",
    "HomePage",
    "Person",
    "SecondOfficerApprovalTask",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageTag",
]
