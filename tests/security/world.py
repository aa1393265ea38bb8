"""One world for the security harnesses: two facilities with staff, an open contest with a draft of facility A
(image through the real pipeline, thumbnail, consent form), a judging round with a judge, a judge who declared a
conflict, an entry the judge is not assigned, an approved (frozen) result with an exhibition and a certificate,
and one user per role. `ROLES` names the roles in the order the access table lists them; `world` is the fixture
(no conftest: tests/security is shared with the sign-in tests, whose fixtures live in its conftest)."""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import TestCase
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    ReferenceIndex,
    Site,
    Task,
    Workflow,
)

from core import roles
from core.models import PeriodicRun
from events.models import Person
from gallery.exhibition.models import Takedown
from gallery.judging.domain import scoring
from gallery.judging.models import Assignment, Declaration, JudgeProfile, JudgingSettings
from gallery.models import ContestExtension, Entry, FacilityMembership, UploadSession
from tests.factories import (
    ContestFactory,
    DraftEntryFactory,
    EntryFactory,
    EventFactory,
    FacilityFactory,
    RoundFactory,
    StoryFactory,
    UserFactory,
    WagtailImageFactory,
    awarded_contest,
    exhibition_of,
    role_group,
    rubric,
)
from tests.intake import files
from tests.security.probe import Probe

ANON = "anonymous"
STAFF_A = "staff_a"
STAFF_B = "staff_b"
JUDGE = "judge"
JUDGE_CONFLICT = "judge_conflict"
OFFICER = "officer"
OFFICER_NO_NAMES = "officer_no_names"
SUPERUSER = "superuser"
ROLES = (ANON, STAFF_A, STAFF_B, JUDGE, JUDGE_CONFLICT, OFFICER, OFFICER_NO_NAMES, SUPERUSER)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def officers_without_judge_names():
    """A copy of the officers' group (model, page and collection rights) without judging.view_judge_names: what
    an administrator makes when some officers must not see who scored what."""
    officers = role_group(roles.OFFICERS)
    group = Group.objects.create(name="Officers without judges' names")
    group.permissions.set(officers.permissions.exclude(codename="view_judge_names"))
    for grant in GroupPagePermission.objects.filter(group=officers):
        GroupPagePermission.objects.create(group=group, page=grant.page, permission=grant.permission)
    for grant in GroupCollectionPermission.objects.filter(group=officers):
        GroupCollectionPermission.objects.create(group=group, collection=grant.collection, permission=grant.permission)
    return group


@pytest.fixture(scope="module", name="world")
def world_fixture(django_db_setup, django_db_blocker):
    """The world, built once per test module (per xdist worker) inside a transaction rolled back when the module
    ends. The harnesses' tests are django_db tests, so their own transactions nest inside it; every request runs
    in a savepoint of its own (probe.Probe), so no test sees another's writes. Test modules import this fixture."""
    with django_db_blocker.unblock():
        ContentType.objects.clear_cache()  # a transactional test before may have given content types new ids
        with transaction.atomic():
            built = build_world()
            built.probe = Probe(built.users)
            yield built
            transaction.set_rollback(True)
        ContentType.objects.clear_cache()


