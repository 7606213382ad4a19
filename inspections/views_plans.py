"""Plan pages: the list and one plan (scoped by ``access``), drawing up, editing and moving plans (commission)."""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from common.service_forms import form_page, post_action
from inspections import access, selectors, services
from inspections.forms import PlanForm
from inspections.models import Plan

PAGE_SIZE = 50


def require_inspections(request: HttpRequest) -> None:
    """Inspection pages answer 404 to everybody but the commission and inspectors, as for a missing page."""
    if not access.sees_inspections(request.user):
        raise Http404


def _require_manager(request: HttpRequest) -> None:
    if not access.can_manage_plans(request.user):
        raise Http404


def plan_list(request: HttpRequest) -> HttpResponse:
    require_inspections(request)
    page = Paginator(selectors.plan_list(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "can_manage": access.can_manage_plans(request.user)}
    return render(request, "inspections/plan_list.html", context)


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_inspections(request)
    plan = selectors.plan_get(request.user, pk)
    context = {
        "plan": plan,
        "target_units": plan.target_units.all(),
        "findings": selectors.finding_list(request.user).filter(plan=plan),
        "can_manage": access.can_manage_plans(request.user) and plan.status != Plan.Status.DONE,
        "can_record": plan.status == Plan.Status.ACTIVE and access.can_record(request.user, plan),
        "next_status": next((to for frm, to in services.PLAN_TRANSITIONS if frm == plan.status), None),
        "move_actions": services.PLAN_MOVE_ACTIONS,
    }
    return render(request, "inspections/plan_detail.html", context)


def plan_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = PlanForm(request.POST or None)
    return form_page(
        request, form, lambda: services.plan_create(user=request.user, **form.cleaned_data),
        done="检查计划已保存。", then=reverse("inspections:plan-list"),
        template="inspections/form_page.html", context={"heading": "制定检查计划"},
    )  # fmt: skip


def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    plan = selectors.plan_get(request.user, pk)
    initial = {name: getattr(plan, name) for name in PlanForm.base_fields if name != "target_units"}
    form = PlanForm(request.POST or None, initial={**initial, "target_units": plan.target_units.all()})
    return form_page(
        request, form, lambda: services.plan_update(plan=plan, user=request.user, **form.cleaned_data),
        done="检查计划已保存。", then=reverse("inspections:plan-detail", args=[plan.pk]),
        template="inspections/form_page.html", context={"heading": f"修改检查计划：{plan.title}", "plan": plan},
    )  # fmt: skip


@require_POST
def plan_move(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    _require_manager(request)
    plan = selectors.plan_get(request.user, pk)
    return post_action(
        request, forms.Form(request.POST), lambda: services.plan_move(plan=plan, to=status, user=request.user),
        done="计划状态已更新。", then=reverse("inspections:plan-detail", args=[plan.pk]),
    )  # fmt: skip
