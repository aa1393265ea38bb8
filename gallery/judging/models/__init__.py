from gallery.judging.models.config import Criterion, JudgeProfile, JudgingSettings
from gallery.judging.models.guards import RoundLocked, RoundSettled
from gallery.judging.models.renditions import JudgingRendition
from gallery.judging.models.results import Result, ResultRow
from gallery.judging.models.rounds import Assignment, Round, RoundCriterion, RoundEntry, RoundJudge
from gallery.judging.models.scores import Declaration, JudgeNote, Score

__all__ = [
    "Assignment",
    "Criterion",
    "Declaration",
    "JudgeNote",
    "JudgeProfile",
    "JudgingRendition",
    "JudgingSettings",
    "Result",
    "ResultRow",
    "Round",
    "RoundCriterion",
    "RoundEntry",
    "RoundJudge",
    "RoundLocked",
    "RoundSettled",
    "Score",
]
