from collections.abc import Callable
from datetime import date

from django.db import IntegrityError, transaction

from documents.models import Document


def document_store(
    *,
    kind: str,
    period: str,
    period_start: date,
    period_end: date,
    title: str,
    audience: str,
    content: Callable[[], dict],
) -> tuple[Document, bool]:
    """The period's document and whether it was made now. A stored document is returned as it is and ``content``
    is not called: what went out stays what went out, and a job run twice (or by two beats) stores one."""
    stored = Document.objects.filter(kind=kind, period=period).first()
    if stored is not None:
        return stored, False
    document = Document(
        kind=kind,
        period=period,
        period_start=period_start,
        period_end=period_end,
        title=title,
        audience=audience,
        content=content(),
    )
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:  # another run stored it meanwhile: theirs stands
        return Document.objects.get(kind=kind, period=period), False
    return document, True
