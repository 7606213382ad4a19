"""Pages that change the checklist: each checks access, calls one service and shows its refusal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from common.service_forms import form_page, post_action
from files.responses import attachment_response
from orgs.access import actor_of
from orgs.models import Unit
from responsibility import access, selectors, services
from responsibility.filters import NOTICE_STATES, NoticeFilter
from responsibility.forms import (
    AcceptanceDecisionForm,
    AcceptanceRequestForm,
    AccountabilityForm,
    NoticeForm,
    NoticeReplyForm,
    ProgressReportForm,
)  # fmt: skip
from responsibility.models import ProgressAttachment, SupervisionNotice, Task
from responsibility.periods import today

PAGE_SIZE = 50
PAGE_STATES = (*NOTICE_STATES, ("all", "全部"))


def _supervised_task(request: HttpRequest, pk: int) -> Task:
    if not access.can_supervise(request.user):
        raise Http404
    return get_object_or_404(access.tasks_visible(request.user), pk=pk)


def report_file(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    task = get_object_or_404(access.tasks_reportable(user), pk=pk)
    initial = {"period": f"{today():%Y-%m}"}
    if actor_of(request.user).unit_id == task.lead_unit_id:
        initial["percent"] = task.progress  # the task's progress is the lead unit's last report
    form = ProgressReportForm(request.POST or None, request.FILES or None, initial=initial)
    unit = Unit.objects.get(pk=actor_of(request.user).unit_id)  # tasks_reportable found the task through it
    return form_page(
        request, form, lambda: services.progress_report_file(task=task, unit=unit, user=user, **form.cleaned_data),
        done="进度已报送。", then=reverse("responsibility:my-tasks"),
        template="responsibility/report_form.html", context={"task": task},
    )  # fmt: skip


@require_POST
def acceptance_request(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(access.tasks_led(request.user), pk=pk)
    form = AcceptanceRequestForm(request.POST)
    return post_action(
        request, form, lambda: services.task_request_acceptance(task=task, user=request.user, **form.cleaned_data),
        done="已申请验收，等待纪委监委验收。", then=reverse("responsibility:task-detail", args=[task.pk]),
    )  # fmt: skip


@require_POST
def acceptance_decide(request: HttpRequest, pk: int) -> HttpResponse:
    task = _supervised_task(request, pk)
    form = AcceptanceDecisionForm(request.POST)
    return post_action(
        request, form, lambda: services.task_decide_acceptance(task=task, user=request.user, **form.cleaned_data),
        done="验收结果已登记。", then=reverse("responsibility:task-detail", args=[task.pk]),
    )  # fmt: skip


def notice_issue(request: HttpRequest, pk: int) -> HttpResponse:
    task = _supervised_task(request, pk)
    form = NoticeForm(request.POST or None, task=task)
    return form_page(
        request, form, lambda: services.notice_issue(task=task, user=request.user, **form.cleaned_data),
        done="督办单已发出。", then=reverse("responsibility:task-detail", args=[task.pk]),
        template="responsibility/notice_form.html", context={"task": task},
    )  # fmt: skip


def notice_list(request: HttpRequest) -> HttpResponse:
    """Tabs by state (open by default), through the same filter as the API."""
    state = request.GET.get("state", "open")
    params = {"state": "" if state == "all" else state}
    notice_filter = NoticeFilter(params, queryset=selectors.notice_list(request.user))
    notices = notice_filter.qs if notice_filter.is_valid() else SupervisionNotice.objects.none()
    context = {
        "page": Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page")),
        "state": state,
        "states": PAGE_STATES,
        "today": today(),
        "can_supervise": access.can_supervise(request.user),
    }
    return render(request, "responsibility/notice_list.html", context)


def notice_reply(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    notice = get_object_or_404(access.notices_answerable(request.user).select_related("task", "unit"), pk=pk)
    form = NoticeReplyForm(request.POST or None, initial={"reply": notice.reply})
    return form_page(
        request, form, lambda: services.notice_reply(notice=notice, user=user, **form.cleaned_data),
        done="回复已提交。", then=reverse("responsibility:notice-list"),
        template="responsibility/notice_reply.html", context={"notice": notice},
    )  # fmt: skip


@require_POST
def notice_close(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.can_supervise(request.user):
        raise Http404
    notice = get_object_or_404(selectors.notice_list(request.user), pk=pk)
    try:
        services.notice_close(notice=notice)
        messages.success(request, "督办单已办结。")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("responsibility:notice-list")


def accountability_new(request: HttpRequest, pk: int) -> HttpResponse:
    task = _supervised_task(request, pk)
    form = AccountabilityForm(request.POST or None, task=task)
    return form_page(
        request, form, lambda: services.accountability_record(task=task, user=request.user, **form.cleaned_data),
        done="责任追究已登记。", then=reverse("responsibility:task-detail", args=[task.pk]),
        template="responsibility/accountability_form.html", context={"task": task},
    )  # fmt: skip


def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    visible = access.tasks_visible(request.user).values("pk")
    attachment = get_object_or_404(ProgressAttachment.objects.filter(report__task__in=visible), pk=pk)
    return attachment_response(attachment.file, attachment.name)
