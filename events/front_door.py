"""What the home page leads with: the campaign that is live (under way, or the next to start) with its contests
open for entries and their deadlines, then upcoming events; campaigns that have ended come below.

"Live" depends on the day, and the page is kept in the page cache: each answer comes with the next moment it
changes by the clock alone (a contest closing, an event ending, a campaign's last day passing), and the page is kept
no longer than that (core.caching.fresh_until). Content changes purge it as usual.
"""

import datetime

from django.utils import timezone

from core import dates
from events.models.campaign import CampaignPage, listed_children, prepare_listings
from events.models.event import EventPage
from events.models.story import StoryPage
from events.serving import public

FINISHED_SHOWN = 3  # ended campaigns listed below the live one


def _today(now):
    return dates.local(now, None).date()  # campaigns' days are in the default zone of the site


def is_finished(campaign, now):
    return campaign.end_date is not None and campaign.end_date < _today(now)


def is_running(campaign, now):
    today = _today(now)
    return (campaign.start_date is None or campaign.start_date <= today) and not is_finished(campaign, now)


def campaigns_by_state(home, request=None, now=None):
    """(the campaign to lead with or None, up to FINISHED_SHOWN ended campaigns, latest first), in one query.

    The lead: the featured campaign while it has not ended; else the campaign under way that started last; else
    the next to start."""
    now = now or timezone.now()
    campaigns = public(CampaignPage.objects.live(), request).defer_streamfields().select_related("hero_image")
    campaigns = list(campaigns.order_by("-start_date", "-first_published_at"))
    finished = [campaign for campaign in campaigns if is_finished(campaign, now)]
    finished.sort(key=lambda campaign: campaign.end_date, reverse=True)
    featured = next((c for c in campaigns if c.pk == home.featured_campaign_id and not is_finished(c, now)), None)
    running = [campaign for campaign in campaigns if is_running(campaign, now)]
    coming = sorted((c for c in campaigns if not is_finished(c, now) and c not in running), key=lambda c: c.start_date)
    lead = featured or next(iter(running + coming), None)
    return lead, finished[:FINISHED_SHOWN]


def open_features(campaign, request, now):
    """The campaign's pages that are open now and say until when (contests: listing_deadline()), soonest first.
    The same queries however many there are: the children, and what their models ask once for those open by their
    dates (open_by_dates(); nothing when none is)."""
    children = listed_children(campaign, request, exclude=(EventPage, StoryPage))
    candidates = [page for page in children if hasattr(page, "open_by_dates") and page.open_by_dates(now)]
    open_now = [page for page in prepare_listings(candidates) if page.listing_deadline(now) is not None]
    return sorted(open_now, key=lambda page: page.listing_deadline(now))


def _day_after(day):
    start = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    return start.replace(tzinfo=dates.zone_of(None))


def changes_at(campaigns, features, events, now):
    """The next moment what the home page shows changes by the clock alone, or None."""
    moments = []
    for campaign in campaigns:
        if campaign is None:
            continue
        if campaign.start_date is not None:
            moments.append(_day_after(campaign.start_date - datetime.timedelta(days=1)))
        if campaign.end_date is not None:
            moments.append(_day_after(campaign.end_date))
    moments += [page.listing_changes_at(now) for page in features if hasattr(page, "listing_changes_at")]
    moments += [event.last_end for event in events]  # an upcoming event becomes past
    return min((moment for moment in moments if moment is not None and moment > now), default=None)
