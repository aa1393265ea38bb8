"""The judge's steps that are hard to take back: stepping aside from an entry and submitting the round. Each asks
for confirmation first, with no script needed (a form posts to a confirmation page, which posts again with
`confirmed=yes`); a declaration can be withdrawn until the judge submits."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.views import run_service
from gallery.judging.domain import scoring
from gallery.judging.domain.progress import progress_of
from gallery.judging.forms import DeclarationForm
from gallery.judging.models import Declaration
from gallery.judging.views.judge import editable, entry_for, judge_required, round_for

CONFIRMED = "yes"


def _confirmed(request):
    return request.POST.get("confirmed") == CONFIRMED


@judge_required
@require_POST
def declare(request, round_id, code):
    round_, membership, round_entry, declaration = entry_for(request, round_id, code)
    entry_url = reverse("judging:entry", args=[round_.pk, code])
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.first_error())
        return redirect(entry_url)
    kind, reason = form.cleaned_data["kind"], form.cleaned_data["reason"]
    if not _confirmed(request):
        if kind not in Declaration.Kind.values or not reason.strip():
            # The service would refuse these too; say so before asking for a confirmation.
            messages.error(request, _("Choose a conflict of interest or an abstention, and give a reason."))
            return redirect(entry_url)
        context = {
            "round": round_,
            "round_entry": round_entry,
            "kind": kind,
            "kind_label": Declaration.Kind(kind).label,
            "reason": reason,
        }
        return TemplateResponse(request, "judging/confirm_declare.html", context)
    return run_service(
        request,
        lambda: scoring.declare(request.user, round_entry, kind, reason),
        success=_(
            "Officers are told that you stepped aside from entry %(code)s. You can take this back until you "
            "submit your scores."
        )
        % {"code": code},
        redirect_to=reverse("judging:queue", args=[round_.pk]),
        failure_redirect_to=entry_url,
    )


@judge_required
@require_POST
def withdraw(request, round_id, code):
    round_, membership, round_entry, declaration = entry_for(request, round_id, code, allow_conflict=True)
    entry_url = reverse("judging:entry", args=[round_.pk, code])
    return run_service(
        request,
        lambda: scoring.withdraw_declaration(request.user, round_entry),
        success=_("Entry %(code)s is yours to score again.") % {"code": code},
        redirect_to=entry_url,
        failure_redirect_to=reverse("judging:queue", args=[round_.pk]),
    )


@judge_required
@require_http_methods(["GET", "POST"])
def submit(request, round_id):
    """GET: what submitting means and how far the judge is; POST with confirmed=yes: submit and lock."""
    round_, membership = round_for(request, round_id)
    queue_url = reverse("judging:queue", args=[round_.pk])
    if request.method == "POST" and _confirmed(request):
        return run_service(
            request,
            lambda: scoring.submit(request.user, round_),
            success=_("Your scores are submitted and locked. Thank you."),
            redirect_to=queue_url,
            failure_redirect_to=reverse("judging:submit", args=[round_.pk]),
        )
    if request.method == "POST":  # an old form or a crafted post: ask first, change nothing
        return redirect("judging:submit", round_id=round_.pk)
    done, total = progress_of(round_, [request.user.pk]).get(request.user.pk, (0, 0))
    declarations = Declaration.objects.filter(round=round_, judge=request.user).select_related("round_entry")
    context = {
        "round": round_,
        "membership": membership,
        "submitted_at": round_.in_contest_zone(membership.submitted_at),
        "editable": editable(round_, membership),
        "done": done,
        "total": total,
        "left": total - done,
        "declarations": declarations.order_by("round_entry__position", "pk"),
        "closes_at": round_.in_contest_zone(round_.closes_at),
    }
    return TemplateResponse(request, "judging/confirm_submit.html", context)
