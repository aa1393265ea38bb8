"""Publishing an exhibition makes its public files (in the background); unpublishing or deleting it removes them."""

from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from gallery.exhibition.domain.publication import withdraw_public_files
from gallery.exhibition.models import ExhibitionPage
from gallery.exhibition.tasks import make_public_files


@receiver(page_published, sender=ExhibitionPage)
def make_files_when_published(sender, instance, **kwargs):
    transaction.on_commit(lambda: make_public_files.enqueue(instance.pk))


@receiver(page_unpublished, sender=ExhibitionPage)
def remove_files_when_unpublished(sender, instance, **kwargs):
    withdraw_public_files(instance)


@receiver(pre_delete, sender=ExhibitionPage)
def remove_files_when_deleted(sender, instance, **kwargs):
    withdraw_public_files(instance)
