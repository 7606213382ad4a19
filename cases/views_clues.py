"""Commission pages for clues (问题线索): the list, one clue, approval, revision, conclusion, transfer."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cases import access, selectors, selectors_clues
from cases.forms_clues import ClueApproveForm, ClueConcludeForm, ClueProposeForm, TransferForm
from cases.models import Clue
from cases.pages import require_commission
from cases.services import clues as clue_services
from cases.services.transfers import TRANSFERABLE_DISPOSITIONS, transfer_create
from common.list_cache import cached_list
from common.pagination import ListPaginator
from common.service_forms import form_page, post_action

PAGE_SIZE = 50


@cached_list
def clue_list(request: HttpRequest) -> HttpResponse:
    require_commission(request)
    clue_filter, clues = selectors_clues.clue_list_filtered(request.user, request.GET)
    page = ListPaginator(clues, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/clues/clue_list.html", {"filter": clue_filter, "page": page})


def clue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    clue = selectors_clues.clue_get(request.user, pk)
    approved = clue.status == Clue.Status.APPROVED
    context = {
        "clue": clue,
        "transfers": clue.transfers.select_related("to_unit", "transferred_by", "result_by"),
        "cases": clue.cases.all(),
        "approve_form": ClueApproveForm(initial={"disposition": clue.disposition})
        if clue.status == Clue.Status.PROPOSED and access.can_approve(request.user)
        else None,
        "can_transfer": approved and clue.disposition in TRANSFERABLE_DISPOSITIONS,
        "can_open_case": approved and clue.disposition == Clue.Disposition.VERIFICATION and not clue.cases.exists(),
        "conclude_form": ClueConcludeForm() if approved else None,
    }
    return render(request, "cases/clues/clue_detail.html", context)


@require_POST
def clue_approve(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    clue = selectors_clues.clue_get(request.user, pk)
    form = ClueApproveForm(request.POST)
    return post_action(
        request, form, lambda: clue_services.clue_approve(clue=clue, user=request.user, **form.cleaned_data),
        done="处置方式已批准。", then=reverse("cases:clue-detail", args=[clue.pk]),
    )  # fmt: skip


def clue_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """From an accepted report: the proposed disposition, for a commission leader to approve."""
    require_commission(request)
    report = selectors.report_get(request.user, pk)
    summary = f"反映{report.accused_unit_name}{report.accused_position}{report.accused_name}：{report.content}"
    form = ClueProposeForm(request.POST or None, initial={"summary": summary})
    return form_page(
        request, form, lambda: clue_services.clue_propose(report=report, user=request.user, **form.cleaned_data),
        done="已拟定处置方式，待纪委领导审批。", then=reverse("cases:report-detail", args=[report.pk]),
        template="cases/form_page.html", context={"heading": f"拟定处置方式：{report.number}"},
    )  # fmt: skip


def clue_revise(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    clue = selectors_clues.clue_get(request.user, pk)
    initial = {"disposition": clue.disposition, "summary": clue.summary}
    form = ClueProposeForm(request.POST or None, initial=initial)
    return form_page(
        request, form, lambda: clue_services.clue_revise(clue=clue, user=request.user, **form.cleaned_data),
        done="拟办意见已修改。", then=reverse("cases:clue-detail", args=[clue.pk]),
        template="cases/form_page.html", context={"clue": clue, "heading": "修改拟办意见"},
    )  # fmt: skip


@require_POST
def clue_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    clue = selectors_clues.clue_get(request.user, pk)
    form = ClueConcludeForm(request.POST)
    return post_action(
        request, form, lambda: clue_services.clue_conclude(clue=clue, user=request.user, **form.cleaned_data),
        done="线索已办结。", then=reverse("cases:clue-detail", args=[clue.pk]),
    )  # fmt: skip


def transfer_new(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    clue = selectors_clues.clue_get(request.user, pk)
    form = TransferForm(request.POST or None)
    return form_page(
        request, form, lambda: transfer_create(clue=clue, user=request.user, **form.cleaned_data),
        done="线索已转办。", then=reverse("cases:clue-detail", args=[clue.pk]),
        template="cases/form_page.html", context={"clue": clue, "heading": "转办线索"},
    )  # fmt: skip
