"""The editorial workflow: an officer drafts and submits, a second officer approves, then the page goes live.

Ensured after every migrate (and by the demo), assigned to the root page so every page of every site uses it.
What finishing the workflow does is in events/workflow.py.
"""

from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from core import roles
from events.models import SecondOfficerApprovalTask

WORKFLOW_NAME = "Campaign content: second officer approves"
TASK_NAME = "Approval by a communication officer"


def ensure_moderation_workflow():
    """Create (or repair) the workflow and assign it to the root page, so every page of every site uses it."""
    root = Page.get_first_root_node()
    if root is None:
        return None
    officers, _ = Group.objects.get_or_create(name=roles.OFFICERS)
    task = SecondOfficerApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SecondOfficerApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(officers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


def ensure_moderation_workflow_after_migrate(sender, **kwargs):
    ensure_moderation_workflow()
