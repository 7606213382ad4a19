"""Responsibility letters (目标责任书) by year, and accountability records (责任追究)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from responsibility import access, services
from responsibility.forms import LetterSignForm
from responsibility.models import ResponsibilityLetter
from responsibility.periods import today

PAGE_SIZE = 50


def letter_list(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and len(year) == 4 else today().year
    letters = access.letters_visible(request.user).filter(year=year)
    summary = {
        row["kind"]: row
        for row in letters.values("kind").annotate(
            total=Count("pk"), signed=Count("pk", filter=Q(signed_on__isnull=False))
        )
    }
    kinds = [(label, summary.get(kind, {"total": 0, "signed": 0})) for kind, label in ResponsibilityLetter.Kind.choices]
    signed = request.GET.get("signed", "")
    if signed in ("yes", "no"):
        letters = letters.filter(signed_on__isnull=signed == "no")
    page = Paginator(
        letters.select_related("issuer", "signer_unit", "signer").order_by("kind", "signer_unit__sort_order", "pk"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    years = sorted({*access.letters_visible(request.user).order_by().values_list("year", flat=True).distinct(), year})
    context = {
        "year": year, "years": years, "kinds": kinds, "page": page, "signed": signed,
        "can_supervise": access.can_supervise(request.user),
        "today": today(),
    }  # fmt: skip
    return render(request, "responsibility/letter_list.html", context)


@require_POST
def letter_sign(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.can_supervise(request.user):
        raise Http404
    letter = get_object_or_404(access.letters_visible(request.user), pk=pk)
    form = LetterSignForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["signed_on"])
        services.letter_sign(letter=letter, signer=None, signed_on=form.cleaned_data["signed_on"])
        messages.success(request, f"已登记 {letter.signer_unit.name} 签订。")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect(f"{reverse('responsibility:letter-list')}?year={letter.year}")


def accountability_list(request: HttpRequest) -> HttpResponse:
    records = access.accountability_visible(request.user).select_related("task", "unit", "person")
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "responsibility/accountability_list.html", {"page": page})
