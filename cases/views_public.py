"""The public's report pages (no login): the real-name form, the page that shows the query code once, the query.

Every POST is counted against the client address first (``public_limits``), before the captcha, the form or
any hashing. A reporter who passed the query is remembered in the session for REPORTER_SESSION, by the report's
id alone, so answering a question needs no second entry of the code.
"""

import time
import uuid
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from cases import access
from cases.forms_public import AnswerForm, QueryForm, ReportForm
from cases.models import Report
from cases.public_limits import TOO_MANY_CAPTCHAS, over_limit, too_many_page
from cases.public_unavailable import RESUME, resumed_form
from cases.services import public
from common.service_forms import run_service

SESSION_KEY = "public_report"
REPORTER_SESSION = timedelta(minutes=30)


@login_not_required
def report_form(request: HttpRequest) -> HttpResponse:
    if request.method != "POST" or RESUME in request.POST:
        if over_limit(request, "captcha"):  # the blank form draws a captcha
            return too_many_page(request, TOO_MANY_CAPTCHAS)
        if request.method == "POST":  # back from the page that kept the typing while the database was down
            return _form_page(request, resumed_form(request.POST), resumed=True)
        return _form_page(request, ReportForm(initial={"submission_key": uuid.uuid4()}))
    if over_limit(request, "submit"):
        return too_many_page(request)
    if first := public.report_for_submission(request.POST.get("submission_key")):
        return _submitted_page(request, public.Submitted(first, None))
    form = ReportForm(request.POST, request.FILES)
    outcome: list[public.Submitted] = []
    if run_service(form, lambda: outcome.append(public.report_submit(**_submission(form)))):
        return _submitted_page(request, outcome[0])
    return _form_page(request, form)


def _form_page(request: HttpRequest, form: ReportForm, resumed: bool = False) -> HttpResponse:
    return _private(render(request, "public/report_form.html", {"form": form, "resumed": resumed}))


def _submission(form: ReportForm) -> dict:
    data = form.cleaned_data
    return {"data": data, "files": data["files"], "submission_key": data["submission_key"]}


def _submitted_page(request: HttpRequest, submitted: public.Submitted) -> HttpResponse:
    """Rendered in answer to the POST itself, never stored: the code exists nowhere else in plain text."""
    code = submitted.query_code and public.format_query_code(submitted.query_code)
    return _private(render(request, "public/report_submitted.html", {"report": submitted.report, "query_code": code}))


def _private(response: HttpResponse) -> HttpResponse:
    # Neither the browser nor a proxy may keep a page with a query code, a status or a reporter's typing.
    add_never_cache_headers(response)
    return response


@login_not_required
def report_query(request: HttpRequest) -> HttpResponse:
    if report := _signed_in_report(request):
        return _status_page(request, report, AnswerForm())
    form = QueryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if over_limit(request, "query"):
            return too_many_page(request)
        if form.is_valid() and (report := _query(form)):
            _sign_in(request, report)
            return redirect("public:report-query")
    return _private(render(request, "public/report_query.html", {"form": form}))


def _query(form: QueryForm) -> Report | None:
    try:
        return public.report_query(**form.cleaned_data)
    except public.QueryRefused as refusal:
        form.add_error(None, refusal.message)
        return None


@login_not_required
@require_POST
def report_answer(request: HttpRequest) -> HttpResponse:
    report = _signed_in_report(request)
    if report is None:
        messages.error(request, "查询已超时，请重新输入举报编号、查询码和查询密码。")
        return redirect("public:report-query")
    if over_limit(request, "query"):
        return too_many_page(request)
    form = AnswerForm(request.POST)
    if run_service(form, lambda: public.report_answer(report=report, text=form.cleaned_data["text"])):
        messages.success(request, "您的回复已送达工作人员。")
        return redirect("public:report-query")
    return _status_page(request, report, form)


@login_not_required
@require_POST
def report_query_leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return redirect("public:report-query")


def _status_page(request: HttpRequest, report: Report, form: AnswerForm) -> HttpResponse:
    thread = list(report.messages.only("report_id", "from_reporter", "text", "created_at"))
    context = {
        "report": report,
        "explained": public.STATUS_EXPLAINED[report.status],
        "thread": thread,
        # The answer form once the staff have asked something; a refused answer is shown with its reason.
        "form": form if form.is_bound or any(not message.from_reporter for message in thread) else None,
        "signed_in_minutes": REPORTER_SESSION.seconds // 60,
    }
    return _private(render(request, "public/report_status.html", context))


def _sign_in(request: HttpRequest, report: Report) -> None:
    request.session.cycle_key()  # a fresh session id once the secrets were shown to be known
    request.session[SESSION_KEY] = {"id": report.pk, "until": time.time() + REPORTER_SESSION.total_seconds()}


def _signed_in_report(request: HttpRequest) -> Report | None:
    held = request.session.get(SESSION_KEY)
    if not held:
        return None
    if held["until"] < time.time():
        del request.session[SESSION_KEY]
        return None
    return access.reports_queryable().filter(pk=held["id"]).first()
