from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask


class SecondOfficerApprovalTask(GroupApprovalTask):
    """Group approval where the officer who submitted a page cannot approve it: a second pair of eyes."""

    @staticmethod
    def _submitter_id(obj):
        state = getattr(obj, "current_workflow_state", None)
        return state.requested_by_id if state else None

    def get_actions(self, obj, user):
        if not user.is_superuser and user.pk is not None and user.pk == self._submitter_id(obj):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, except the person who submitted")

    class Meta:
        verbose_name = _("second officer approval task")
        verbose_name_plural = _("second officer approval tasks")
