"""Exposure by name (通报曝光): staff draft it on a concluded case, a leader approves or refuses, staff withdraw."""

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST

from cases import access, selectors_cases
from cases.forms_cases import ExposureForm
from cases.models import Exposure
from cases.pages import require_commission
from cases.services import exposure as exposure_services
from common.service_forms import form_page, post_action

DECISIONS = {
    "approve": (exposure_services.exposure_approve, "已批准，通报已在公开页面发布。"),
    "refuse": (exposure_services.exposure_refuse, "已不予批准。"),
    "withdraw": (exposure_services.exposure_withdraw, "通报已从公开页面撤回。"),
}


def exposure_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft (or redraft) the exposure of case ``pk``."""
    require_commission(request)
    case = selectors_cases.case_get(request.user, pk)
    form = ExposureForm(request.POST or None)
    return form_page(
        request, form, lambda: exposure_services.exposure_propose(case=case, user=request.user, **form.cleaned_data),
        done="通报曝光已拟稿，等待纪委领导审批。", then=reverse("cases:case-detail", args=[case.pk]),
        template="cases/form_page.html", context={"case": case, "heading": "拟稿通报曝光"},
    )  # fmt: skip


@require_POST
def exposure_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """Approve or refuse (leaders only: the service refuses anybody else), or withdraw, exposure ``pk``."""
    require_commission(request)
    if decision not in DECISIONS:
        raise Http404
    exposure = get_object_or_404(Exposure.objects.filter(case__in=access.cases_visible(request.user)), pk=pk)
    service, done = DECISIONS[decision]
    return post_action(
        request, forms.Form(request.POST), lambda: service(exposure=exposure, user=request.user),
        done=done, then=reverse("cases:case-detail", args=[exposure.case_id]),
    )  # fmt: skip
