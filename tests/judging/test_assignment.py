"""Who judges what: balanced workloads and affiliations that keep a judge away from their own facility."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gallery.judging.domain import errors, rounds
from gallery.judging.domain.assignment import EntryInfo, JudgeInfo, assign
from gallery.judging.models import Assignment, JudgeProfile
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 60), st.integers(1, 9), st.data())
def test_k_judges_per_entry_with_loads_within_one(entry_count, judge_count, data):
    per_entry = data.draw(st.integers(1, judge_count))
    entries = [EntryInfo(id=i, facility=i % 5, region=i % 2) for i in range(entry_count)]
    judges = [JudgeInfo(id=100 + j) for j in range(judge_count)]
    plan = assign(entries, judges, per_entry=per_entry)
    per = {}
    for entry, judge in plan.pairs:
        per.setdefault(entry, set()).add(judge)
    assert all(len(judges_of) == per_entry for judges_of in per.values()) and len(per) == entry_count
    assert len(plan.pairs) == len(set(plan.pairs))
    loads = [plan.load().get(judge.id, 0) for judge in judges]
    assert max(loads) - min(loads) <= 1
    assert plan.short == {}


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 40), st.integers(2, 8), st.data())
def test_affiliated_judges_are_never_assigned(entry_count, judge_count, data):
    entries = [EntryInfo(id=i, facility=i % 4, region=i % 2) for i in range(entry_count)]
    judges = [
        JudgeInfo(
            id=j,
            facilities=frozenset(data.draw(st.sets(st.integers(0, 3), max_size=2))),
            regions=frozenset(data.draw(st.sets(st.integers(0, 1), max_size=1))),
        )
        for j in range(judge_count)
    ]
    per_entry = data.draw(st.one_of(st.none(), st.integers(1, judge_count)))
    plan = assign(entries, judges, per_entry=per_entry)
    by_id = {e.id: e for e in entries}
    judges_by_id = {j.id: j for j in judges}
    for entry, judge in plan.pairs:
        assert judges_by_id[judge].may_judge(by_id[entry])
    if per_entry:
        for entry in entries:
            possible = sum(1 for judge in judges if judge.may_judge(entry))
            got = sum(1 for e, _ in plan.pairs if e == entry.id)
            assert got == min(per_entry, possible)
            assert plan.short.get(entry.id, 0) == per_entry - got


def test_every_judge_scores_every_entry_by_default():
    entries = [EntryInfo(id=i, facility=1, region=1) for i in range(4)]
    judges = [JudgeInfo(id=j) for j in range(3)]
    assert len(assign(entries, judges).pairs) == 12


@pytest.mark.django_db
def test_opening_a_round_keeps_judges_away_from_affiliated_facilities_and_regions():
    contest = ContestFactory()
    home = FacilityFactory()
    same_region = FacilityFactory(region=FacilityFactory().region)
    elsewhere = FacilityFactory()
    entries = [
        EntryFactory(contest=contest, facility=home),
        EntryFactory(contest=contest, facility=same_region),
        EntryFactory(contest=contest, facility=elsewhere),
    ]
    rubric(contest)
    tied_to_facility, tied_to_region, free = (UserFactory(judge=True) for _ in range(3))
    JudgeProfile.objects.create(user=tied_to_facility).facilities.add(home)
    JudgeProfile.objects.create(user=tied_to_region).regions.add(same_region.region)
    round_ = RoundFactory(contest=contest, judges=[tied_to_facility, tied_to_region, free])

    pairs = set(Assignment.objects.filter(round_entry__round=round_).values_list("round_entry__entry_id", "judge_id"))
    assert (entries[0].pk, tied_to_facility.pk) not in pairs
    assert (entries[1].pk, tied_to_region.pk) not in pairs
    assert {(e.pk, free.pk) for e in entries} <= pairs
    assert (entries[2].pk, tied_to_facility.pk) in pairs and (entries[0].pk, tied_to_region.pk) in pairs
    assert len(pairs) == 7


@pytest.mark.django_db
def test_opening_a_round_enrols_eligible_entries_under_unique_random_codes_and_snapshots_the_rubric():
    contest = ContestFactory()
    place = FacilityFactory()
    eligible = [EntryFactory(contest=contest, facility=place) for _ in range(5)]
    EntryFactory(contest=contest, facility=place, review="disqualified")
    EntryFactory(contest=contest, facility=place, state="draft")
    criteria = rubric(contest)
    round_ = RoundFactory(contest=contest, judges=[UserFactory(judge=True)])

    enrolled = list(round_.round_entries.all())
    assert {re.entry_id for re in enrolled} == {e.pk for e in eligible}
    codes = [re.code for re in enrolled]
    assert len(set(codes)) == len(codes)
    for re in enrolled:
        assert re.code.isalnum() and len(re.code) == 6 and re.code != re.entry.reference
    # Random, not derived from ids: the same entries get different codes in another round.
    again = RoundFactory(contest=contest, judges=[UserFactory(judge=True)], opened=False)
    again.round_entries.bulk_create([type(enrolled[0])(round=again, entry_id=re.entry_id) for re in enrolled])
    assert {re.code for re in again.round_entries.all()} != set(codes)
    # Editing the contest's rubric later does not reach the opened round.
    criteria[0].name, criteria[0].weight = "Renamed", 9
    criteria[0].save()
    assert list(round_.criteria.values_list("name", "weight")) == [("Composition", 1), ("Technique", 1)]


@pytest.mark.django_db
def test_only_one_round_of_a_contest_is_open_at_a_time():
    contest = ContestFactory()
    EntryFactory(contest=contest, facility=FacilityFactory())
    rubric(contest)
    judge = UserFactory(judge=True)
    RoundFactory(contest=contest, judges=[judge])
    second = RoundFactory(contest=contest, judges=[judge], opened=False)
    with pytest.raises(errors.JudgingError):
        rounds.open_round(second)


@pytest.mark.django_db
@pytest.mark.parametrize("per_entry", [None, 1])
def test_a_judge_who_is_staff_of_a_facility_is_never_assigned_its_entries(per_entry):
    contest = ContestFactory()
    home, elsewhere = FacilityFactory(), FacilityFactory()
    own = [EntryFactory(contest=contest, facility=home) for _ in range(2)]
    other = EntryFactory(contest=contest, facility=elsewhere)
    rubric(contest)
    insider = UserFactory(judge=True, facility=home)  # a facility staff account that was made a judge
    outsider = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[insider, outsider], judges_per_entry=per_entry)

    pairs = set(Assignment.objects.filter(round_entry__round=round_).values_list("round_entry__entry_id", "judge_id"))
    assert not {(entry.pk, insider.pk) for entry in own} & pairs
    assert {(entry.pk, outsider.pk) for entry in own} <= pairs
    if per_entry is None:
        assert (other.pk, insider.pk) in pairs


@pytest.mark.django_db
def test_a_staff_judge_added_to_an_open_round_gets_only_other_facilities_entries():
    contest = ContestFactory()
    home, elsewhere = FacilityFactory(), FacilityFactory()
    own, other = EntryFactory(contest=contest, facility=home), EntryFactory(contest=contest, facility=elsewhere)
    rubric(contest)
    round_ = RoundFactory(contest=contest, judges=[UserFactory(judge=True)])
    insider = UserFactory(judge=True, facility=home)
    round_.round_judges.create(judge=insider)
    assert rounds.assign_new_judges(round_) == 1
    assigned = Assignment.objects.filter(judge=insider).values_list("round_entry__entry_id", flat=True)
    assert list(assigned) == [other.pk] and own.pk not in assigned


@pytest.mark.django_db
def test_a_facility_a_judge_was_once_staff_of_stays_a_conflict(django_capture_on_commit_callbacks):
    contest = ContestFactory()
    first, second, elsewhere = FacilityFactory(), FacilityFactory(), FacilityFactory()
    entries = {place: EntryFactory(contest=contest, facility=place) for place in (first, second, elsewhere)}
    rubric(contest)
    former = UserFactory(judge=True, facility=first)
    with django_capture_on_commit_callbacks(execute=True):
        membership = former.facility_membership
        membership.facility = second  # moved to another facility, then left it
        membership.save()
        membership.delete()
    assert set(JudgeProfile.objects.get(user=former).facilities.all()) == {first, second}
    RoundFactory(contest=contest, judges=[former])
    assigned = set(Assignment.objects.filter(judge=former).values_list("round_entry__entry_id", flat=True))
    assert assigned == {entries[elsewhere].pk}


@pytest.mark.django_db
def test_deleting_a_facility_or_an_account_with_staff_leaves_no_affiliation_behind(django_capture_on_commit_callbacks):
    place = FacilityFactory()
    UserFactory(facility=place)
    leaving = UserFactory(facility=FacilityFactory())
    with django_capture_on_commit_callbacks(execute=True):
        place.delete()
        leaving.delete()
    assert not JudgeProfile.objects.exists()
