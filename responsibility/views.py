from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from orgs.access import actor_of
from orgs.models import Role
from responsibility import access, selectors
from responsibility.forms import AcceptanceDecisionForm, AcceptanceRequestForm, NoticeForm

PAGE_SIZE = 30


def ledger(request: HttpRequest) -> HttpResponse:
    """The ledger (台账): every visible task, filtered, searched, sorted and paginated."""
    task_filter, tasks = selectors.task_ledger_filtered(request.user, request.GET)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": task_filter, "page": page, "lagging_rule": selectors.LAGGING_RULE}
    return render(request, "responsibility/ledger.html", context)


def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(request.user, pk)
    user = request.user
    context = {
        "task": task,
        "milestones": task.milestones.all(),
        "timeline": selectors.task_timeline(task),
        "can_report": access.tasks_reportable(user).filter(pk=task.pk).exists(),
        "can_request_acceptance": access.tasks_led(user).filter(pk=task.pk, status=task.Status.IN_PROGRESS).exists(),
        "can_supervise": access.can_supervise(user),
        "lagging_rule": selectors.LAGGING_RULE,
    }
    if context["can_supervise"]:
        context["notice_form"] = NoticeForm(task=task)
        context["decision_form"] = AcceptanceDecisionForm()
    if context["can_request_acceptance"]:
        context["request_form"] = AcceptanceRequestForm()
    return render(request, "responsibility/task_detail.html", context)


def my_tasks(request: HttpRequest) -> HttpResponse:
    """A unit officer's tasks (lead or co-unit), with what is due this month."""
    if not actor_of(request.user).holds(Role.UNIT_OFFICER):
        raise Http404
    tasks = list(selectors.my_tasks(request.user))
    notices = selectors.notice_list(request.user).filter(closed_at__isnull=True)
    return render(request, "responsibility/my_tasks.html", {"tasks": tasks, "notices": notices})


def leader_tasks(request: HttpRequest) -> HttpResponse:
    """A county leader's view of the tasks they own: progress and the lagging ones."""
    actor = actor_of(request.user)
    if not actor.holds(Role.COUNTY_LEADER):
        raise Http404
    tasks = selectors.task_ledger(request.user).filter(owner_id=actor.person_id).order_by("-is_lagging", "number")
    summary = tasks.aggregate(
        total=Count("pk"),
        lagging=Count("pk", filter=Q(is_lagging=True)),
        closed=Count("pk", filter=Q(status="closed")),
        requested=Count("pk", filter=Q(status="acceptance_requested")),
    )
    return render(request, "responsibility/leader_tasks.html", {"tasks": tasks, "summary": summary})
