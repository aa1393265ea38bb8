"""The judging demo: a judged and frozen MD20 contest, and a second run that changes nothing."""

import pytest
from django.apps import apps
from django.urls import reverse

from demo import judging_2020 as demo
from demo.accounts import DemoContext
from gallery.judging.models import Declaration, Result, Round, Score
from gallery.models import Entry
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db


def counts():
    labels = {"judging", "gallery", "wagtailcore", "auth"}
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in labels}


def test_demo_does_nothing_without_the_contest():
    demo.seed(DemoContext(password="pw", log=lambda *a: None))
    assert not Round.objects.exists()


def test_demo_judges_md20_and_is_idempotent(client):
    contest = ContestFactory(code="MD20", number_of_winners=10)
    places = [FacilityFactory() for _ in range(4)]
    for n in range(24):
        EntryFactory(contest=contest, facility=places[n % 4], images=1 if n < 3 else 0)
    EntryFactory(contest=contest, facility=places[0], review=Entry.Review.DISQUALIFIED)
    judges = [UserFactory(username=f"judge{n}", judge=True) for n in (1, 2, 3)]
    UserFactory(username="officer", officer=True)
    context = DemoContext(password="pw", log=lambda *a: None)

    demo.seed(context)
    first = counts()
    demo.seed(context)
    assert counts() == first

    result = Result.objects.get(contest=contest)
    assert result.rows.filter(award="winner").count() >= 10
    assert result.rows.filter(award="honourable").exists()
    assert Entry.objects.filter(contest=contest, review=Entry.Review.WINNER).count() >= 10
    assert Declaration.objects.filter(kind="conflict").count() == 1
    assert Score.objects.count() == (24 * 3 - 1) * 4
    assert list(Round.objects.filter(contest=contest).values_list("kind", "status")) == [
        ("screening", "closed"),
        ("scoring", "closed"),
    ]
    # judge1 signs in and finds the round, read-only.
    client.force_login(judges[0])
    html = client.get(reverse("judging:index")).content.decode()
    assert "Scoring" in html and "24 of 24 scored" in html
