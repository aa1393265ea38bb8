"""Judges' views: thin wrappers around the services of gallery.judging.domain and its rule book.

Nothing here ever loads an entry's facility, region, artist code, reference or uploader: pages and image
URLs speak only of the round's anonymous codes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.ids import MAX_ID
from core.views import run_service
from gallery.judging.domain import errors, results, scoring
from gallery.judging.domain.progress import progress_of_judge
from gallery.judging.forms import NoteForm, read_score
from gallery.judging.models import Declaration, JudgeNote, Round, RoundJudge, Score
from gallery.judging.rules import entries_for_judge, rounds_for_judge
from gallery.models import Entry, EntryImage

judge_required = login_required(login_url="login")


def round_for(request, round_id):
    """The round (with its contest) and the judge's membership of it, in one query."""
    if round_id > MAX_ID:  # the URL takes any digits; beyond a bigint the database would fail, not find nothing
        raise Http404
    memberships = RoundJudge.objects.filter(judge=request.user, round__in=rounds_for_judge(request.user))
    membership = get_object_or_404(memberships.select_related("round__contest"), round_id=round_id)
    return membership.round, membership


def editable(round_, membership):
    """Whether the judge may still change anything in the round (the services check again under a lock)."""
    return round_.accepts_scores and not membership.submitted_at


def _queue(round_, judge):
    """The judge's entries with their own progress, in one query whatever the number of entries."""
    required = Count("scores", filter=Q(scores__judge=judge, scores__criterion__required=True), distinct=True)
    any_score = Count("scores", filter=Q(scores__judge=judge), distinct=True)
    declaration = Declaration.objects.filter(round_entry=OuterRef("pk"), judge=judge)
    return (
        entries_for_judge(judge, round_)
        .annotate(
            required_scored=required,
            scored=any_score,
            declared=Exists(declaration),
            declared_kind=declaration.values("kind")[:1],
        )
        .only("pk", "code", "position", "round_id")
        .order_by("position", "pk")
    )


@judge_required
def index(request):
    rounds = list(
        rounds_for_judge(request.user).select_related("contest").order_by("-status", "contest__title", "position")
    )
    progress = progress_of_judge(request.user, rounds)
    submitted = dict(
        RoundJudge.objects.filter(judge=request.user, round__in=rounds).values_list("round_id", "submitted_at")
    )
    items = [
        {
            "round": r,
            "done": progress.get(r.pk, (0, 0))[0],
            "total": progress.get(r.pk, (0, 0))[1],
            "submitted_at": submitted.get(r.pk),
        }
        for r in rounds
    ]
    return TemplateResponse(request, "judging/index.html", {"items": items})


@judge_required
def queue(request, round_id):
    round_, membership = round_for(request, round_id)
    required_count = round_.criteria.filter(required=True).count()
    entries = list(_queue(round_, request.user))
    for item in entries:
        item.done = item.declared or (item.required_scored >= required_count and item.scored > 0)
    done = sum(1 for item in entries if item.done)
    return TemplateResponse(
        request,
        "judging/queue.html",
        {
            "round": round_,
            "membership": membership,
            "entries": entries,
            "done": done,
            "total": len(entries),
            "editable": editable(round_, membership),
            "submitted_at": round_.in_contest_zone(membership.submitted_at),
        },
    )


def entry_for(request, round_id, code, allow_conflict=False):
    """The round, the judge's membership, the round entry and the judge's declaration on it; 404 unless the entry
    is assigned to the judge, and (unless `allow_conflict`) if they declared a conflict of interest with it."""
    round_, membership = round_for(request, round_id)
    # Whether the judge stepped aside comes with the entry; the declaration itself is read only when there is one.
    declared = Declaration.objects.filter(round_entry=OuterRef("pk"), judge=request.user).values("kind")[:1]
    entries = entries_for_judge(request.user, round_).annotate(declared_kind=Subquery(declared))
    round_entry = get_object_or_404(entries, code=code)
    round_entry.round = round_
    if round_entry.declared_kind == Declaration.Kind.CONFLICT and not allow_conflict:
        raise Http404(_("You declared a conflict of interest with this entry."))
    declaration = None
    if round_entry.declared_kind:
        declaration = Declaration.objects.filter(round_entry=round_entry, judge=request.user).first()
    return round_, membership, round_entry, declaration


def _work_codes(round_, judge):
    """Codes of the entries the judge still works on (not stepped aside from), in queue order: the entry page's
    previous, next and "n of m" without counting anyone's scores."""
    declared = Declaration.objects.filter(round_entry=OuterRef("pk"), judge=judge)
    entries = entries_for_judge(judge, round_).filter(~Exists(declared)).order_by("position", "pk")
    return list(entries.values_list("code", flat=True))