def build_world():
    """Everything the matrix asks about; on-commit work (thumbnails, public files) runs as it would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return _build()


def _build():
    world = World()
    o = world.objects
    o["facility_a"], o["facility_b"] = FacilityFactory(), FacilityFactory()
    superuser = UserFactory(superuser=True)
    officer_no_names = UserFactory()
    officer_no_names.groups.add(officers_without_judge_names())
    judge, judge_conflict = UserFactory(judge=True), UserFactory(judge=True)
    world.users.update(
        {
            ANON: None,
            STAFF_A: UserFactory(facility=o["facility_a"]),
            STAFF_B: UserFactory(facility=o["facility_b"]),
            JUDGE: judge,
            JUDGE_CONFLICT: judge_conflict,
            OFFICER: UserFactory(officer=True),
            OFFICER_NO_NAMES: officer_no_names,
            SUPERUSER: superuser,
        }
    )
    o["membership_a"] = FacilityMembership.objects.get(user=world.users[STAFF_A])
    for facility in (o["facility_a"], o["facility_b"]):  # as the admin's forms leave them: region in use
        ReferenceIndex.create_or_update_for_object(facility)

    # Intake: a draft of facility A in an open contest, its image made by the real pipeline, a consent form.
    o["open_contest"] = ContestFactory(open_for_entries=True)
    o["campaign"] = o["open_contest"].get_parent().specific
    draft = DraftEntryFactory(contest=o["open_contest"], facility=o["facility_a"], created_by=world.users[STAFF_A])
    draft.consent_form.save("consent.pdf", ContentFile(files.PDF), save=True)
    o["draft"], o["image"] = draft, draft.images.get()
    o["extension"] = ContestExtension.objects.create(
        contest=o["open_contest"], facility=o["facility_a"], closes_at=o["open_contest"].closes_at, reason="Flood."
    )

    # Judging: two entries of A; the judge is assigned the first only; the other judge declared a conflict on it.
    o["judged_contest"] = contest = ContestFactory(number_of_winners=1)
    first, second = (EntryFactory(contest=contest, facility=o["facility_a"], images=1) for _ in range(2))
    o["criteria"] = rubric(contest)
    o["round"] = round_ = RoundFactory(contest=contest, judges=[judge, judge_conflict])
    o["assigned"] = round_.round_entries.get(entry=first)
    o["unassigned"] = round_.round_entries.get(entry=second)
    Assignment.objects.filter(round_entry=o["unassigned"], judge=judge).delete()
    scoring.declare(judge_conflict, o["assigned"], Declaration.Kind.CONFLICT, "My cousin's work.")
    scoring.save_score(judge, o["assigned"], round_.criteria.order_by("pk").first().pk, 5)
    o["judging_settings"] = JudgingSettings.for_contest(contest)
    o["judge_profile"] = JudgeProfile.objects.get_or_create(user=judge)[0]

    # The end: a frozen result whose winner is A's, a published exhibition, a takedown of another work.
    awarded, (winner, other) = awarded_contest(winners=1, others=1)
    Entry.objects.filter(pk__in=[winner.pk, other.pk]).update(facility=o["facility_a"], submitted_at=timezone.now())
    o["awarded_contest"], o["winner"] = awarded, Entry.objects.get(pk=winner.pk)
    o["exhibition"] = exhibition_of(awarded)
    o["takedown"] = Takedown.objects.create(
        entry=other, source=Takedown.Source.OFFICER, reason="Shown by mistake.", taken_down_by=superuser
    )

    # Pages, media and snippets for the admin's own screens.
    o["home"] = Page.objects.get(depth=2, pk=Site.objects.get(is_default_site=True).root_page_id)
    o["event"] = EventFactory(parent=o["campaign"])
    o["story"] = StoryFactory(parent=o["campaign"])
    o["wagtail_image"] = WagtailImageFactory()
    o["document"] = get_document_model().objects.create(
        title="Report", file=ContentFile(b"report", name="report.txt"), collection=Collection.get_first_root_node()
    )
    o["collection"] = Collection.get_first_root_node()
    o["site"] = Site.objects.get(is_default_site=True)
    o["officers"] = role_group(roles.OFFICERS)
    o["locale"] = Locale.get_default()
    o["workflow"], o["task"] = Workflow.objects.order_by("pk").first(), Task.objects.order_by("pk").first()
    o["redirect"] = Redirect.objects.create(old_path="/old-story", redirect_page=o["story"])
    o["person"] = Person.objects.create(name="A trainer")

    # A resumable upload begun by A's staff, a sign-in lockout and a periodic job's run, for their screens.
    o["upload"] = UploadSession.objects.create(
        entry=draft,
        user=world.users[STAFF_A],
        key="a" * 32,
        length=1024,
        expires_at=timezone.now() + timedelta(hours=1),
    )
    o["lockout"] = AccessAttempt.objects.create(
        username="someone", ip_address="192.0.2.7", user_agent="", failures_since_start=5, attempt_time=timezone.now()
    )
    o["periodic_run"] = PeriodicRun.objects.create(job="publish_scheduled", slot=timezone.now())
    return world
