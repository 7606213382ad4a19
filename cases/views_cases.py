"""Commission pages for cases (审查调查): list, detail and timeline, opening, stage moves, facts, persons, files."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cases import access, selectors_cases, selectors_clues
from cases.forms_cases import CaseDocumentForm, CaseFactsForm, CaseMoveForm, CaseOpenForm, CasePersonForm, ExposureForm
from cases.models import Case, CaseDocument, Exposure
from cases.pages import require_commission
from cases.services import investigations
from common.list_cache import cached_list
from common.pagination import ListPaginator
from common.service_forms import form_page, post_action, run_service
from files.responses import attachment_response

PAGE_SIZE = 50


@cached_list
def case_list(request: HttpRequest) -> HttpResponse:
    require_commission(request)
    case_filter, cases = selectors_cases.case_list_filtered(request.user, request.GET)
    page = ListPaginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/cases/case_list.html", {"filter": case_filter, "page": page})


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    case = selectors_cases.case_get(request.user, pk)
    documents = list(case.documents.select_related("uploaded_by"))
    exposure = selectors_cases.exposure_of(case)
    is_open = case.stage != Case.Stage.CONCLUDED
    context = {
        "case": case,
        "persons": case.persons.select_related("unit"),
        "documents": documents,
        "missing": investigations.missing_documents(case) if is_open else [],
        "dual_cases": case.dual_cases.all(),
        "timeline": selectors_cases.case_timeline(case, documents, exposure),
        "exposure": exposure,
        "can_approve": access.can_approve(request.user),
        "move_form": CaseMoveForm() if is_open else None,
        "document_form": CaseDocumentForm() if is_open else None,
        "exposure_form": ExposureForm() if not is_open and _can_draft(exposure) else None,
    }
    return render(request, "cases/cases/case_detail.html", context)


def _can_draft(exposure: Exposure | None) -> bool:
    return exposure is None or exposure.status in (Exposure.Status.REFUSED, Exposure.Status.WITHDRAWN)


def case_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open preliminary verification on a clue (its pk), then go to the new case."""
    require_commission(request)
    clue = selectors_clues.clue_get(request.user, pk)
    form = CaseOpenForm(
        request.POST or None, initial={"title": f"{clue.accused_name}{clue.get_category_display()}问题"}
    )
    opened = []
    if request.method == "POST" and run_service(
        form, lambda: opened.append(investigations.case_open(clue=clue, user=request.user, **form.cleaned_data))
    ):
        messages.success(request, "已立项初步核实。")
        return redirect("cases:case-detail", pk=opened[0].pk)
    context = {"clue": clue, "heading": "立项初步核实", "form": form}
    return render(request, "cases/form_page.html", context)


@require_POST
def case_move(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    case = selectors_cases.case_get(request.user, pk)
    form = CaseMoveForm(request.POST)
    return post_action(
        request, form, lambda: investigations.case_move(case=case, user=request.user, **form.cleaned_data),
        done="案件阶段已更新。", then=reverse("cases:case-detail", args=[case.pk]),
    )  # fmt: skip


def case_facts(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    case = selectors_cases.case_get(request.user, pk)
    form = CaseFactsForm(request.POST or None, instance=case)
    return form_page(
        request, form, lambda: investigations.case_update(case=case, user=request.user, **form.cleaned_data),
        done="案件情况已保存。", then=reverse("cases:case-detail", args=[case.pk]),
        template="cases/form_page.html", context={"case": case, "heading": "案件情况"},
    )  # fmt: skip


def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    case = selectors_cases.case_get(request.user, pk)
    form = CasePersonForm(request.POST or None)
    return form_page(
        request, form, lambda: investigations.case_person_add(case=case, user=request.user, **form.cleaned_data),
        done="涉案人员已登记。", then=reverse("cases:case-detail", args=[case.pk]),
        template="cases/form_page.html", context={"case": case, "heading": "登记涉案人员"},
    )  # fmt: skip


@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    case = selectors_cases.case_get(request.user, pk)
    form = CaseDocumentForm(request.POST, request.FILES)
    return post_action(
        request, form,
        lambda: investigations.case_document_add(
            case=case, user=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
        ),
        done="材料已上传。", then=reverse("cases:case-detail", args=[case.pk]),
    )  # fmt: skip


def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    require_commission(request)
    visible = access.cases_visible(request.user).values("pk")
    document = get_object_or_404(CaseDocument.objects.filter(case__in=visible), pk=pk)
    return attachment_response(document.file, document.name)
