"""An entry in judging keeps its content; a withdrawal takes it out of judging and tells the officers; approved
results keep their entries. The rules are gallery's services asking judging through hooks (gallery never imports
judging), so each test goes through the services or the portal, before the deadline (which alone would allow the
change)."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from gallery.domain import entries as service
from gallery.domain.eligibility import EntryRefused, can_edit, can_withdraw
from gallery.domain.entry_images import add_entry_image, remove_entry_image
from gallery.domain.screening import screen
from gallery.judging.domain import results, rounds, scoring, withdrawals
from gallery.judging.domain.errors import JudgingError
from gallery.judging.models import Assignment, JudgeNote, ResultRow, Round, RoundEntry, Score
from gallery.judging.rules import entries_for_judge
from gallery.models import Entry
from tests.factories import RoundFactory, SubmittedEntryFactory, UserFactory, rubric
from tests.intake import files
from tests.intake.conftest import upload

pytestmark = pytest.mark.django_db

BEING_JUDGED = "This entry is being judged"
APPROVED = "The results of this contest are approved"


@pytest.fixture
def judged(contest, facility, staff, officer):
    """Two screened entries of an open contest, in an open scoring round where a judge scored the first."""
    works = [
        screen(
            SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, notify=False, image_seed=seed),
            officer,
            Entry.Review.ELIGIBLE,
        )
        for seed in (1, 5)
    ]
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    first = RoundEntry.objects.select_related("round").get(round=round_, entry=works[0])
    for criterion in round_.criteria.all():
        scoring.save_score(judge, first, criterion.pk, 7)
    scoring.save_note(judge, first, "Strong work.", "")
    return works, round_, judge


def test_an_entry_in_judging_keeps_its_details_and_images(judged, staff):
    (entry, _), _, _ = judged
    image = entry.images.first()
    with pytest.raises(EntryRefused, match=BEING_JUDGED):
        service.edit_entry(entry, staff, {"title": "Repainted"})
    with pytest.raises(EntryRefused, match=BEING_JUDGED):
        add_entry_image(entry, upload(files.jpeg(seed=9)), user=staff)
    with pytest.raises(EntryRefused, match=BEING_JUDGED):
        remove_entry_image(entry, image.pk, staff)
    entry.refresh_from_db()
    assert entry.title == "Work" and list(entry.images.values_list("pk", flat=True)) == [image.pk]
    assert entry.review == Entry.Review.ELIGIBLE  # not sent back to screening either
    assert not can_edit(entry) and can_withdraw(entry)


def test_before_a_round_takes_the_entry_it_can_still_change(contest, facility, staff, officer):
    entry = screen(
        SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, notify=False),
        officer,
        Entry.Review.ELIGIBLE,
    )
    rubric(contest)
    RoundFactory(contest=contest, judges=[UserFactory(judge=True)], opened=False)
    assert service.edit_entry(entry, staff, {"title": "Repainted"}).sent_back_to_screening


def test_the_portal_says_why_an_entry_in_judging_cannot_change(client, judged, staff):
    (entry, _), _, _ = judged
    client.force_login(staff)
    page = client.get(reverse("portal:entry", args=[entry.pk])).content.decode()
    assert BEING_JUDGED in page
    assert reverse("portal:entry_withdraw", args=[entry.pk]) in page
    assert reverse("portal:image_add", args=[entry.pk]) not in page
    response = client.post(
        reverse("portal:entry", args=[entry.pk]), {"title": "Repainted", "artist_code": "A-1"}, follow=True
    )
    assert BEING_JUDGED in response.content.decode()
    response = client.post(reverse("portal:image_add", args=[entry.pk]), {"image": upload(files.jpeg(seed=9))})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Work" and entry.images.count() == 1


def test_withdrawing_takes_the_entry_out_of_every_round_and_tells_the_officers(
    judged, staff, officer, django_capture_on_commit_callbacks
):
    (entry, other), round_, judge = judged
    code = RoundEntry.objects.get(entry=entry).code
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = service.withdraw(entry, staff)
    assert withdrawn.left_judging and withdrawn.state == Entry.State.WITHDRAWN
    # Gone from the queue, the assignments, the scores and the ranking; the other entry stays.
    assert list(RoundEntry.objects.filter(round=round_).values_list("entry_id", flat=True)) == [other.pk]
    assert not Score.objects.filter(round=round_).exists() and not JudgeNote.objects.filter(round=round_).exists()
    assert list(Assignment.objects.values_list("round_entry__entry_id", flat=True)) == [other.pk]
    assert [row.entry_id for row in entries_for_judge(judge, round_)] == [other.pk]
    assert [row.entry_id for row in results.compute_results(round_).rows] == [other.pk]
    # The round's history says what left, and the officers who run rounds get an email.
    logged = ModelLogEntry.objects.get(action="judging.entry_withdrawn", object_id=str(round_.pk))
    assert logged.user == staff
    assert logged.data == {
        "entry": entry.pk, "reference": entry.reference, "code": code, "scores": 2, "notes": 1, "declarations": 0
    }  # fmt: skip
    assert [message.to for message in mail.outbox] == [[officer.email]]
    assert entry.reference in mail.outbox[0].subject and code in mail.outbox[0].body


def test_the_officers_round_screen_lists_the_withdrawn_entry(client, judged, staff, officer):
    (entry, _), round_, _ = judged
    code = RoundEntry.objects.get(entry=entry).code
    service.withdraw(entry, staff)
    client.force_login(officer)
    page = client.get(reverse("judging_admin:round", args=[round_.pk])).content.decode()
    assert "Withdrawn by their facility" in page and code in page and entry.reference in page


def test_a_withdrawal_leaves_a_closed_round_and_the_next_one_takes_the_rest(judged, staff):
    (entry, other), round_, judge = judged
    scored = RoundEntry.objects.select_related("round").get(entry=other)
    for criterion in round_.criteria.all():
        scoring.save_score(judge, scored, criterion.pk, 4)
    rounds.close_round(round_)
    service.withdraw(entry, staff)
    final = Round.objects.create(
        contest=round_.contest, name="Final", kind=Round.Kind.FINAL, position=2, entry_source="top_n", top_n=5
    )
    final.round_judges.create(judge=judge)
    rounds.open_round(final)
    assert not RoundEntry.objects.filter(entry=entry).exists()
    assert list(final.round_entries.values_list("entry_id", flat=True)) == [other.pk]


def test_approved_results_keep_their_entries(client, judged, staff, officer):
    (entry, _), round_, _ = judged
    results.freeze(round_, officer, reason="The jury met and agreed.")
    assert not can_withdraw(entry)
    with pytest.raises(EntryRefused, match=APPROVED):
        service.withdraw(entry, staff)
    client.force_login(staff)
    page = client.get(reverse("portal:entry", args=[entry.pk])).content.decode()
    assert APPROVED in page and reverse("portal:entry_withdraw", args=[entry.pk]) not in page
    response = client.post(reverse("portal:entry_withdraw", args=[entry.pk]), follow=True)
    assert APPROVED in response.content.decode()
    entry.refresh_from_db()
    assert entry.state == Entry.State.SUBMITTED
    assert ResultRow.objects.filter(entry=entry).exists() and RoundEntry.objects.filter(entry=entry).exists()


def test_the_judging_hook_refuses_a_withdrawal_that_slipped_past_the_first_check(judged, staff, officer):
    """The refusal is checked again under the rounds' locks, where an approval cannot slip in between."""
    (entry, _), round_, _ = judged
    results.freeze(round_, officer, reason="The jury met and agreed.")
    with pytest.raises(JudgingError, match=APPROVED):
        withdrawals.take_out_of_judging(entry, staff)
