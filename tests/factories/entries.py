"""Entries two ways: through the intake services and the real image pipeline (what the portal does), or written
straight to the database as judging finds them (submitted, screened eligible, small stored images)."""

import io

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory
from PIL import Image

from gallery.domain import entries as entry_service
from gallery.domain.entry_images import add_entry_image
from gallery.models import Entry, EntryImage
from tests.factories.pages import ContestFactory
from tests.factories.people import FacilityFactory, UserFactory
from tests.intake import files


def jpeg_bytes(size=(40, 30), color=(180, 60, 60), exif=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    if exif:
        image.save(buffer, "JPEG", exif=exif)
    else:
        image.save(buffer, "JPEG")
    return buffer.getvalue()


class EntryFactory(DjangoModelFactory):
    """A submitted, eligible entry with a reference, written directly (no intake rules run). `images=n` stores n
    small JPEGs as EntryImageFactory rows."""

    class Meta:
        model = Entry
        skip_postgeneration_save = True

    contest = factory.SubFactory(ContestFactory)
    facility = factory.SubFactory(FacilityFactory)
    created_by = factory.SubFactory(UserFactory)
    sequence = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda entry: f"Work {entry.sequence}")
    artist_code = factory.LazyAttribute(lambda entry: f"A-{entry.sequence}")
    medium = "Oil on canvas"
    dimensions = "40 × 30 cm"
    statement = "A statement about the work."
    state = Entry.State.SUBMITTED
    review = Entry.Review.ELIGIBLE
    reference = factory.LazyAttribute(lambda entry: f"{entry.contest.code}-{entry.facility.code}-{entry.sequence:04d}")

    @factory.post_generation
    def images(entry, create, count, **kwargs):
        for position in range(count or 0):
            EntryImageFactory(entry=entry, position=position, color=(40 * position % 255, 90, 120))


def bulk_entries(count, *, contest, facility, created_by=None, **fields):
    """`count` EntryFactory entries (without images) in one INSERT, for size and query-count tests."""
    created_by = created_by or UserFactory()
    return Entry.objects.bulk_create(
        EntryFactory.build_batch(count, contest=contest, facility=facility, created_by=created_by, **fields)
    )


class EntryImageFactory(DjangoModelFactory):
    """An image row whose stored file is a small JPEG, as if already cleaned. It skips the pipeline on purpose:
    40×30 is below the intake minimum, and judging only needs the stored bytes."""

    class Meta:
        model = EntryImage

    class Params:
        size = (40, 30)
        color = (180, 60, 60)
        data = factory.LazyAttribute(lambda image: jpeg_bytes(size=image.size, color=image.color))

    entry = factory.SubFactory(EntryFactory)
    position = 0
    format = "jpeg"
    width = factory.LazyAttribute(lambda image: image.size[0])
    height = factory.LazyAttribute(lambda image: image.size[1])
    byte_size = factory.LazyAttribute(lambda image: len(image.data))
    sha256 = factory.LazyAttribute(lambda image: f"{image.entry.sequence or 0:064d}")
    phash = "0" * 16
    file = factory.LazyAttribute(
        lambda image: ContentFile(image.data, name=f"{image.entry.reference}-{image.position}.jpg")
    )


class DraftEntryFactory(DjangoModelFactory):
    """A draft made as the portal makes it: entries.create_draft (eligibility and opening checked), then `images`
    JPEGs (tests/intake/files, seeds from `image_seed`) through the real pipeline, entry_images.add_entry_image.
    The default contest is open to every facility and the default user is staff of the entry's facility."""

    class Meta:
        model = Entry

    contest = factory.SubFactory(ContestFactory, open_for_entries=True)
    facility = factory.SubFactory(FacilityFactory)
    created_by = factory.SubFactory(UserFactory, facility=factory.SelfAttribute("..facility"))
    title = "Work"
    artist_code = "A-1"
    consent_confirmed = True
    # Not model fields: _create takes them off.
    now = None
    images = 1
    image_seed = 1

    @classmethod
    def _create(cls, model_class, *, contest, facility, created_by, now=None, images=1, image_seed=1, **fields):
        entry = entry_service.create_draft(contest, facility, created_by, now=now, **fields)
        for number in range(images):
            data = files.jpeg(seed=image_seed + number)
            add_entry_image(
                entry, SimpleUploadedFile("work.jpg", data, content_type="image/jpeg"), user=created_by, now=now
            )
        return entry


class SubmittedEntryFactory(DraftEntryFactory):
    """A DraftEntryFactory draft then submitted through entries.submit (quota, deadline, reference, receipt)."""

    notify = True

    @classmethod
    def _create(cls, model_class, *, now=None, notify=True, **fields):
        entry = super()._create(model_class, now=now, **fields)
        return entry_service.submit(entry, entry.created_by, now=now, notify=notify)
