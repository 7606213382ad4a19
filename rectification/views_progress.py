"""Pages that move an item: progress and acceptance requests (the unit), decisions and 立行立改 (the commission),
scores (reviewers). Each gets its item through rectification.access, calls one service and shows its refusal."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from common.service_forms import form_page, post_action
from files.responses import attachment_response
from rectification import access, services_progress
from rectification.forms_progress import DecisionForm, EvaluationForm, FixAtOnceForm, ProgressForm, RequestForm
from rectification.models import Problem, ProgressAttachment
from rectification.selectors_progress import problems_awaiting_score

PAGE_SIZE = 50


def _detail(problem: Problem) -> str:
    return reverse("rectification:problem-detail", args=[problem.pk])


def _decidable(request: HttpRequest, pk: int) -> Problem:
    if not access.can_decide_acceptance(request.user):
        raise Http404
    return get_object_or_404(access.problems_visible(request.user), pk=pk)


def progress_file(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(access.problems_reportable(request.user), pk=pk)
    form = ProgressForm(request.POST or None, request.FILES or None)
    return form_page(
        request, form,
        lambda: services_progress.progress_file(problem=problem, user=request.user, **form.cleaned_data),
        done="整改进展已报送。", then=_detail(problem),
        template="rectification/progress_form.html", context={"problem": problem},
    )  # fmt: skip


def _act(request: HttpRequest, problem: Problem, form_class, service, *, done: str) -> HttpResponse:
    """A button on the item's page: run ``service`` with the form's fields and go back to the page."""
    form = form_class(request.POST)

    def call():
        return service(problem=problem, user=request.user, **form.cleaned_data)

    return post_action(request, form, call, done=done, then=_detail(problem))


@require_POST
def acceptance_request(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(access.problems_reportable(request.user), pk=pk)
    done = "已申请验收，等待纪委监委验收。"
    return _act(request, problem, RequestForm, services_progress.acceptance_request, done=done)


@require_POST
def acceptance_decide(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _decidable(request, pk)
    return _act(request, problem, DecisionForm, services_progress.acceptance_decide, done="验收结果已登记。")


@require_POST
def fix_at_once(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _decidable(request, pk)
    return _act(request, problem, FixAtOnceForm, services_progress.problem_fix_at_once, done="已认定为立行立改。")


def evaluation_list(request: HttpRequest) -> HttpResponse:
    if not access.can_evaluate(request.user):
        raise Http404
    page = Paginator(problems_awaiting_score(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "score_rule": services_progress.SCORE_RULE}
    return render(request, "rectification/evaluation_list.html", context)


def evaluation_new(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(access.problems_to_evaluate(request.user), pk=pk)
    form = EvaluationForm(request.POST or None)
    progress = problem.progress.prefetch_related("attachments")
    mine = problem.evaluations.filter(reviewer=request.user).first()
    return form_page(
        request, form,
        lambda: services_progress.evaluation_record(problem=problem, reviewer=request.user, **form.cleaned_data),
        done="评分已提交。", then=reverse("rectification:evaluation-list"),
        template="rectification/evaluation_form.html", context={"problem": problem, "progress": progress, "mine": mine},
    )  # fmt: skip


def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Whoever sees the item (or scores it) may open its progress attachments."""
    visible = Q(progress__problem__in=access.problems_visible(request.user).values("pk"))
    scored = Q(progress__problem__in=access.problems_to_evaluate(request.user).values("pk"))
    attachment = get_object_or_404(ProgressAttachment.objects.filter(visible | scored), pk=pk)
    return attachment_response(attachment.file, attachment.name)
