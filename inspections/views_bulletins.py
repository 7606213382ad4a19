"""Weekly bulletins and monthly briefs (通报简报): list, generate, a printable page, Excel and Word downloads.

Only the commission sees them (``access.bulletins_visible``); anyone else gets 404, as for a missing bulletin.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models.fields.json import KT
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.service_forms import run_service
from files.responses import written_attachment
from inspections import access, bulletins
from inspections.bulletin_files import bulletin_document, bulletin_workbook
from inspections.forms_bulletins import BulletinGenerateForm

PAGE_SIZE = 30


def _visible(request: HttpRequest):
    if not access.is_commission(request.user):
        raise Http404
    return access.bulletins_visible(request.user).select_related("generated_by")


def _list_page(request: HttpRequest, form: BulletinGenerateForm) -> HttpResponse:
    # The list needs only each bulletin's total, not its whole snapshot.
    rows = _visible(request).defer("content").annotate(total=KT("content__total"))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inspections/bulletins/list.html", {"page": page, "form": form})


def bulletin_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, BulletinGenerateForm())


@require_POST
def bulletin_generate(request: HttpRequest) -> HttpResponse:
    """Generate the chosen period's bulletin, or open the stored one unchanged; a refusal shows on the form."""
    _visible(request)
    form = BulletinGenerateForm(request.POST)
    outcome: list = []

    def generate() -> None:
        kind, start = form.cleaned_data["kind"], form.period_start()
        outcome.extend(bulletins.bulletin_generate(kind=kind, period_start=start, user=request.user))

    if not run_service(form, generate):
        return _list_page(request, form)
    bulletin, created = outcome
    if created:
        messages.success(request, f"已生成《{bulletin.title}》。")
    else:
        messages.info(request, f"《{bulletin.title}》已于此前生成，内容保持生成时的样子，未重新计算。")
    return redirect("inspections:bulletin-detail", pk=bulletin.pk)


def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(_visible(request), pk=pk)
    content = bulletin.content
    context = {"bulletin": bulletin, "content": content, "summary": bulletins.bulletin_summary(content)}
    return render(request, "inspections/bulletins/detail.html", context)


def bulletin_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return written_attachment(get_object_or_404(_visible(request), pk=pk), bulletin_workbook)


def bulletin_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return written_attachment(get_object_or_404(_visible(request), pk=pk), bulletin_document)
