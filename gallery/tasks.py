"""Background work of the intake: thumbnails and emails. Run inline in development (ImmediateBackend) and by
`manage.py db_worker` in production, so uploads and submissions never wait for them."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from gallery.domain.eligibility import deadline_for, deadlines_by_facility, eligible_facilities
from gallery.domain.thumbnails import ensure_thumbnail
from gallery.models import ContestPage, Entry, EntryImage, FacilityMembership

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _with_staff(lookup="memberships"):
    """A facility's staff with their accounts, fetched with the facilities rather than once per facility."""
    return Prefetch(lookup, queryset=FacilityMembership.objects.select_related("user"))


@task()
def make_thumbnail(image_pk):
    """A thumbnail made from the stored original. Intake now stores one itself; kept for jobs queued before."""
    image = EntryImage.objects.filter(pk=image_pk).first()
    if image is not None:
        ensure_thumbnail(image)


def _staff_emails(facility):
    """Addresses of the facility's active staff; reads the memberships prefetched by _with_staff()."""
    return sorted(
        {member.user.email for member in facility.memberships.all() if member.user.email and member.user.is_active}
    )


def _send(template, context, recipients):
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"gallery/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"gallery/email/{template}.txt", context)
    return send_mail(subject, body, None, recipients)


def _in_email_language(function, *args, **kwargs):
    with translation.override(settings.LANGUAGE_CODE):
        return function(*args, **kwargs)


def _absolute(path):
    """An address in an email: the site's base URL and the path, in the language the emails are written in."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task()
def send_receipt(entry_pk):
    """The receipt of a submitted entry, to its facility's staff."""
    entry = (
        Entry.objects.select_related("contest", "facility", "created_by")
        .prefetch_related(_with_staff("facility__memberships"))
        .filter(pk=entry_pk)
        .first()
    )
    if entry is None or entry.reference is None:
        return 0
    recipients = set(_staff_emails(entry.facility))
    if entry.created_by.email:
        recipients.add(entry.created_by.email)
    context = {
        "entry": entry,
        "deadline": deadline_for(entry.contest, entry.facility),
        "receipt_url": _absolute(_in_email_language(reverse, "portal:entry_receipt", args=[entry.pk])),
    }
    return _send("receipt", context, sorted(recipients))


@task()
def send_deadline_reminders(contest_pk, days):
    """Remind eligible facilities with nothing submitted yet whose deadline is `days` days away.

    Meant to run once a day: the window is one day wide, so each facility is reminded once per contest. The
    same few queries whatever the number of facilities.
    """
    contest = ContestPage.objects.filter(pk=contest_pk).first()
    if contest is None:
        return 0
    now = timezone.now()
    window_start, window_end = now + timedelta(days=days - 1), now + timedelta(days=days)
    entered = Entry.objects.filter(contest=contest, state=Entry.State.SUBMITTED).values("facility_id")
    extended = deadlines_by_facility(contest)
    facilities = eligible_facilities(contest).exclude(pk__in=entered).prefetch_related(_with_staff())
    sent = 0
    for facility in facilities:
        deadline = extended.get(facility.pk, contest.closes_at)
        if not (window_start < deadline <= window_end):
            continue
        context = {"contest": contest, "facility": facility, "deadline": deadline, "days": days}
        sent += _send("reminder", context, _staff_emails(facility))
    return sent


@task()
def send_entry_digest(hours=24):
    """The officers' daily digest of entries submitted in the last `hours`."""
    since = timezone.now() - timedelta(hours=hours)
    entries = list(
        Entry.objects.filter(state=Entry.State.SUBMITTED, submitted_at__gte=since)
        .select_related("contest", "facility")
        .order_by("contest__code", "reference")
    )
    if not entries:
        return 0
    # Whoever screens entries: the officers' role grants it, an administrator may grant or take it.
    officers = (
        get_user_model()
        .objects.with_perm("gallery.change_entry", include_superusers=False, backend=MODEL_BACKEND)
        .filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    context = {
        "entries": entries,
        "hours": hours,
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/",
    }
    return _send("digest", context, sorted(set(officers)))
