"""The officers' judging screens are a Wagtail viewset: following rounds needs "view" on rounds, running them
"change", approving results "add" on results; anyone else gets Wagtail's refusal before anything happens."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core import roles
from gallery.judging.domain import scoring
from gallery.judging.models import Result, Round
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = pytest.mark.django_db

OPERATIONS = ["open", "close", "remind", "approve", "decide", "shortlist"]


@pytest.fixture
def scored_round():
    contest = ContestFactory(number_of_winners=1)
    place = FacilityFactory()
    for _ in range(2):
        EntryFactory(contest=contest, facility=place)
    rubric(contest)
    judge = UserFactory(judge=True, email="judge@example.org")
    round_ = RoundFactory(contest=contest, judges=[judge])
    for round_entry in round_.round_entries.select_related("round"):
        for criterion in round_.criteria.all():
            scoring.save_score(judge, round_entry, criterion.pk, 7)
    return round_


def admin_user(*permissions):
    """A user who may use the Wagtail admin with only these extra rights ("app_label.codename")."""
    group = Group.objects.create(name=f"Custom {len(permissions)} {Group.objects.count()}")
    for spec in ("wagtailadmin.access_admin", *permissions):
        app_label, codename = spec.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    user = UserFactory()
    user.groups.add(group)
    return user


def post(client, name, round_):
    data = {"shortlisted": [round_.round_entries.first().pk]} if name == "shortlist" else {}
    return client.post(reverse(f"judging_admin:{name}", args=[round_.pk]), data)


def state(round_):
    """What any operation would change: the round, results, shortlist, tie orders, emails, the audit log."""
    return (
        Round.objects.get(pk=round_.pk).status,
        Result.objects.count(),
        sorted(round_.round_entries.values_list("pk", "shortlisted", "officer_tie_break")),
        len(mail.outbox),
        ModelLogEntry.objects.count(),
    )


def refused(response):
    """Wagtail's answer to a missing permission: back to the dashboard with its error message (messages of earlier
    refusals wait there too, unread)."""
    messages = {str(message).strip() for message in get_messages(response.wsgi_request)}
    return (
        response.status_code == 302
        and response.url == reverse("wagtailadmin_home")
        and messages == {"Sorry, you do not have permission to access this area."}
    )


def menu_links(client):
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_judging_menu_shows_only_to_those_who_may_follow_rounds(client):
    client.force_login(UserFactory(officer=True))
    assert f'"{reverse("judging_admin:index")}"' in menu_links(client)
    client.force_login(admin_user())
    assert f'"{reverse("judging_admin:index")}"' not in menu_links(client)


def test_a_user_who_may_only_follow_rounds_sees_them_but_cannot_run_them(client, scored_round):
    client.force_login(admin_user("judging.view_round"))
    assert client.get(reverse("judging_admin:index")).status_code == 200
    page = client.get(reverse("judging_admin:round", args=[scored_round.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert not any(reverse(f"judging_admin:{name}", args=[scored_round.pk]) in html for name in OPERATIONS)
    export = client.get(reverse("judging_admin:export", args=[scored_round.pk, "ranking", "csv"]))
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    before = state(scored_round)
    for name in OPERATIONS:
        assert refused(post(client, name, scored_round)), name
    assert state(scored_round) == before


def test_an_admin_user_without_judging_rights_is_refused_every_screen(client, scored_round):
    client.force_login(admin_user("gallery.view_entry"))
    assert refused(client.get(reverse("judging_admin:index")))
    assert refused(client.get(reverse("judging_admin:round", args=[scored_round.pk])))
    assert refused(client.get(reverse("judging_admin:export", args=[scored_round.pk, "scores", "xlsx"])))
    before = state(scored_round)
    for name in OPERATIONS:
        assert refused(post(client, name, scored_round)), name
    assert state(scored_round) == before


def test_approving_needs_the_right_to_add_results(client, scored_round):
    officers = Group.objects.get(name=roles.OFFICERS)
    officers.permissions.remove(Permission.objects.get(content_type__app_label="judging", codename="add_result"))
    client.force_login(UserFactory(officer=True))
    html = client.get(reverse("judging_admin:round", args=[scored_round.pk])).content.decode()
    assert reverse("judging_admin:close", args=[scored_round.pk]) in html
    assert reverse("judging_admin:approve", args=[scored_round.pk]) not in html
    assert refused(client.get(reverse("judging_admin:approve", args=[scored_round.pk])))
    assert refused(post(client, "approve", scored_round))
    assert not Result.objects.exists()
    assert post(client, "close", scored_round).status_code == 302  # running rounds is still theirs
    assert Round.objects.get(pk=scored_round.pk).status == Round.Status.CLOSED


def test_operations_answer_only_post(client, scored_round):
    client.force_login(UserFactory(officer=True))
    before = state(scored_round)
    for name in OPERATIONS:
        expected = 200 if name == "approve" else 405  # approving shows its confirmation page first
        assert client.get(reverse(f"judging_admin:{name}", args=[scored_round.pk])).status_code == expected, name
    assert state(scored_round) == before


def test_reminding_the_judges_of_a_closed_round_is_refused(client, scored_round):
    client.force_login(UserFactory(officer=True))
    post(client, "close", scored_round)
    response = post(client, "remind", scored_round)
    assert response.status_code == 302
    assert not mail.outbox and not ModelLogEntry.objects.filter(action="judging.remind").exists()
