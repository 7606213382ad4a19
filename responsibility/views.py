from django.db.models import Count, Q
from django.forms import Form, ModelChoiceField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from common.list_cache import cached_list
from common.pagination import ListPaginator
from orgs.access import actor_of
from orgs.models import Role
from responsibility import access, selectors
from responsibility.forms import AcceptanceDecisionForm, AcceptanceRequestForm
from responsibility.models import Task
from responsibility.periods import today

PAGE_SIZE = 30


def _label_empty_choices(form: Form) -> Form:
    """A filter left empty means "all": say so instead of Django's dashes and the null-boolean's "unknown"."""
    for name, field in form.fields.items():
        if getattr(field, "empty_label", None) is None:
            continue
        field.empty_label = "默认（按编号）" if name == "ordering" else "全部"
        if not isinstance(field, ModelChoiceField):
            # django-filter's select keeps its own copy of the choices: give it the relabelled ones.
            field.widget.choices = list(field.choices)
    form.fields["lagging"].widget.choices = [("unknown", "全部"), ("true", "滞后"), ("false", "未滞后")]
    return form


@cached_list
def ledger(request: HttpRequest) -> HttpResponse:
    """The ledger (台账): every visible task, filtered, searched, sorted and paginated."""
    task_filter, tasks = selectors.task_ledger_filtered(request.user, request.GET)
    page = ListPaginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": task_filter,
        "filter_form": _label_empty_choices(task_filter.form),
        "page": page,
        "lagging_rule": selectors.LAGGING_RULE,
    }
    return render(request, "responsibility/ledger.html", context)


def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(request.user, pk)
    user = request.user
    is_open = task.status != Task.Status.CLOSED
    context = {
        "task": task,
        "today": today(),
        "milestones": task.milestones.all(),
        "timeline": selectors.task_timeline(task),
        "can_report": is_open and access.tasks_reportable(user).filter(pk=task.pk).exists(),
        "can_request_acceptance": task.status == Task.Status.IN_PROGRESS
        and access.tasks_led(user).filter(pk=task.pk).exists(),
        "can_supervise": access.can_supervise(user),
        "lagging_rule": selectors.LAGGING_RULE,
    }
    if context["can_supervise"] and task.status == Task.Status.ACCEPTANCE_REQUESTED:
        context["decision_form"] = AcceptanceDecisionForm()
    if context["can_request_acceptance"]:
        context["request_form"] = AcceptanceRequestForm()
    return render(request, "responsibility/task_detail.html", context)


def my_tasks(request: HttpRequest) -> HttpResponse:
    """A unit officer's tasks (lead or co-unit), with what is due this month."""
    actor = actor_of(request.user)
    if not actor.holds(Role.UNIT_OFFICER):
        raise Http404
    tasks = list(selectors.my_tasks(request.user))
    notices = access.notices_answerable(request.user).filter(closed_at__isnull=True).select_related("task")
    context = {"tasks": tasks, "notices": notices, "today": today(), "unit_id": actor.unit_id}
    return render(request, "responsibility/my_tasks.html", context)


def leader_tasks(request: HttpRequest) -> HttpResponse:
    """A county leader's view of the tasks they own: progress and the lagging ones."""
    actor = actor_of(request.user)
    if not actor.holds(Role.COUNTY_LEADER):
        raise Http404
    tasks = selectors.task_ledger(request.user).filter(owner_id=actor.person_id).order_by("-is_lagging", "number")
    summary = tasks.aggregate(
        total=Count("pk"),
        lagging=Count("pk", filter=Q(is_lagging=True)),
        closed=Count("pk", filter=Q(status=Task.Status.CLOSED)),
        requested=Count("pk", filter=Q(status=Task.Status.ACCEPTANCE_REQUESTED)),
    )
    context = {"tasks": tasks, "summary": summary, "lagging_rule": selectors.LAGGING_RULE}
    return render(request, "responsibility/leader_tasks.html", context)
