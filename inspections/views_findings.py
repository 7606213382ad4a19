"""Finding pages: recorded in the field from a phone, listed and shown (scoped by ``access``), disposed once."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from common.list_cache import cached_list
from common.pagination import ListPaginator
from common.service_forms import post_action, run_service
from files.responses import attachment_response
from inspections import access, selectors, services
from inspections.forms import DisposeForm, FindingForm
from inspections.views_plans import PAGE_SIZE, require_inspections


def finding_create(request: HttpRequest, pk: int) -> HttpResponse:
    require_inspections(request)
    plan = selectors.plan_get(request.user, pk)
    if not access.can_record(request.user, plan):
        raise Http404
    form = FindingForm(request.POST or None, request.FILES or None)
    created = []
    record = lambda: created.append(services.finding_create(plan=plan, user=request.user, **form.cleaned_data))  # noqa: E731
    if request.method == "POST" and run_service(form, record):
        messages.success(request, "发现问题已保存，请选择处理方式。")
        # Straight on to the new finding, where its disposition is chosen.
        return redirect("inspections:finding-detail", created[0].pk)
    context = {"form": form, "plan": plan, "heading": "记录发现问题"}
    return render(request, "inspections/form_page.html", context)


@cached_list
def finding_list(request: HttpRequest) -> HttpResponse:
    require_inspections(request)
    finding_filter, findings = selectors.finding_list_filtered(request)
    page = ListPaginator(findings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inspections/finding_list.html", {"filter": finding_filter, "page": page})


def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_inspections(request)
    finding = selectors.finding_get(request.user, pk)
    can_dispose = not finding.disposition and access.can_record(request.user, finding.plan)
    context = {
        "finding": finding,
        "evidence": finding.evidence.all(),
        "dispose_form": DisposeForm() if can_dispose else None,
        # Clues and rectification items are the commission's to open; an inspector sees that they exist.
        "links_out": access.is_commission(request.user),
    }
    return render(request, "inspections/finding_detail.html", context)


@require_POST
def finding_dispose(request: HttpRequest, pk: int) -> HttpResponse:
    require_inspections(request)
    finding = selectors.finding_get(request.user, pk)
    form = DisposeForm(request.POST)
    if finding.disposition:
        return HttpResponse(f"该问题已处理（{finding.get_disposition_display()}），不能重复处理。", status=409)
    return post_action(
        request, form, lambda: services.finding_dispose(finding=finding, user=request.user, **form.cleaned_data),
        done="处理方式已保存。", then=reverse("inspections:finding-detail", args=[finding.pk]),
    )  # fmt: skip


def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    require_inspections(request)
    evidence = selectors.evidence_get(request.user, pk)
    return attachment_response(evidence.file, evidence.name)