@judge_required
def entry(request, round_id, code):
    round_, membership, round_entry, declaration = entry_for(request, round_id, code, allow_conflict=True)
    if declaration and declaration.kind == Declaration.Kind.CONFLICT:
        # Nothing of the work: only the code and the way back (withdrawing, until the judge submits).
        return TemplateResponse(
            request,
            "judging/conflict.html",
            {
                "round": round_,
                "round_entry": round_entry,
                "declaration": declaration,
                "editable": editable(round_, membership),
            },
        )
    # Only the fields a judge may see; the entry's facility, artist code and reference are never loaded.
    work = Entry.objects.only("pk", "title", "medium", "dimensions", "year", "statement").get(pk=round_entry.entry_id)
    # Explicit orders: the models' default orders go through the entry's and the round's (joins for nothing).
    images = EntryImage.objects.filter(entry_id=round_entry.entry_id).order_by("position", "pk")
    positions = list(images.values_list("position", "width", "height"))
    criteria = list(round_.criteria.order_by("position", "pk"))
    mine = dict(Score.objects.filter(round_entry=round_entry, judge=request.user).values_list("criterion_id", "value"))
    for criterion in criteria:
        criterion.value = mine.get(criterion.pk)
        criterion.choices = range(criterion.scale_min, criterion.scale_max + 1)
    note = JudgeNote.objects.filter(round_entry=round_entry, judge=request.user).first()
    codes = _work_codes(round_, request.user)
    index = codes.index(code) if code in codes else -1
    can_edit = editable(round_, membership) and declaration is None
    others = []
    if round_.visibility == Round.Visibility.AFTER_SUBMIT and membership.submitted_at:
        others = _other_judges(round_entry, request.user)
    return TemplateResponse(
        request,
        "judging/entry.html",
        {
            "round": round_,
            "round_entry": round_entry,
            "work": work,
            "images": positions,
            "criteria": criteria,
            "note": note,
            "declaration": declaration,
            "previous_code": codes[index - 1] if index > 0 else None,
            "next_code": codes[index + 1] if 0 <= index < len(codes) - 1 else None,
            "position": index + 1,
            "count": len(codes),
            "editable": can_edit,
            "can_withdraw": declaration is not None and editable(round_, membership),
            "others": others,
            "declaration_kinds": Declaration.Kind.choices,
        },
    )


def _other_judges(round_entry, judge):
    """Other judges' weighted scores for this entry, as Judge A, B, ... (never names)."""
    computed = results.compute_results(round_entry.round)
    row = next((r for r in computed.rows if r.round_entry_id == round_entry.pk), None)
    if row is None:
        return []
    letters = {judge_id: chr(ord("A") + i) for i, judge_id in enumerate(computed.judges)}
    return [
        {"label": _("Judge %(letter)s") % {"letter": letters.get(judge_id, "?")}, "score": value}
        for judge_id, value in sorted(row.result.raw_judge_scores.items())
        if judge_id != judge.pk
    ]


def _json_error(message, status=400):
    return JsonResponse({"saved": False, "error": str(message)}, status=status)


@judge_required
@require_POST
def score(request, round_id, code):
    round_, membership, round_entry, declaration = entry_for(request, round_id, code)
    try:
        criterion_id, value = read_score(request.body)
    except ValidationError as error:
        return _json_error(error.messages[0])
    try:
        saved = scoring.save_score(request.user, round_entry, criterion_id, value)
    except errors.JudgingError as error:
        return _json_error(error, status=409 if round_entry.round.is_locked else 400)
    return JsonResponse({"saved": True, "value": saved})


@judge_required
@require_POST
def note(request, round_id, code):
    round_, membership, round_entry, declaration = entry_for(request, round_id, code)
    wants_json = request.headers.get("Accept") == "application/json"
    entry_url = reverse("judging:entry", args=[round_.pk, code])
    form = NoteForm(request.POST)
    if not form.is_valid():
        if wants_json:
            return _json_error(form.first_error())
        messages.error(request, form.first_error())
        return redirect(entry_url)

    def save():
        comment, feedback = form.cleaned_data["comment"][:5000], form.cleaned_data["feedback"][:5000]
        return scoring.save_note(request.user, round_entry, comment, feedback)

    if not wants_json:
        return run_service(request, save, success=_("Your notes are saved."), redirect_to=entry_url)
    try:
        save()
    except errors.JudgingError as error:
        return _json_error(error)
    return JsonResponse({"saved": True})
