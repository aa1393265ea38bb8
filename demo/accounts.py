"""Demo content shared by every app: site identity and the officer and judge accounts.

Each app adds its own part of the demo campaign in its own `demo` module; `seed_demo` runs them in
DEMO_STEPS order. Every step is idempotent: it looks things up by natural keys before creating them.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site

from core import roles
from core.models import SiteIdentity

DEMO_STEPS = [
    "demo.accounts.seed",  # site identity, officer and judge accounts
    "demo.facilities.seed",  # regions, eight facilities, one staff account each
    "demo.campaigns.seed",  # the campaign, its events and stories
    "demo.contest_2020.seed",  # the contest and its entries with generated artworks
    "demo.judging_2020.seed",  # rounds, scores and the frozen result
    "demo.exhibition_2020.seed",  # the published online exhibition of its winners
    "demo.campaigns.seed_next_campaign",  # the 2027 campaign, live today
    "demo.contests_2027.seed",  # an open contest (MD27) and a closed one awaiting the jury (PH26)
    "demo.judging_2027.seed",  # PH26's scoring round, open and half scored
]


@dataclass
class DemoContext:
    """Passed from step to step: the shared password, a log, and objects later steps need."""

    password: str
    log: callable = print
    objects: dict = field(default_factory=dict)
    logins: list = field(default_factory=list)


def ensure_user(context, username, *, groups=(), first_name="", last_name="", email=None, is_superuser=False):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": email or f"{username}@vitrine.localhost",
            "is_superuser": is_superuser,
            "is_staff": is_superuser,
        },
    )
    if created:
        user.set_password(context.password)
        user.save()
    if groups:
        user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def seed(context):
    site = Site.objects.get(is_default_site=True)
    identity = SiteIdentity.for_site(site)
    identity.site_name = "Vitrine"
    identity.tagline = "Art from correctional facilities of Kazakhstan, in an online exhibition."
    identity.organisation = "United Nations Office on Drugs and Crime"
    identity.save()
    if site.site_name != "Vitrine":
        site.site_name = "Vitrine"
        site.save()

    roles.ensure_roles()
    officer = ensure_user(context, "officer", groups=[roles.OFFICERS], first_name="Aigerim", last_name="Demo officer")
    context.objects["officer"] = officer
    context.logins.append(("officer", "communication officer (Wagtail admin)"))
    admin = ensure_user(context, "admin", is_superuser=True, first_name="Site", last_name="Administrator")
    context.objects["admin"] = admin
    context.logins.append(("admin", "administrator (everything)"))
    judges = []
    for number in range(1, 4):
        judges.append(ensure_user(context, f"judge{number}", groups=[roles.JUDGES], first_name=f"Judge {number}"))
        context.logins.append((f"judge{number}", "judge"))
    context.objects["judges"] = judges


def password():
    return settings.DEMO_PASSWORD
