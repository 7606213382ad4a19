"""Staff register problems; a unit enters its commitment; staff publish it. Each page checks access, calls one
service and shows its refusal."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from common.service_forms import form_page, post_action
from rectification import access
from rectification.forms_problems import CommitmentForm, ProblemForm, PublishForm
from rectification.models import Commitment, Problem
from rectification.services_problems import commitment_publish, commitment_save, problem_register

# Where a problem came from, for the commission: the page of the finding or case that raised it.
SOURCE_PAGES = {Problem.Source.INSPECTION: "inspections:finding-detail", Problem.Source.CASE: "cases:case-detail"}
COMMITMENT_FIELDS = (
    "committer_kind", "committer_name", "committer_position", "published_problem", "measures", "deadline",
    "expected_effect", "signed_on",
)  # fmt: skip


def source_url(problem: Problem) -> str | None:
    if problem.source_id is None or problem.source not in SOURCE_PAGES:
        return None
    try:
        return reverse(SOURCE_PAGES[problem.source], args=[problem.source_id])
    except NoReverseMatch:  # the source app is not installed: say where it came from, without a link
        return None


def detail_context(user, problem: Problem) -> dict:
    """What the problem page shows beyond the problem: the source link and internal note for the commission."""
    is_commission = access.can_manage_problems(user)
    return {
        "is_commission": is_commission,
        "source_url": source_url(problem) if is_commission else None,
        "commitment": Commitment.objects.filter(problem=problem).first(),
    }


def problem_new(request: HttpRequest) -> HttpResponse:
    if not access.can_manage_problems(request.user):
        raise Http404
    form = ProblemForm(request.POST or None)
    return form_page(
        request, form, lambda: problem_register(user=request.user, **form.cleaned_data),
        done="问题已登记。", then=reverse("rectification:problem-list"),
        template="rectification/problem_form.html", context={},
    )  # fmt: skip


def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(access.problems_visible(request.user), pk=pk)
    commitment = Commitment.objects.filter(problem=problem).first()
    initial = {field: getattr(commitment, field) for field in COMMITMENT_FIELDS} if commitment else {}
    form = CommitmentForm(request.POST or None, initial=initial)
    return form_page(
        request, form, lambda: commitment_save(problem=problem, user=request.user, **form.cleaned_data),
        done="整改承诺已保存。", then=reverse("rectification:problem-detail", args=[problem.pk]),
        template="rectification/commitment_form.html", context={"problem": problem, "commitment": commitment},
    )  # fmt: skip


@require_POST
def commitment_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.can_manage_problems(request.user):
        raise Http404
    commitment = get_object_or_404(
        Commitment.objects.filter(problem__in=access.problems_visible(request.user)), problem_id=pk
    )
    return post_action(
        request, PublishForm({}), lambda: commitment_publish(commitment=commitment, user=request.user),
        done="承诺已在公开页面发布。", then=reverse("rectification:problem-detail", args=[pk]),
    )  # fmt: skip
