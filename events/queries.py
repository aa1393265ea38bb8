"""Event listings computed in SQL: each event is annotated with its first, next and last session times."""

from django.db.models import BooleanField, Case, DateTimeField, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models.session import EventSession


def _session_time(field, *, ascending, **filters):
    ordering = field if ascending else f"-{field}"
    sessions = EventSession.objects.filter(page=OuterRef("pk"), **filters).order_by(ordering).values(field)[:1]
    return Subquery(sessions, output_field=DateTimeField())


def with_schedule(queryset, now=None):
    """Annotate first_start, next_start (first session not yet ended), last_end and is_past, in one query."""
    now = now or timezone.now()
    return queryset.annotate(
        first_start=_session_time("start", ascending=True),
        last_end=_session_time("end", ascending=False),
        next_start=_session_time("start", ascending=True, end__gte=now),
    ).annotate(
        # An event with no sessions yet (date to be announced) counts as upcoming.
        is_past=Case(When(last_end__lt=now, then=Value(True)), default=Value(False), output_field=BooleanField()),
    )


def in_listing_order(queryset, now=None):
    """Upcoming and ongoing events first, soonest first (undated last); then past events, latest first."""
    queryset = with_schedule(queryset, now)
    upcoming_key = Case(When(is_past=False, then=Coalesce("next_start", "first_start")), default=None)
    return queryset.order_by(
        "is_past",
        upcoming_key.asc(nulls_last=True),
        F("last_end").desc(nulls_last=True),
        "pk",
    )


def upcoming(queryset, now=None):
    return in_listing_order(queryset, now).filter(is_past=False)


def past(queryset, now=None):
    return in_listing_order(queryset, now).filter(is_past=True)
