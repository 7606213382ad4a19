"""The public exposure pages (/public/exposures/): published exposures only, and of them only the approved text."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cases import access

PAGE_SIZE = 20
PUBLIC_FIELDS = ("pk", "title", "body", "published_at")


def _published():
    # Only the approved title and text, and when: nothing else of the case is even read.
    return access.exposures_public().only(*PUBLIC_FIELDS).order_by("-published_at", "-pk")


@login_not_required
def exposure_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(_published(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "public/exposure_list.html", {"page": page})


@login_not_required
def exposure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exposure = get_object_or_404(_published(), pk=pk)
    return render(request, "public/exposure_detail.html", {"exposure": exposure})
