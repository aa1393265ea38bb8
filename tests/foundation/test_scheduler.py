"""The scheduler: each periodic job once per slot of its schedule, however many schedulers run; a failing job is
recorded and does not stop the others; a scheduler that was down runs the latest slot only."""

import datetime
import io
import threading
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from core.models import PeriodicRun
from core.scheduling import Job, run_due
from tests.factories import FacilityFactory, UserFactory

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
AT_TEN = datetime.datetime(2027, 7, 18, 10, 3, tzinfo=datetime.UTC)
MAIL_JOB = {"name": "test_mail", "command": ("sendtestemail", "officer@example.org"), "every_minutes": 5}
FAILING_JOB = {"name": "broken", "command": ("sendtestemail",), "every_minutes": 5}  # no recipient: an error


def test_slots_of_a_job_every_few_minutes_and_of_a_daily_one_in_the_installation_time_zone(settings):
    settings.VITRINE_DEFAULT_TIME_ZONE = "Asia/Almaty"
    every_five = Job(name="j", command=("check",), every_minutes=5)
    assert every_five.slot(AT_TEN) == datetime.datetime(2027, 7, 18, 10, 0, tzinfo=datetime.UTC)
    assert every_five.slot(AT_TEN.replace(minute=5)) == AT_TEN.replace(minute=5)
    daily = Job(name="d", command=("check",), daily_at="09:00")
    before = datetime.datetime(2027, 7, 18, 8, 59, tzinfo=ALMATY)
    assert daily.slot(before) == datetime.datetime(2027, 7, 17, 9, 0, tzinfo=ALMATY)
    assert daily.slot(before + datetime.timedelta(minutes=1)) == datetime.datetime(2027, 7, 18, 9, 0, tzinfo=ALMATY)


def test_a_daily_job_in_the_hour_repeated_when_clocks_go_back_has_one_slot(settings):
    settings.VITRINE_DEFAULT_TIME_ZONE = "Europe/Berlin"
    job = Job(name="d", command=("check",), daily_at="02:30")
    first = datetime.datetime(2026, 10, 25, 0, 40, tzinfo=datetime.UTC)  # 02:40 summer time
    second = datetime.datetime(2026, 10, 25, 1, 40, tzinfo=datetime.UTC)  # 02:40 again, winter time
    assert job.slot(first) == job.slot(second)


@pytest.mark.django_db
def test_a_job_runs_once_per_slot_and_a_scheduler_that_was_down_runs_only_the_latest_slot(settings):
    settings.VITRINE_PERIODIC_JOBS = [MAIL_JOB]
    assert [run.outcome for run in run_due(AT_TEN)] == ["done"]
    assert run_due(AT_TEN) == [] and run_due(AT_TEN + datetime.timedelta(minutes=1)) == []  # same slot
    assert len(run_due(AT_TEN + datetime.timedelta(hours=2))) == 1  # 24 slots missed: one run, not a backlog
    assert len(mail.outbox) == 2 and PeriodicRun.objects.filter(job="test_mail").count() == 2


@pytest.mark.django_db
def test_a_failing_job_is_recorded_with_its_output_and_the_others_still_run(settings):
    settings.VITRINE_PERIODIC_JOBS = [FAILING_JOB, MAIL_JOB]
    failed, done = run_due(AT_TEN)
    assert failed.outcome == PeriodicRun.Outcome.FAILED and failed.finished_at is not None
    assert done.outcome == PeriodicRun.Outcome.DONE and len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_scheduler_command_runs_what_is_due_and_says_so(settings):
    settings.VITRINE_PERIODIC_JOBS = [MAIL_JOB]
    output = io.StringIO()
    call_command("run_scheduler", "--once", stdout=output)
    assert "test_mail" in output.getvalue() and ": done" in output.getvalue() and len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_the_same_moment_run_a_job_once(settings):
    settings.VITRINE_PERIODIC_JOBS = [MAIL_JOB]
    start, results = threading.Barrier(2), []

    def scheduler():
        start.wait()
        try:
            results.extend(run_due(AT_TEN))
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 1 and len(mail.outbox) == 1
    assert PeriodicRun.objects.filter(job="test_mail", outcome="done").count() == 1


@pytest.mark.django_db
def test_officers_see_the_runs_and_what_failed_but_cannot_change_them(client, settings):
    settings.VITRINE_PERIODIC_JOBS = [FAILING_JOB]
    [failed] = run_due(AT_TEN)
    client.force_login(UserFactory(officer=True))
    listing = client.get(reverse("periodic_runs:index"), {"outcome": "failed"})
    assert listing.status_code == 200 and "broken" in listing.content.decode()
    inspect = client.get(reverse("periodic_runs:inspect", args=[failed.pk])).content.decode()
    assert "Failed" in inspect and "recipient" in inspect  # the command's own error message
    assert client.post(reverse("periodic_runs:delete", args=[failed.pk])).status_code in (302, 403)
    assert PeriodicRun.objects.filter(pk=failed.pk).exists()
    client.force_login(UserFactory(facility=FacilityFactory()))
    assert client.get(reverse("periodic_runs:index")).status_code in (302, 403)
