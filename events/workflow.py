"""What finishing the editorial workflow does (settings.WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail imports this module while it loads its own models, so it imports no models itself; the workflow and its
task are set up in events/moderation.py.
"""


def publish_approved_revision(workflow_state, user=None):
    """Publish the revision the second officer approved, never a later draft.

    The approval is the permission: officers hold no publish right of their own, so nobody can skip the second
    officer by publishing directly, and the approving officer needs none either. That is why only the revision the
    approving officer was shown (the one the last task state was started on) may go live: a draft saved during
    moderation is unreviewed. With WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT such a draft restarts the task
    instead of finishing the workflow, so the approved revision is also the latest one.
    """
    task_state = workflow_state.current_task_state
    if task_state is None or task_state.status != task_state.STATUS_APPROVED:
        return  # no task approved anything (a workflow without active tasks): nothing was reviewed
    task_state.revision.publish(user=user, skip_permission_checks=True)
