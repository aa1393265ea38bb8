"""Background work of judging: reminding late judges by email (django-tasks; a worker runs it in production)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task


@task()
def remind_late_judges(round_id):
    """Email every judge of an open round who has not submitted yet. Returns how many were reminded."""
    from gallery.judging.domain.progress import late_judges
    from gallery.judging.models import Round

    round_ = Round.objects.select_related("contest").filter(pk=round_id, status=Round.Status.OPEN).first()
    if round_ is None:
        return 0
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("judging:queue", args=[round_.pk])
    reminded = 0
    for membership, (done, total) in late_judges(round_):
        if not membership.judge.email:
            continue
        subject = _("Judging reminder: %(round)s") % {"round": round_}
        closes = ""
        if round_.closes_at:
            closes = " " + _("The round closes on %(date)s.") % {
                "date": round_.closes_at.strftime("%Y-%m-%d %H:%M UTC")
            }
        body = _(
            "Hello,\n\nYou have scored %(done)s of %(total)s entries in %(round)s.%(closes)s\n"
            "Please finish and submit your scores here: %(link)s\n\nThank you."
        ) % {"done": done, "total": total, "round": round_, "closes": closes, "link": link}
        send_mail(subject, body, None, [membership.judge.email])
        membership.reminded_at = timezone.now()
        membership.save(update_fields=["reminded_at"])
        reminded += 1
    return reminded
