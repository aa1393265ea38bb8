from gallery.models.contest import ContestPage
from gallery.models.entry import Entry, EntryImage
from gallery.models.extension import ContestExtension
from gallery.models.facility import Facility, FacilityMembership, Region
from gallery.models.upload import UploadSession

__all__ = [
    "ContestExtension",
    "ContestPage",
    "Entry",
    "EntryImage",
    "Facility",
    "FacilityMembership",
    "Region",
    "UploadSession",
]
