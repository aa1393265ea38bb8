"""The ranking and the full score sheet as rows, written as CSV or XLSX by core.csv_export (which keeps text typed
by facilities and judges from running as a formula). Judges are named only for users allowed to see names."""

from django.utils.translation import gettext as _

from core.csv_export import local_time, yes_no
from gallery.judging.models import Declaration, Score


def judge_labels(judge_ids, users_by_id, named):
    """{judge id: label}: the username when named, else Judge A, B, ... in a stable order."""
    labels = {}
    for index, judge_id in enumerate(judge_ids):
        user = users_by_id.get(judge_id)
        letter = f"{chr(ord('A') + index % 26)}{index // 26 or ''}"
        labels[judge_id] = user.get_username() if named and user else _("Judge %(letter)s") % {"letter": letter}
    return labels


AWARDS = {"winner": _("Winner"), "honourable": _("Honourable mention")}


def ranking_table(computed, references, labels):
    """The live ranking with human headings, yes/no flags and award names."""
    header = [
        _("Rank"),
        _("Code"),
        _("Reference"),
        _("Title"),
        _("Score"),
        _("Median"),
        _("Top marks"),
        _("Judges who scored"),
        _("Judges asked"),
        _("Provisional"),
        _("Tied"),
        _("Judges disagree"),
        _("Award"),
    ]
    header += [labels[j] for j in computed.judges]
    rows = [header]
    for row in computed.rows:
        reference, title = references.get(row.entry_id, ("", ""))
        rows.append(
            [
                row.rank or "",
                row.code,
                reference,
                title,
                "" if row.score is None else round(row.score, 4),
                "" if row.median is None else round(row.median, 4),
                row.top_marks,
                len(row.judge_scores),
                row.expected_judges,
                yes_no(row.provisional),
                yes_no(row.tied),
                yes_no(row.disagreement),
                str(AWARDS.get(row.award, "")),
            ]
            + ["" if j not in row.judge_scores else round(row.judge_scores[j], 4) for j in computed.judges]
        )
    return rows


def score_sheet_table(round_, labels, references):
    """Every score of the round: one row per judge, entry and criterion (one query); when it was saved, in the
    contest's zone with the zone's name."""
    zone = round_.contest.time_zone
    rows = [[_("Code"), _("Reference"), _("Judge"), _("Criterion"), _("Score"), _("Stepped aside"), _("Saved")]]
    kinds = dict(Declaration.Kind.choices)
    declarations = _declarations(round_)
    scores = (
        Score.objects.filter(round=round_)
        .select_related("round_entry", "criterion")
        .order_by("round_entry__position", "judge_id", "criterion__position")
    )
    for score in scores:
        reference = references.get(score.round_entry.entry_id, ("", ""))[0]
        declared = declarations.get((score.judge_id, score.round_entry_id))
        rows.append(
            [
                score.round_entry.code,
                reference,
                labels.get(score.judge_id, ""),
                score.criterion.name,
                score.value,
                str(kinds[declared]) if declared else "",
                local_time(score.updated_at, zone),
            ]
        )
    return rows


def _declarations(round_):
    return {(j, e): kind for j, e, kind in round_.declarations.values_list("judge_id", "round_entry_id", "kind")}
