"""Event listings computed in SQL: each event is annotated with its first, next and last session times.

Aggregates over a join with the sessions, not a subquery per time: ordering and filtering by a subquery annotation
would repeat the subquery in the SQL each time (nine SELECTs for the upcoming list), for the database and for
Django, which compiles each copy.
"""

import datetime

from django.db.models import BooleanField, Case, F, Max, Min, Q, Value, When
from django.utils import timezone

SCHEDULE = ("first_start", "last_end", "next_start", "is_past")


def with_schedule(queryset, now=None, sessions="sessions"):
    """Annotate first_start, next_start (first session not yet ended), last_end and is_past, in one query.
    `sessions`: the path from the queryset's rows to the sessions ("eventpage__sessions" for Page rows)."""
    now = now or timezone.now()
    return queryset.annotate(
        first_start=Min(f"{sessions}__start"),
        last_end=Max(f"{sessions}__end"),
        next_start=Min(f"{sessions}__start", filter=Q(**{f"{sessions}__end__gte": now})),
    ).annotate(
        # An event with no sessions yet (date to be announced) counts as upcoming.
        is_past=Case(When(last_end__lt=now, then=Value(True)), default=Value(False), output_field=BooleanField()),
    )


def in_listing_order(queryset, now=None):
    """Upcoming and ongoing events first, soonest first (undated last); then past events, latest first.

    An event that is not past has a next session unless it is undated, and a past one has none: ordering by the
    next session alone puts the upcoming ones soonest first and the undated after them."""
    return with_schedule(queryset, now).order_by(
        "is_past",
        F("next_start").asc(nulls_last=True),
        F("last_end").desc(nulls_last=True),
        "pk",
    )


def sorted_for_listing(events):
    """in_listing_order() for events already annotated by with_schedule(), in Python."""
    lowest = datetime.datetime.min.replace(tzinfo=datetime.UTC)

    def key(event):
        return (
            event.is_past,
            event.next_start is None,
            event.next_start or lowest,
            event.last_end is None,
            -(event.last_end or lowest).timestamp(),
            event.pk,
        )

    return sorted(events, key=key)


def upcoming(queryset, now=None):
    return in_listing_order(queryset, now).filter(is_past=False)


def past(queryset, now=None):
    return in_listing_order(queryset, now).filter(is_past=True)
