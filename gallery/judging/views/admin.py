"""Officers' judging screens in the Wagtail admin (served by gallery.judging.viewsets.JudgingViewSet): the rounds,
a round's live ranking, its operations and exports.

Each view says what it needs through the model's permission policy (wagtail.permissions): following rounds is
"view" on Round, running them "change" on Round, approving results "add" on Result. Wagtail's PermissionCheckedMixin
refuses anyone else before the view runs. Operations call one domain service each and show its refusal or success.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.base import BaseObjectMixin, BaseOperationView, WagtailAdminTemplateMixin
from wagtail.models import ModelLogEntry
from wagtail.permissions import policy_registry

from core import csv_export
from core.views import run_service
from gallery.judging.domain import decisions, exports, results, rounds, withdrawals
from gallery.judging.domain.progress import progress_of
from gallery.judging.forms import ApprovalForm
from gallery.judging.models import JudgeNote, Result, Round
from gallery.judging.models.config import TIE_BREAK_KEYS
from gallery.judging.rules import can_see_judge_names
from gallery.models import ContestPage, Entry

ORDER_PREFIX = "order-"  # the tie-break form's fields: order-<round entry id>


class RoundPermissionMixin(PermissionCheckedMixin):
    """Checked against the permission policy registered for Round (gallery.judging.rules)."""

    model = Round
    permission_required = "view"


class RoundObjectMixin(RoundPermissionMixin, BaseObjectMixin):
    def get_base_object_queryset(self):
        return Round.objects.select_related("contest")


class JudgingIndexView(RoundPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "judging/admin/index.html"
    page_title = gettext_lazy("Judging")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contests"] = ContestPage.objects.order_by("-pk").prefetch_related("judging_rounds")
        context["frozen"] = set(Result.objects.values_list("contest_id", flat=True))
        return context


def _judges(computed, user):
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=computed.judges)}
    return users, exports.judge_labels(computed.judges, users, can_see_judge_names(user))


def _references(computed):
    entry_ids = [row.entry_id for row in computed.rows]
    rows = Entry.objects.filter(pk__in=entry_ids).values_list("pk", "reference", "title")
    return {pk: (reference or "", title) for pk, reference, title in rows}


def method_words(settings):
    """How the ranking is computed, in a sentence."""
    words = _("Each entry's score is the %(method)s.") % {"method": settings.get_method_display().lower()}
    if settings.normalise:
        words += " " + _("Each judge's scores are first evened out against the others (z-scores).")
    return words


def tie_break_words(settings):
    """The declared tie-break order as words, e.g. "Ties go to the higher median, then more top marks"."""
    steps = [str(TIE_BREAK_KEYS[key]) for key in settings.tie_breaks if key in TIE_BREAK_KEYS]
    if not steps:
        return _("Ties are not broken: tied entries share their place.")
    return _("Ties go to the %(steps)s; entries still tied share their place.") % {"steps": _(", then ").join(steps)}


def judge_rows(round_, labels):
    """Each judge's progress in the round, under the label the user may see; times in the contest's zone."""
    progress = progress_of(round_)
    return [
        {
            "label": labels.get(m.judge_id, m.judge.get_username()),
            "done": progress.get(m.judge_id, (0, 0))[0],
            "total": progress.get(m.judge_id, (0, 0))[1],
            "submitted_at": round_.in_contest_zone(m.submitted_at),
            "reminded_at": round_.in_contest_zone(m.reminded_at),
        }
        for m in round_.round_judges.select_related("judge").order_by("judge_id")
    ]


class RoundResultsView(RoundObjectMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "judging/admin/round.html"
    header_icon = "tasks"

    def get_page_title(self):
        return self.object.name

    def get_page_subtitle(self):
        return self.object.contest.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("judging_admin:index"), "label": _("Judging")},
            {"url": "", "label": str(self.object)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.object
        computed = results.compute_results(round_)
        _users, labels = _judges(computed, self.request.user)
        references = _references(computed)
        officer_orders = dict(
            round_.round_entries.filter(officer_tie_break__isnull=False).values_list("pk", "officer_tie_break")
        )
        rows = []
        for row in computed.rows:
            row.reference, row.title = references.get(row.entry_id, ("", ""))
            row.breakdown = [row.judge_scores.get(judge_id) for judge_id in computed.judges]
            row.officer_order = officer_orders.get(row.round_entry_id)
            rows.append(row)
        result = Result.objects.filter(contest=round_.contest).first()
        judges_progress = judge_rows(round_, labels)
        context.update(
            {
                "method_words": method_words(computed.settings),
                "tie_break_words": tie_break_words(computed.settings),
                "locked_at": round_.in_contest_zone(round_.locked_at),
                "approved_at": round_.in_contest_zone(result.approved_at) if result else "",
                "round": round_,
                "computed": computed,
                "rows": rows,
                "judge_labels": [labels[j] for j in computed.judges],
                "judge_rows": judges_progress,
                "unfinished": [judge for judge in judges_progress if not judge["submitted_at"]],
                "provisional": sum(1 for row in rows if row.provisional),
                "declarations": self._labelled(round_.declarations.order_by("created_at"), labels),
                "notes": self._labelled(
                    JudgeNote.objects.filter(round=round_).exclude(comment="", feedback=""), labels
                ),
                "result": result,
                "frozen_rows": result.rows.all() if result else [],
                "has_ties": any(row.tied for row in rows),
                "show_decisions": any(row.tied for row in rows) or bool(officer_orders),
                "screening": self._screening(),
                # Entries their facility withdrew after this round opened: gone from it, kept in its history.
                "withdrawn": ModelLogEntry.objects.for_instance(round_)
                .filter(action=withdrawals.WITHDRAWN_ACTION)
                .order_by("timestamp"),
                # Buttons only for what the user may do; the views check again.
                "can_run": self.user_has_permission("change"),
                "can_approve": policy_registry.get_by_type(Result).user_has_permission(self.request.user, "add"),
            }
        )
        return context

    @staticmethod
    def _labelled(queryset, labels):
        items = list(queryset.select_related("round_entry"))
        for item in items:
            item.label = labels.get(item.judge_id, "")
        return items

    def _screening(self):
        if self.object.kind != Round.Kind.SCREENING:
            return []
        reviews = dict(Entry.Review.choices)
        counts = Entry.objects.filter(round_entries__round=self.object).values_list("review").annotate(n=Count("pk"))
        return [(reviews.get(review, review), n) for review, n in counts.order_by("review")]


class RoundOperationView(RoundObjectMixin, BaseOperationView):
    """A POST that runs one domain service on a round, then goes back to the round with its refusal or success."""

    permission_required = "change"
    success_message = None

    def perform_operation(self):
        raise NotImplementedError

    def get_success_message(self, outcome=None):
        return self.success_message

    def post(self, request, *args, **kwargs):
        return run_service(
            request, self.perform_operation, success=self.get_success_message, redirect_to=self.get_success_url()
        )


class OpenRoundView(RoundOperationView):
    def perform_operation(self):
        return rounds.open_round(self.object, self.request.user)

    def get_success_message(self, plan=None):
        if plan is not None and plan.short:
            messages.warning(
                self.request,
                _("%(count)s entries have fewer judges than asked: too many judges are affiliated with them.")
                % {"count": len(plan.short)},
            )
        return _("The round is open.")


class CloseRoundView(RoundOperationView):
    success_message = gettext_lazy("The round is closed.")

    def perform_operation(self):
        return rounds.close_round(self.object, self.request.user)


class RemindView(RoundOperationView):
    success_message = gettext_lazy("Late judges are being reminded by email.")

    def perform_operation(self):
        return rounds.remind_judges(self.object, self.request.user)


class ApproveView(RoundObjectMixin, WagtailAdminTemplateMixin, TemplateView):
    """Approving freezes the results: it needs the right to add a Result, not only to run rounds. GET shows who
    has not finished and what is provisional; POST approves (with a reason while anyone is unfinished)."""

    permission_required = "add"
    template_name = "judging/admin/approve.html"
    header_icon = "tasks"
    page_title = gettext_lazy("Approve results")

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Result)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("judging_admin:index"), "label": _("Judging")},
            {"url": reverse("judging_admin:round", args=[self.object.pk]), "label": str(self.object)},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        computed = results.compute_results(self.object)
        _users, labels = _judges(computed, self.request.user)
        progress = judge_rows(self.object, labels)
        context.update(
            {
                "round": self.object,
                "judge_rows": progress,
                "unfinished": [judge for judge in progress if not judge["submitted_at"]],
                "provisional": sum(1 for row in computed.rows if row.provisional),
                "winners": sum(1 for row in computed.rows if row.award == "winner"),
                "result": Result.objects.filter(contest=self.object.contest_id).first(),
                "form": kwargs.get("form") or ApprovalForm(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ApprovalForm(request.POST)
        here = reverse("judging_admin:approve", args=[self.object.pk])
        if not form.is_valid():
            messages.error(request, form.first_error())
            return redirect(here)
        return run_service(
            request,
            lambda: results.freeze(self.object, request.user, form.cleaned_data["reason"]),
            success=self.success_message,
            redirect_to=reverse("judging_admin:round", args=[self.object.pk]),
            failure_redirect_to=here,
        )

    @staticmethod
    def success_message(result):
        winners = result.rows.filter(award="winner").count()
        return _("Results approved and frozen: %(winners)s winners.") % {"winners": winners}


class DecideTiesView(RoundOperationView):
    """Officers' decision for entries still tied: one number per entry (order-<id>), lower first."""

    def perform_operation(self):
        # One value per entry: a field sent twice is passed on as its list, which the service refuses.
        orders = {
            key.removeprefix(ORDER_PREFIX): values[0] if len(values) == 1 else values
            for key, values in self.request.POST.lists()
            if key.startswith(ORDER_PREFIX)
        }
        return decisions.decide_ties(self.object, orders, self.request.user)

    def get_success_message(self, changed=None):
        return _("Officers' tie-break decisions saved.")


class ShortlistView(RoundOperationView):
    def perform_operation(self):
        return decisions.save_shortlist(self.object, self.request.POST.getlist("shortlisted"), self.request.user)

    def get_success_message(self, count=None):
        return _("Shortlist saved: %(count)s entries.") % {"count": count}


class ExportView(RoundObjectMixin, View):
    """The ranking or the full score sheet as CSV or XLSX; judges named only for those who may see names."""

    def get(self, request, pk, table, fmt):
        round_ = self.object
        if table not in ("ranking", "scores") or fmt not in ("csv", "xlsx"):
            raise Http404
        computed = results.compute_results(round_)
        _users, labels = _judges(computed, request.user)
        references = _references(computed)
        if table == "ranking":
            rows = exports.ranking_table(computed, references, labels)
        else:
            rows = exports.score_sheet_table(round_, labels, references)
        filename = f"{round_.contest.code}-{round_.pk}-{table}.{fmt}"
        if fmt == "csv":
            return csv_export.csv_response(rows, filename)
        return csv_export.xlsx_response(rows, table, filename)
