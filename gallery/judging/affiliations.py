"""A facility a judge was once staff of stays a conflict: when a staff membership ends or moves to another facility,
the facility is added to the person's judge profile ("Judges' affiliations", which officers can read and edit).
A current membership is read when judges are assigned (domain/rounds.py); this keeps the past ones."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_delete, pre_save

from gallery.judging.models import JudgeProfile
from gallery.models import Facility, FacilityMembership


def remember_former_facility(user_id, facility_id):
    """Add the facility to the user's judge profile once the change is committed, unless the user or the facility
    went with it (a deleted account or facility takes its memberships along)."""

    def record():
        if not Facility.objects.filter(pk=facility_id).exists():
            return
        if not get_user_model().objects.filter(pk=user_id).exists():
            return
        profile, _created = JudgeProfile.objects.get_or_create(user_id=user_id)
        profile.facilities.add(facility_id)

    transaction.on_commit(record, robust=True)


def _membership_moving(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = FacilityMembership.objects.filter(pk=instance.pk).values_list("user_id", "facility_id").first()
    if before is not None and before[1] != instance.facility_id:
        remember_former_facility(*before)


def _membership_ended(sender, instance, **kwargs):
    remember_former_facility(instance.user_id, instance.facility_id)


def connect():
    pre_save.connect(_membership_moving, sender=FacilityMembership, dispatch_uid="vitrine-judging-membership-moves")
    post_delete.connect(_membership_ended, sender=FacilityMembership, dispatch_uid="vitrine-judging-membership-ends")
