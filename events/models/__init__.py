from events.models.campaign import CampaignPage
from events.models.event import EventPage
from events.models.event_index import EventIndexPage
from events.models.home import HomePage
from events.models.person import Person
from events.models.session import EventSession
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
