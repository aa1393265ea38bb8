import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from events.models import HomePage


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_gets_its_home_page_and_roles_back():
    call_command("flush", "--noinput", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert Page.objects.count() == 2
    from django.contrib.auth.models import Group

    assert Group.objects.filter(name="Communication officers").exists()


@pytest.mark.django_db
def test_a_database_with_pages_is_left_alone():
    home = HomePage.objects.get()
    home.delete()
    call_command("migrate", verbosity=0)
    assert not HomePage.objects.exists()
