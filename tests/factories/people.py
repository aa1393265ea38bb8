"""Users and the places they belong to: regions, facilities and facility staff memberships."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from core import roles
from gallery.models import Facility, FacilityMembership, Region


def role_group(name):
    """The role's group as migrate left it (with its rights); rebuilt by core.roles if a flush emptied it."""
    return Group.objects.filter(name=name).first() or roles.ensure_roles()[name]


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")
    code = factory.Sequence(lambda n: f"r{n}")


class FacilityFactory(DjangoModelFactory):
    class Meta:
        model = Facility

    name = factory.Sequence(lambda n: f"Facility {n}")
    code = factory.Sequence(lambda n: f"F{n}")
    region = factory.SubFactory(RegionFactory)


class FacilityMembershipFactory(DjangoModelFactory):
    """The bare link row; `UserFactory(facility=...)` also puts the user in the facility staff group."""

    class Meta:
        model = FacilityMembership

    user = factory.SubFactory("tests.factories.people.UserFactory")
    facility = factory.SubFactory(FacilityFactory)


class UserFactory(DjangoModelFactory):
    """A user made with create_user (password "pw"). Roles: officer=True, judge=True, facility=<Facility> (staff
    of that facility: membership and group), superuser=True."""

    class Meta:
        model = get_user_model()

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = "pw"
    # Not model fields: _create takes them off and turns them into groups and a membership.
    officer = False
    judge = False
    facility = None

    @classmethod
    def _create(cls, model_class, *args, officer=False, judge=False, facility=None, **fields):
        user = model_class._default_manager.create_user(*args, **fields)
        names = [name for name, wanted in ((roles.OFFICERS, officer), (roles.JUDGES, judge)) if wanted]
        if facility is not None:
            FacilityMembershipFactory(user=user, facility=facility)
            names.append(roles.FACILITY_STAFF)
        if names:
            user.groups.add(*(role_group(name) for name in names))
        return user

    @classmethod
    def _build(cls, model_class, *args, officer=False, judge=False, facility=None, password="pw", **fields):
        user = model_class(*args, **fields)
        user.set_password(password)
        return user
