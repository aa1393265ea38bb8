import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The whole demo, seeded once per module inside a transaction that is rolled back afterwards; each test
    runs in its own savepoint within it, so tests see the demo as `make run` leaves it and cannot leak."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", "--force", verbosity=0)
            yield
            transaction.set_rollback(True)
