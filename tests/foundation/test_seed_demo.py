import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


DEMO_APPS = {"auth", "wagtailcore", "wagtailimages", "events", "gallery", "judging", "vitrine", "taggit"}


def _counts():
    models = [model for model in apps.get_models() if model._meta.app_label in DEMO_APPS]
    return {m._meta.label: m.objects.count() for m in models}


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _counts()
    _assert_stored_demo_images_carry_no_metadata()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert {"officer", "judge1", "judge2", "judge3"} <= usernames
    assert len([name for name in usernames if name.startswith("facility-")]) == 8


def test_seed_demo_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", verbosity=0)
    assert not get_user_model().objects.filter(username="officer").exists()
    call_command("seed_demo", "--force", verbosity=0)
    assert get_user_model().objects.filter(username="officer").exists()


def test_demo_users_sign_in_with_the_demo_password(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    assert client.login(username="officer", password=settings.DEMO_PASSWORD)
    assert client.login(username="facility-kar1", password=settings.DEMO_PASSWORD)


def _assert_stored_demo_images_carry_no_metadata():
    """The demo's generated JPEGs carry GPS and camera tags; what the pipeline stored must carry none."""
    import io

    from PIL import Image

    from gallery.models import EntryImage

    images = list(EntryImage.objects.all())
    assert len(images) >= 24
    for stored in images:
        with stored.file.open("rb") as handle:
            image = Image.open(io.BytesIO(handle.read()))
        assert not image.getexif(), stored.file.name
        assert "exif" not in image.info and "xmp" not in image.info, stored.file.name
