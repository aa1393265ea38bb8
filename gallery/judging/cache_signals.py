"""Pages that show a contest's judging state ("Judging in progress", "Results") forget it when a round is saved
(opened, closed) or results are approved or withdrawn (see status.py and core.caching)."""

from django.db.models.signals import post_delete, post_save

from core.caching import purge_page_and_listings
from gallery.judging.models import Result, Round
from gallery.models import ContestPage


def _judging_state_changed(sender, instance, **kwargs):
    contest = ContestPage.objects.live().filter(pk=instance.contest_id).first()
    if contest is not None:
        purge_page_and_listings(contest)


def connect():
    for model in (Round, Result):
        post_save.connect(_judging_state_changed, sender=model, dispatch_uid=f"vitrine-cache-{model.__name__}")
        post_delete.connect(_judging_state_changed, sender=model, dispatch_uid=f"vitrine-cache-del-{model.__name__}")
