"""Editorial workflow (one officer submits, another approves) and scheduled publishing."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowPage, WorkflowState

from core import roles
from events.models import SecondOfficerApprovalTask, StoryPage
from events.moderation import WORKFLOW_NAME
from tests.events.conftest import at
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_root_page_uses_the_second_officer_workflow(db):
    assignment = WorkflowPage.objects.get(page=Page.get_first_root_node())
    assert assignment.workflow.name == WORKFLOW_NAME and assignment.workflow.active
    task = assignment.workflow.tasks.get().specific
    assert isinstance(task, SecondOfficerApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == [roles.OFFICERS]


def test_page_submitted_by_one_officer_goes_live_when_another_approves(client, campaign):
    author, reviewer = UserFactory(username="aigerim", officer=True), UserFactory(username="dana", officer=True)
    story = StoryPage(title="Draft story", slug="draft-story", date=datetime.date(2020, 7, 18), live=False)
    campaign.add_child(instance=story)
    story.save_revision(user=author)
    story.get_workflow().start(story, author)  # what "Submit to moderation" does in the editor
    assert client.get(story.url).status_code == 404

    task_state = story.current_workflow_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk])

    client.force_login(author)  # the author cannot approve their own submission
    refused = client.post(approve_url, follow=True)
    assert "you do not have permission to access this area" in refused.content.decode()  # 403 becomes a message
    story.refresh_from_db()
    assert not story.live

    client.force_login(reviewer)
    response = client.post(approve_url)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.live
    assert WorkflowState.objects.for_instance(story).get().status == WorkflowState.STATUS_APPROVED
    assert story.live_revision_id == task_state.revision_id  # the revision the reviewer was shown
    client.logout()
    assert "Draft story" in client.get(story.url).content.decode()


def _submitted_then_edited(campaign, author):
    """A live story that its author submits ("Submitted title") and then edits again ("Later draft")."""
    story = StoryPage(title="Published title", slug="story", date=datetime.date(2020, 7, 18))
    campaign.add_child(instance=story)
    story.save_revision().publish()
    story.title = "Submitted title"
    submitted = story.save_revision(user=author)
    story.get_workflow().start(story, author)
    story.title = "Later draft"
    later = story.save_revision(user=author)  # saved after submitting, while the reviewer looks at `submitted`
    return story, submitted, later


def _approve(client, reviewer, story):
    task_state = story.current_workflow_task_state
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk])
    assert client.post(url).status_code == 302
    story.refresh_from_db()
    return task_state


def test_a_draft_saved_during_moderation_needs_a_new_approval(client, campaign):
    author, reviewer = UserFactory(username="aigerim", officer=True), UserFactory(username="dana", officer=True)
    story, submitted, later = _submitted_then_edited(campaign, author)
    assert story.current_workflow_task_state.revision_id == submitted.pk

    approved = _approve(client, reviewer, story)  # approves what was submitted, not the later draft
    assert approved.revision_id == submitted.pk
    assert story.title == "Published title" and story.live_revision.content["title"] == "Published title"
    workflow_state = WorkflowState.objects.for_instance(story).get()
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS  # the task starts again, on the later draft
    assert story.current_workflow_task_state.revision_id == later.pk
    assert story.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    client.logout()
    assert "Later draft" not in client.get(story.url).content.decode()

    _approve(client, reviewer, story)  # once the later draft itself is approved, it goes live
    assert story.live_revision_id == later.pk and story.title == "Later draft"
    assert WorkflowState.objects.for_instance(story).get().status == WorkflowState.STATUS_APPROVED


@override_settings(WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT=False)
def test_finishing_the_workflow_publishes_the_approved_revision_not_a_later_draft(client, campaign):
    """Even where an edit does not restart the approval, what goes live is exactly what was approved."""
    author, reviewer = UserFactory(username="aigerim", officer=True), UserFactory(username="dana", officer=True)
    story, submitted, later = _submitted_then_edited(campaign, author)

    _approve(client, reviewer, story)
    assert WorkflowState.objects.for_instance(story).get().status == WorkflowState.STATUS_APPROVED
    assert story.live_revision_id == submitted.pk and story.title == "Submitted title"
    assert story.has_unpublished_changes and story.get_latest_revision().pk == later.pk  # the draft stays a draft
    client.logout()
    page = client.get(story.url).content.decode()
    assert "Submitted title" in page and "Later draft" not in page


def test_reviewer_dashboard_lists_only_other_officers_submissions(campaign):
    author, reviewer = UserFactory(username="aigerim", officer=True), UserFactory(username="dana", officer=True)
    story = StoryPage(title="Draft", slug="draft", live=False)
    campaign.add_child(instance=story)
    story.save_revision(user=author)
    story.get_workflow().start(story, author)
    task = SecondOfficerApprovalTask.objects.get()
    assert not task.get_task_states_user_can_moderate(author).exists()
    assert task.get_task_states_user_can_moderate(reviewer).count() == 1


def test_publish_scheduled_command_publishes_due_pages_with_nobody_signed_in(client, campaign):
    event = EventFactory(parent=campaign, title="Scheduled", sessions=[(at(2030, 1, 1), at(2030, 1, 1, 12))])
    event.unpublish()
    event.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = event.save_revision()
    revision.publish()  # a future go-live date schedules instead of publishing
    event.refresh_from_db()
    assert not event.live and revision.approved_go_live_at is not None

    call_command("publish_scheduled")  # not yet due
    event.refresh_from_db()
    assert not event.live

    # Let the hour pass: the scheduled moment (in the revision and its approval) is now a minute ago.
    due = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = due.isoformat()
    revision.approved_go_live_at = due
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    event.refresh_from_db()
    assert event.live
    assert client.get(event.url).status_code == 200
