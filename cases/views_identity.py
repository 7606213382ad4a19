"""Custody of the reporter's identity: the request, the leader's decision, the showing, and the record of showings.

Whoever may not take a step gets 404, as for a missing page: the pages do not even confirm that a request exists.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cases import access, selectors
from cases.forms_intake import IdentityDecisionForm, IdentityRequestForm
from cases.models import IdentityRequest
from cases.pages import require_commission
from cases.services import identity
from common.service_forms import form_page, post_action

PAGE_SIZE = 50


def identity_request(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    report = selectors.report_get(request.user, pk)
    if not report.is_real_name:
        raise Http404
    form = IdentityRequestForm(request.POST or None)
    return form_page(
        request, form, lambda: identity.identity_request_create(report=report, user=request.user, **form.cleaned_data),
        done="申请已提交，待纪委领导审批。", then=reverse("cases:report-detail", args=[report.pk]),
        template="cases/identity/request_form.html",
        context={"report": report, "pending": selectors.identity_request_pending(request.user, report)},
    )  # fmt: skip


@never_cache
def identity_show(request: HttpRequest, pk: int) -> HttpResponse:
    """The identity, for the holder of an approved request for this report only; each showing is recorded."""
    report = get_object_or_404(access.reports_visible(request.user), pk=pk)
    shown = identity.identity_show(report=report, user=request.user)
    if shown is None:
        raise Http404
    return render(request, "cases/identity/identity_show.html", {"report": report, "identity": shown})


def identity_request_list(request: HttpRequest) -> HttpResponse:
    """Pending requests for a commission leader to decide, then the decided ones, newest first."""
    if not access.can_approve(request.user):
        raise Http404
    requests = selectors.identity_requests(request.user)
    decided = requests.exclude(status=IdentityRequest.Status.PENDING).order_by("-decided_at", "-pk")
    context = {
        "pending": requests.filter(status=IdentityRequest.Status.PENDING),
        "page": Paginator(decided, PAGE_SIZE).get_page(request.GET.get("page")),
        "form": IdentityDecisionForm(),
    }
    return render(request, "cases/identity/request_list.html", context)


@require_POST
def identity_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.can_approve(request.user):
        raise Http404
    pending = selectors.identity_request_get(request.user, pk)
    form = IdentityDecisionForm(request.POST)
    return post_action(
        request, form,
        lambda: identity.identity_request_decide(request=pending, user=request.user, **form.cleaned_data),
        done="审批意见已登记。", then=reverse("cases:identity-request-list"),
    )  # fmt: skip


def identity_view_list(request: HttpRequest) -> HttpResponse:
    """Every showing of a reporter's identity, for commission admins: who, when, which report, the approved reason."""
    if not access.can_audit_identity(request.user):
        raise Http404
    view_filter, views = selectors.identity_view_log(request.user, request.GET)
    page = Paginator(views, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/identity/view_list.html", {"filter": view_filter, "page": page})
