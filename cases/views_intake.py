"""Commission pages for reports: the intake queue, registering, one report and its triage, the due list."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cases import access, selectors
from cases.clocks import report_clocks
from cases.due import due_sections
from cases.forms_intake import (
    ConcludeForm,
    ConfirmForm,
    MessageForm,
    ReferForm,
    RejectForm,
    ReportRegisterForm,
    RewardForm,
)  # fmt: skip
from cases.models import Report, ReportAttachment
from cases.pages import require_commission
from cases.services import intake, triage
from common.list_cache import cached_list
from common.pagination import ListPaginator
from common.service_forms import form_errors, run_service
from common.transitions import TransitionNotAllowed
from files.responses import attachment_response

PAGE_SIZE = 50


@dataclass(frozen=True)
class Action:
    form: type[Form]
    service: Callable[..., object]
    done: str


# The buttons and small forms of a report's page: POST /cases/reports/<pk>/<name>/.
ACTIONS = {
    "accept": Action(ConfirmForm, triage.report_accept, "已受理。请拟定处置方式，转为问题线索。"),
    "reject": Action(RejectForm, triage.report_reject, "已决定不予受理。"),
    "refer": Action(ReferForm, triage.report_refer, "已转交有权处理机关。"),
    "notify": Action(ConfirmForm, triage.report_notify_reporter, "已登记告知举报人。"),
    "conclude": Action(ConcludeForm, triage.report_conclude, "已办结。"),
    "fed_back": Action(ConfirmForm, triage.report_mark_fed_back, "已登记结果反馈。"),
    "message": Action(MessageForm, intake.report_message_send, "留言已发送，举报人可在查询页面查看并回复。"),
    "reward": Action(RewardForm, intake.reward_record, "举报奖励已登记。"),
}


@cached_list
def report_list(request: HttpRequest) -> HttpResponse:
    require_commission(request)
    report_filter, reports = selectors.report_queue(request.user, request.GET)
    page = ListPaginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for report in page:
        report.clocks = report_clocks(report, today)
    return render(request, "cases/intake/report_list.html", {"filter": report_filter, "page": page, "today": today})


def report_register(request: HttpRequest) -> HttpResponse:
    require_commission(request)
    form = ReportRegisterForm(request.POST or None, request.FILES or None)
    created: list[Report] = []

    def register() -> None:
        created.append(intake.report_register(user=request.user, **form.cleaned_data))

    if request.method == "POST" and run_service(form, register):
        messages.success(request, f"已登记，举报编号 {created[0].number}。")
        return redirect("cases:report-detail", pk=created[0].pk)
    return render(request, "cases/intake/report_form.html", {"form": form})


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    return _detail_page(request, selectors.report_get(request.user, pk))


@require_POST
def report_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one of ACTIONS; a refused move answers 409 and invalid input 400, on the report's page with the reason."""
    require_commission(request)
    if action not in ACTIONS:
        raise Http404
    spec, report = ACTIONS[action], selectors.report_get(request.user, pk)
    form = spec.form(request.POST)
    refused: list[TransitionNotAllowed] = []

    def call() -> None:
        try:
            spec.service(report=report, user=request.user, **form.cleaned_data)
        except TransitionNotAllowed as refusal:
            refused.append(refusal)
            raise

    if run_service(form, call):
        messages.success(request, spec.done)
        return redirect("cases:report-detail", pk=report.pk)
    messages.error(request, form_errors(form))
    return _detail_page(request, report, {action: form}, status=409 if refused else 400)


def _detail_page(request: HttpRequest, report: Report, bound: dict | None = None, status: int = 200) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    real_name = report.is_real_name
    context = {
        "report": report,
        "clocks": report_clocks(report, today),
        "duplicates": selectors.report_duplicates(user, report),
        "attachments": report.attachments.all(),
        "report_messages": selectors.report_messages(report),
        "rewards": selectors.report_rewards(report),
        "clue": access.clues_visible(user).filter(report=report).first(),
        "grant": access.identity_grant(user, report) if real_name else None,
        "pending_request": selectors.identity_request_pending(user, report) if real_name else None,
        "forms": {name: spec.form() for name, spec in ACTIONS.items()} | (bound or {}),
    }
    return render(request, "cases/intake/report_detail.html", context, status=status)


def report_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    visible = access.reports_visible(request.user).values("pk")
    attachment = get_object_or_404(ReportAttachment.objects.filter(report__in=visible), pk=pk)
    return attachment_response(attachment.file, attachment.name)


def due_list(request: HttpRequest) -> HttpResponse:
    """即将到期 / 已逾期: every registered section's items with a clock due within 3 working days or overdue."""
    require_commission(request)
    today = timezone.localdate()
    sections = []
    for section in due_sections():
        rows, total = section.rows(request.user, today)
        sections.append({"section": section, "rows": rows, "total": total, "more": total - len(rows)})
    return render(request, "cases/intake/due_list.html", {"sections": sections, "today": today})
