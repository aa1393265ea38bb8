"""Background work of judging (django-tasks; a worker runs it in production): reminding late judges by email, and
telling officers that a facility withdrew an entry that was being judged, and making the judges' image
renditions."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from gallery.judging.domain.progress import late_judges
from gallery.judging.domain.renditions import ensure_renditions, images_of_round
from gallery.judging.models import Round
from gallery.models import EntryImage

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


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


def _round_runners():
    """Addresses of the officers who run judging rounds (the officers' role grants it; an administrator may take
    it from some)."""
    users = get_user_model().objects.with_perm("judging.change_round", include_superusers=False, backend=MODEL_BACKEND)
    return sorted(set(users.filter(is_active=True).exclude(email="").values_list("email", flat=True)))


@task()
def tell_officers_of_withdrawal(removed):
    """Email the officers who run rounds that an entry left judging. `removed`: one dict per round it left (round
    id, reference, code, and how many scores, notes and declarations went with it). Returns how many were sent."""
    recipients = _round_runners()
    if not removed or not recipients:
        return 0
    names = dict(Round.objects.filter(pk__in=[item["round"] for item in removed]).values_list("pk", "name"))
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _withdrawal_email(removed, names, base)
    return send_mail(subject, body, None, recipients)


def _withdrawal_email(removed, names, base):
    lines = [
        _(
            "- %(round)s, code %(code)s: %(scores)s scores, %(notes)s notes and %(declarations)s declarations left "
            "with it. %(link)s"
        )
        % {
            **item,
            "round": names.get(item["round"], item["round"]),
            "link": base + reverse("judging_admin:round", args=[item["round"]]),
        }
        for item in removed
    ]
    reference = removed[0]["reference"]
    subject = _("Entry %(reference)s withdrawn during judging") % {"reference": reference}
    body = _(
        "Hello,\n\nThe facility withdrew entry %(reference)s. It was taken out of these judging rounds, and is no "
        "longer in the judges' queues or the rankings:\n%(rounds)s\n\nThe rounds' history keeps the record."
    ) % {"reference": reference, "rounds": "\n".join(lines)}
    return subject, body


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
