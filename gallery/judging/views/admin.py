"""Officers' judging screens in the Wagtail admin: rounds, the live ranking, reminders, the freeze, exports."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from gallery.judging.domain import errors, exports, results, rounds
from gallery.judging.domain.progress import progress_of
from gallery.judging.models import JudgeNote, Result, Round, RoundEntry
from gallery.judging.rules import can_manage_judging, can_see_judge_names
from gallery.judging.tasks import remind_late_judges
from gallery.models import ContestPage, Entry


def _require_officer(request):
    if not can_manage_judging(request.user):
        raise PermissionDenied


def _round(request, round_id):
    _require_officer(request)
    return get_object_or_404(Round.objects.select_related("contest"), pk=round_id)


def index(request):
    _require_officer(request)
    contests = ContestPage.objects.order_by("-pk").prefetch_related("judging_rounds")
    results = set(Result.objects.values_list("contest_id", flat=True))
    return TemplateResponse(
        request, "judging/admin/index.html", {"contests": contests, "frozen": results, "page_title": _("Judging")}
    )


def _judges(computed, user):
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=computed.judges)}
    return users, exports.judge_labels(computed.judges, users, can_see_judge_names(user))


def round_results(request, round_id):
    round_ = _round(request, round_id)
    computed = results.compute_results(round_)
    users, labels = _judges(computed, request.user)
    references = dict(
        (pk, (reference, title))
        for pk, reference, title in Entry.objects.filter(pk__in=[r.entry_id for r in computed.rows]).values_list(
            "pk", "reference", "title"
        )
    )
    progress = progress_of(round_)
    memberships = list(round_.round_judges.select_related("judge").order_by("judge_id"))
    judge_rows = [
        {
            "label": labels.get(m.judge_id, m.judge.get_username()),
            "done": progress.get(m.judge_id, (0, 0))[0],
            "total": progress.get(m.judge_id, (0, 0))[1],
            "submitted_at": m.submitted_at,
            "reminded_at": m.reminded_at,
        }
        for m in memberships
    ]
    declarations = list(round_.declarations.select_related("round_entry").order_by("created_at"))
    for declaration in declarations:
        declaration.label = labels.get(declaration.judge_id, "")
    notes = list(JudgeNote.objects.filter(round=round_).exclude(comment="", feedback="").select_related("round_entry"))
    for note in notes:
        note.label = labels.get(note.judge_id, "")
    officer_orders = dict(
        round_.round_entries.filter(officer_tie_break__isnull=False).values_list("pk", "officer_tie_break")
    )
    screening = []
    if round_.kind == Round.Kind.SCREENING:
        reviews = dict(Entry.Review.choices)
        counts = Entry.objects.filter(round_entries__round=round_).values_list("review").annotate(n=Count("pk"))
        screening = [(reviews.get(review, review), n) for review, n in counts.order_by("review")]
    rows = []
    for row in computed.rows:
        row.reference, row.title = references.get(row.entry_id, ("", ""))
        row.breakdown = [row.judge_scores.get(judge_id) for judge_id in computed.judges]
        row.officer_order = officer_orders.get(row.round_entry_id)
        rows.append(row)
    result = Result.objects.filter(contest=round_.contest).first()
    return TemplateResponse(
        request,
        "judging/admin/round.html",
        {
            "round": round_,
            "computed": computed,
            "rows": rows,
            "judge_labels": [labels[j] for j in computed.judges],
            "judge_rows": judge_rows,
            "declarations": declarations,
            "notes": notes,
            "result": result,
            "frozen_rows": result.rows.all() if result else [],
            "has_ties": any(row.tied for row in rows),
            "show_decisions": any(row.tied for row in rows) or bool(officer_orders),
            "page_title": str(round_),
            "screening": screening,
        },
    )


@require_POST
def open_round(request, round_id):
    round_ = _round(request, round_id)
    try:
        plan = rounds.open_round(round_, request.user)
    except errors.JudgingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The round is open."))
        if plan.short:
            messages.warning(
                request,
                _("%(count)s entries have fewer judges than asked: too many judges are affiliated with them.")
                % {"count": len(plan.short)},
            )
    return redirect("judging_admin:round", round_id=round_.pk)


@require_POST
def close_round(request, round_id):
    round_ = _round(request, round_id)
    try:
        rounds.close_round(round_, request.user)
    except errors.JudgingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The round is closed."))
    return redirect("judging_admin:round", round_id=round_.pk)


@require_POST
def remind(request, round_id):
    round_ = _round(request, round_id)
    remind_late_judges.enqueue(round_.pk)
    log(round_, "judging.remind", user=request.user)
    messages.success(request, _("Late judges are being reminded by email."))
    return redirect("judging_admin:round", round_id=round_.pk)


@require_POST
def approve(request, round_id):
    round_ = _round(request, round_id)
    try:
        result = results.freeze(round_, request.user)
    except errors.JudgingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Results approved and frozen: %(winners)s winners.")
            % {"winners": result.rows.filter(award="winner").count()},
        )
    return redirect("judging_admin:round", round_id=round_.pk)


@require_POST
def decide_ties(request, round_id):
    """Officers' decision for entries still tied: a number per entry, lower first."""
    round_ = _round(request, round_id)
    if round_.is_locked:
        messages.error(request, _("The results are frozen."))
        return redirect("judging_admin:round", round_id=round_.pk)
    changed = 0
    for round_entry in RoundEntry.objects.filter(round=round_):
        raw = request.POST.get(f"order-{round_entry.pk}")
        if raw is None:
            continue
        value = int(raw) if raw.strip().isdigit() else None
        if value != round_entry.officer_tie_break:
            round_entry.officer_tie_break = value
            round_entry.save(update_fields=["officer_tie_break"])
            changed += 1
    if changed:
        log(round_, "judging.tie_break", user=request.user, data={"decisions": changed})
    messages.success(request, _("Officers' tie-break decisions saved."))
    return redirect("judging_admin:round", round_id=round_.pk)


@require_POST
def shortlist(request, round_id):
    round_ = _round(request, round_id)
    chosen = {int(pk) for pk in request.POST.getlist("shortlisted") if pk.isdigit()}
    RoundEntry.objects.filter(round=round_).update(shortlisted=False)
    RoundEntry.objects.filter(round=round_, pk__in=chosen).update(shortlisted=True)
    messages.success(request, _("Shortlist saved: %(count)s entries.") % {"count": len(chosen)})
    return redirect("judging_admin:round", round_id=round_.pk)


def export(request, round_id, table, fmt):
    round_ = _round(request, round_id)
    if table not in ("ranking", "scores") or fmt not in ("csv", "xlsx"):
        raise PermissionDenied
    computed = results.compute_results(round_)
    _users, labels = _judges(computed, request.user)
    references = dict(
        (pk, (reference or "", title))
        for pk, reference, title in Entry.objects.filter(pk__in=[r.entry_id for r in computed.rows]).values_list(
            "pk", "reference", "title"
        )
    )
    if table == "ranking":
        rows = exports.ranking_table(computed, references, labels)
    else:
        rows = exports.score_sheet_table(round_, labels, references)
    name = f"{round_.contest.code}-{round_.pk}-{table}"
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.to_xlsx(rows, table),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
