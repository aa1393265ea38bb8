from gallery.models.facility import Facility, FacilityMembership, Region

__all__ = ["Facility", "FacilityMembership", "Region"]
