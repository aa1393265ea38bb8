from gallery.models.contest import ContestPage
from gallery.models.entry import Entry, EntryImage
from gallery.models.facility import Facility, FacilityMembership, Region

__all__ = ["ContestPage", "Entry", "EntryImage", "Facility", "FacilityMembership", "Region"]
