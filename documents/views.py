"""The documents page: generated summaries listed for those who may read them, each viewable, printable and
downloadable as Excel or Word. A document the user may not read answers 404, as a missing one does."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from documents.access import documents_visible
from documents.content import is_wide
from documents.files import document_docx, document_xlsx, period_text
from documents.filters import DocumentFilter
from documents.models import Document
from files.responses import written_attachment

PAGE_SIZE = 20


def document_list(request: HttpRequest) -> HttpResponse:
    # The list shows titles and periods only, never the stored content.
    document_filter = DocumentFilter(request.GET, queryset=documents_visible(request.user).defer("content"))
    documents = document_filter.qs if document_filter.is_valid() else Document.objects.none()
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "documents/list.html", {"page": page, "filter": document_filter})


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(documents_visible(request.user), pk=pk)
    context = {
        "document": document,
        "content": document.content,
        "period": period_text(document),
        "wide": is_wide(document.content),
    }
    return render(request, "documents/detail.html", context)


def document_excel(request: HttpRequest, pk: int) -> HttpResponse:
    return written_attachment(get_object_or_404(documents_visible(request.user), pk=pk), document_xlsx)


def document_word(request: HttpRequest, pk: int) -> HttpResponse:
    return written_attachment(get_object_or_404(documents_visible(request.user), pk=pk), document_docx)
