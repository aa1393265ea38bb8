"""Demo facilities: eight pilot institutions in the Karaganda and Pavlodar regions (names are fictional)."""

from core import roles
from demo.accounts import ensure_user
from gallery.models import Facility, FacilityMembership, Region

REGIONS = [("KAR", "Karaganda region"), ("PAV", "Pavlodar region")]

FACILITIES = [
    ("KAR1", "KAR", "Steppe Light Correctional Institution", Facility.Kind.MEDIUM),
    ("KAR2", "KAR", "Nura River Colony", Facility.Kind.MINIMUM),
    ("KAR3", "KAR", "Saryarka Women's Institution", Facility.Kind.WOMEN),
    ("KAR4", "KAR", "Temirtau Road Facility", Facility.Kind.MAXIMUM),
    ("PAV1", "PAV", "Irtysh Bank Correctional Institution", Facility.Kind.MEDIUM),
    ("PAV2", "PAV", "Bayanaul Hills Colony", Facility.Kind.MINIMUM),
    ("PAV3", "PAV", "Ekibastuz Workshop Institution", Facility.Kind.MEDIUM),
    ("PAV4", "PAV", "Aksu Youth Facility", Facility.Kind.JUVENILE),
]


def seed(context):
    regions = {}
    for code, name in REGIONS:
        regions[code], _ = Region.objects.get_or_create(code=code, defaults={"name": name})
    facilities = []
    for code, region_code, name, kind in FACILITIES:
        facility, _ = Facility.objects.get_or_create(
            code=code, defaults={"name": name, "region": regions[region_code], "kind": kind}
        )
        username = f"facility-{code.lower()}"
        user = ensure_user(context, username, groups=[roles.FACILITY_STAFF], first_name=f"Staff of {code}")
        FacilityMembership.objects.get_or_create(user=user, defaults={"facility": facility})
        context.logins.append((username, f"facility staff, {name}"))
        facilities.append(facility)
    context.objects["regions"] = regions
    context.objects["facilities"] = facilities
