"""Reads for the progress section of an item's page and for the reviewers' list."""

from django.db.models import Exists, OuterRef, QuerySet

from rectification import access
from rectification.forms_progress import DecisionForm, FixAtOnceForm, ProgressForm, RequestForm
from rectification.models import Evaluation, Problem
from rectification.services_progress import FINISHED, SCORE_RULE, evaluation_summary

S = Problem.Status


def progress_panel(user, problem: Problem) -> dict:
    """What the progress section shows this user, and which of its forms they may use."""
    reportable = problem.status not in FINISHED and access.problems_reportable(user).filter(pk=problem.pk).exists()
    staff = access.can_decide_acceptance(user)
    panel = {
        "progress": problem.progress.select_related("submitted_by").prefetch_related("attachments"),
        "acceptances": problem.acceptances.select_related("requested_by", "reviewer"),
        "progress_form": ProgressForm() if reportable else None,
        "request_form": RequestForm() if reportable and problem.status == S.IN_PROGRESS else None,
        "decision_form": DecisionForm() if staff and problem.status == S.ACCEPTANCE_REQUESTED else None,
        "fix_form": FixAtOnceForm() if staff and problem.status in (S.PENDING, S.IN_PROGRESS) else None,
        "is_staff": staff,
        "score_rule": SCORE_RULE,
    }
    if staff:
        panel["evaluations"] = problem.evaluations.select_related("reviewer")
        panel["scores"] = evaluation_summary(problem)
    return panel


def problems_awaiting_score(user) -> QuerySet[Problem]:
    """Finished items this reviewer has not scored yet, the longest waiting first."""
    mine = Evaluation.objects.filter(problem=OuterRef("pk"), reviewer=user)
    return access.problems_to_evaluate(user).filter(~Exists(mine)).order_by("created_at", "id")
