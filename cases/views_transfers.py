"""Transfers (转办件): the receiving unit's inbox and result form, the commission's supervision list and closing.

The receiving unit's officer sees the clue's summary, the instructions and the deadline, never the report, its
number or who made it: the templates for them get the transfer and its clue only.
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from cases import access, selectors_transfers
from cases.forms_clues import TransferCloseForm, TransferResultForm
from cases.models import Transfer
from cases.pages import require_commission
from cases.services.transfers import transfer_close, transfer_report_result
from common.service_forms import form_page, post_action

PAGE_SIZE = 50


def transfer_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    state = request.GET.get("state", "open")
    transfers = selectors_transfers.transfer_list_in_state(request.user, state, today)
    context = {
        "page": Paginator(transfers, PAGE_SIZE).get_page(request.GET.get("page")),
        "state": state,
        "states": selectors_transfers.STATES,
        "is_commission": access.is_commission(request.user),
        "receives_transfers": access.receives_transfers(request.user),
        "quarter_end": selectors_transfers.quarter_end(today),
    }
    return render(request, "cases/transfers/transfer_list.html", context)


def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Shows the transfer; its receiving unit's officer files the result here."""
    transfer = selectors_transfers.transfer_get(request.user, pk)
    answerable = (
        transfer.status != Transfer.Status.CLOSED and access.transfers_answerable(request.user).filter(pk=pk).exists()
    )
    form = TransferResultForm(request.POST or None, initial={"result": transfer.result}) if answerable else None
    context = {
        "transfer": transfer,
        "is_commission": access.is_commission(request.user),
        "close_form": TransferCloseForm() if transfer.status == Transfer.Status.ANSWERED else None,
        "quarter_end": selectors_transfers.quarter_end(timezone.localdate()),
    }
    if form is None:
        return render(request, "cases/transfers/transfer_detail.html", {**context, "form": None})
    return form_page(
        request, form, lambda: transfer_report_result(transfer=transfer, user=request.user, **form.cleaned_data),
        done="办理结果已报送。", then=reverse("cases:transfer-detail", args=[pk]),
        template="cases/transfers/transfer_detail.html", context=context,
    )  # fmt: skip


@require_POST
def transfer_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    transfer = selectors_transfers.transfer_get(request.user, pk)
    form = TransferCloseForm(request.POST)
    return post_action(
        request, form, lambda: transfer_close(transfer=transfer, user=request.user, **form.cleaned_data),
        done="转办件已办结。", then=reverse("cases:transfer-detail", args=[pk]),
    )  # fmt: skip
