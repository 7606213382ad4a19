"""The public commitments page (/public/commitments/): published commitments only, and of them only what was
written for the public: the unit, the problem as published, the measures, the deadline and the status in plain words.
The problem's description, internal note, source and the persons are never even read."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from common.list_cache import cached_list
from common.pagination import ListPaginator
from rectification.access import commitments_public
from rectification.filters_problems import PublicCommitmentFilter
from rectification.models import Commitment, Problem

PAGE_SIZE = 20
PUBLIC_FIELDS = (
    "pk", "published_problem", "measures", "deadline", "expected_effect", "published_at",
    "problem__status", "problem__unit__name", "problem__unit__kind",
)  # fmt: skip
S = Problem.Status
PUBLIC_STATUS = {
    S.PENDING: "待整改",
    S.IN_PROGRESS: "正在整改",
    S.ACCEPTANCE_REQUESTED: "整改完成，等待验收",
    S.CLOSED: "已完成整改并验收销号",
    S.FIXED_AT_ONCE: "已立行立改",
}


def _published():
    rows = commitments_public().select_related("problem__unit").only(*PUBLIC_FIELDS)
    return rows.order_by("-published_at", "-pk")


def _with_status(commitment: Commitment) -> Commitment:
    commitment.public_status = PUBLIC_STATUS.get(commitment.problem.status, "")
    return commitment


@login_not_required
@cached_list
def commitment_list(request: HttpRequest) -> HttpResponse:
    commitment_filter = PublicCommitmentFilter(request.GET, queryset=_published())
    rows = commitment_filter.qs if commitment_filter.is_valid() else Commitment.objects.none()
    page = ListPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = [_with_status(commitment) for commitment in page.object_list]
    return render(request, "public/commitment_list.html", {"page": page, "filter": commitment_filter})


@login_not_required
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _with_status(get_object_or_404(_published(), pk=pk))
    return render(request, "public/commitment_detail.html", {"commitment": commitment})
