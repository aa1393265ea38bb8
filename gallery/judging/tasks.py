"""Background work of judging (django-tasks; a worker runs it in production): reminding late judges by email, and
making the judges' image renditions."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from gallery.judging.domain.progress import late_judges
from gallery.judging.domain.renditions import ensure_renditions, images_of_round
from gallery.judging.models import Round
from gallery.models import EntryImage


@task()
def remind_late_judges(round_id):
    """Email every judge of an open round who has not submitted yet. Returns how many were reminded."""
    round_ = Round.objects.select_related("contest").filter(pk=round_id, status=Round.Status.OPEN).first()
    if round_ is None:
        return 0
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("judging:queue", args=[round_.pk])
    closes = round_.in_contest_zone(round_.closes_at)
    reminded = 0
    for membership, (done, total) in late_judges(round_):
        if not membership.judge.email:
            continue
        subject = _("Judging reminder: %(round)s") % {"round": round_}
        closing = " " + _("The round closes on %(date)s.") % {"date": closes} if closes else ""
        body = _(
            "Hello,\n\nYou have scored %(done)s of %(total)s entries in %(round)s.%(closes)s\n"
            "Please finish and submit your scores here: %(link)s\n\nThank you."
        ) % {"done": done, "total": total, "round": round_, "closes": closing, "link": link}
        send_mail(subject, body, None, [membership.judge.email])
        membership.reminded_at = timezone.now()
        membership.save(update_fields=["reminded_at"])
        reminded += 1
    return reminded


@task()
def make_round_renditions(round_id):
    """The judges' renditions of every image of a round's entries (queued when the round opens). Returns how many
    were made."""
    return sum(ensure_renditions(image) for image in images_of_round(round_id))


@task()
def make_image_renditions(image_id):
    """One image's renditions, queued by a judge's image view that found them missing."""
    image = EntryImage.objects.filter(pk=image_id).only("pk", "file", "width", "height").first()
    return ensure_renditions(image) if image is not None else 0
