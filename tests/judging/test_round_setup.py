"""Setting up a round in the admin: times typed and shown in the contest's zone, and what an opened round was
built from (contest, kind, entry source and top N, judges per entry) fixed from then on."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core import dates
from gallery.judging.domain import rounds
from gallery.judging.models import Round, RoundSettled
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")
NEW_YORK = ZoneInfo("America/New_York")
CLOSES = datetime.datetime(2027, 3, 1, 13, 0, tzinfo=datetime.UTC)


def local(moment, zone):
    return timezone.localtime(moment, zone).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def open_round():
    contest = ContestFactory(time_zone="Asia/Almaty")
    place = FacilityFactory()
    for _ in range(3):
        EntryFactory(contest=contest, facility=place)
    rubric(contest)
    judges = [UserFactory(judge=True, email=f"late{n}@example.org") for n in range(2)]
    return RoundFactory(contest=contest, judges=judges, closes_at=timezone.now() + datetime.timedelta(days=3))


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(officer=True))
    return client


def form_fields(client, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return {field["name"]: field for field in page.select("form [name]") if field.name in ("input", "select")}


def edit_data(round_, **changes):
    data = {
        "contest": round_.contest_id,
        "name": round_.name,
        "kind": round_.kind,
        "position": round_.position,
        "entry_source": round_.entry_source,
        "top_n": round_.top_n or "",
        "judges": list(round_.round_judges.values_list("judge_id", flat=True)),
        "judges_per_entry": round_.judges_per_entry or "",
        "visibility": round_.visibility,
        "opens_at": local(round_.opens_at, ALMATY) if round_.opens_at else "",
        "closes_at": local(round_.closes_at, ALMATY) if round_.closes_at else "",
    }
    data.update(changes)
    return data


def test_an_opened_rounds_form_disables_what_the_round_was_built_from(officer_client, open_round):
    fields = form_fields(officer_client, reverse("judging_rounds:edit", args=[open_round.pk]))
    assert {name for name, field in fields.items() if field.has_attr("disabled")} >= set(Round.SETTLED_FIELDS)
    assert not fields["name"].has_attr("disabled") and not fields["closes_at"].has_attr("disabled")
    draft = RoundFactory(contest=open_round.contest, opened=False, position=2)
    fields = form_fields(officer_client, reverse("judging_rounds:edit", args=[draft.pk]))
    assert not any(fields[name].has_attr("disabled") for name in Round.SETTLED_FIELDS)


@pytest.mark.parametrize("status", ["open", "closed"])
def test_a_crafted_post_cannot_change_what_an_opened_round_was_built_from(officer_client, open_round, status):
    if status == "closed":
        rounds.close_round(open_round)
    other = ContestFactory()
    data = edit_data(
        open_round, contest=other.pk, kind="final", entry_source="top_n", top_n=2, judges_per_entry=1, name="Renamed"
    )
    response = officer_client.post(reverse("judging_rounds:edit", args=[open_round.pk]), data)
    assert response.status_code == 302
    stored = Round.objects.get(pk=open_round.pk)
    assert stored.name == "Renamed"  # what may change still does
    assert (stored.contest_id, stored.kind, stored.entry_source, stored.top_n, stored.judges_per_entry) == (
        open_round.contest_id,
        "scoring",
        "eligible",
        None,
        None,
    )


def test_the_model_refuses_to_change_what_an_opened_round_was_built_from(open_round):
    for name, value in [("kind", "final"), ("entry_source", "top_n"), ("top_n", 3), ("judges_per_entry", 1)]:
        round_ = Round.objects.get(pk=open_round.pk)
        setattr(round_, name, value)
        with pytest.raises(ValidationError) as refused:
            round_.full_clean()
        assert name in refused.value.message_dict
        with pytest.raises(RoundSettled):
            round_.save()
    round_ = Round.objects.get(pk=open_round.pk)
    round_.contest = ContestFactory()
    with pytest.raises(RoundSettled):
        round_.save(update_fields=["contest"])
    round_ = Round.objects.get(pk=open_round.pk)
    round_.name = "Still free"
    round_.save()
    assert Round.objects.get(pk=open_round.pk).kind == "scoring"

    draft = RoundFactory(contest=open_round.contest, opened=False, position=2)
    draft.kind, draft.entry_source, draft.top_n = "final", "top_n", 3
    draft.save()  # a draft round is still being set up
    assert Round.objects.get(pk=draft.pk).kind == "final"


def test_round_times_are_typed_and_shown_in_the_contests_zone(officer_client, open_round):
    open_round.closes_at = CLOSES
    open_round.save()
    url = reverse("judging_rounds:edit", args=[open_round.pk])
    html = officer_client.get(url).content.decode()
    assert form_fields(officer_client, url)["closes_at"]["value"] == local(CLOSES, ALMATY)
    assert "In the contest&#x27;s time zone (Asia/Almaty)." in html

    response = officer_client.post(url, edit_data(open_round, closes_at="2027-03-02 18:00"))
    assert response.status_code == 302
    assert Round.objects.get(pk=open_round.pk).closes_at == datetime.datetime(2027, 3, 2, 18, 0, tzinfo=ALMATY)


def test_a_new_rounds_times_are_read_in_the_zone_of_the_contest_chosen(officer_client, open_round):
    add_url = reverse("judging_rounds:add")
    html = officer_client.get(add_url).content.decode()
    assert f"In the contest&#x27;s time zone ({settings.VITRINE_DEFAULT_TIME_ZONE})." in html
    contest = ContestFactory(time_zone="America/New_York")
    response = officer_client.post(
        add_url,
        {
            "contest": contest.pk,
            "name": "Scoring",
            "kind": "scoring",
            "position": 1,
            "entry_source": "eligible",
            "opens_at": "2027-01-10 09:00",
            "judges": [UserFactory(judge=True).pk],
            "visibility": "never",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Round.objects.get(contest=contest)
    assert created.opens_at == datetime.datetime(2027, 1, 10, 9, 0, tzinfo=NEW_YORK)


def test_listings_show_round_times_in_the_contests_zone_with_its_name(officer_client, open_round):
    open_round.closes_at = CLOSES
    open_round.save()
    shown = dates.format_moment(CLOSES, ALMATY)  # "…, 18:00 (UTC+5)": as everywhere
    assert shown in officer_client.get(reverse("judging_rounds:index")).content.decode()
    assert shown in officer_client.get(reverse("judging_admin:index")).content.decode()


def test_the_reminder_gives_the_closing_time_in_the_contests_zone(officer_client, open_round):
    closes = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=2)
    Round.objects.filter(pk=open_round.pk).update(closes_at=closes)
    officer_client.post(reverse("judging_admin:remind", args=[open_round.pk]))
    assert len(mail.outbox) == 2
    body = mail.outbox[0].body
    assert f"The round closes on {dates.format_moment(closes, ALMATY)}." in body
    assert dates.format_moment(closes, "UTC", with_zone=False) not in body  # not the UTC wall time


def test_the_judges_field_offers_only_judges_and_refuses_anyone_else(officer_client):
    judge, staff, officer = UserFactory(judge=True), UserFactory(facility=FacilityFactory()), UserFactory(officer=True)
    draft = RoundFactory(contest=ContestFactory(time_zone="Asia/Almaty"), opened=False)
    url = reverse("judging_rounds:edit", args=[draft.pk])
    offered = {option["value"] for option in form_fields(officer_client, url)["judges"].select("option")}
    assert str(judge.pk) in offered and not {str(staff.pk), str(officer.pk)} & offered
    for crafted in (staff.pk, officer.pk, UserFactory(superuser=True).pk, UserFactory(judge=True, is_active=False).pk):
        response = officer_client.post(url, edit_data(draft, judges=[judge.pk, crafted]))
        assert response.status_code == 200 and "is not one of the available choices" in response.content.decode()
        assert not draft.round_judges.exists()
    assert officer_client.post(url, edit_data(draft, judges=[judge.pk])).status_code == 302
    assert list(draft.round_judges.values_list("judge_id", flat=True)) == [judge.pk]


def test_a_judge_who_lost_the_role_stays_on_the_round_when_it_is_saved(officer_client, open_round):
    leaving = open_round.round_judges.first().judge
    leaving.groups.clear()
    url = reverse("judging_rounds:edit", args=[open_round.pk])
    response = officer_client.post(url, edit_data(open_round, name="Renamed"))
    assert response.status_code == 302
    assert open_round.round_judges.filter(judge=leaving).exists()
