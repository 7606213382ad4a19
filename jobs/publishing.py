"""What the summary jobs share: store the period's document once, then tell its readers, each once."""

from collections.abc import Callable, Iterable
from datetime import date

from django.urls import reverse

from documents.models import Document
from documents.services import document_store
from jobs.registry import Context
from notifications.services import Message, deliver


def publish(
    context: Context,
    *,
    job: str,
    kind: str,
    period: str,
    period_start: date,
    period_end: date,
    title: str,
    audience: str,
    content: Callable[[], dict],
    recipients: Iterable[int],
    message: str = "",
) -> Document:
    """Store the document (``content`` is called only when it is new) and deliver a reminder linking to it to each
    of ``recipients`` (user ids), once per person for this job and period."""
    document, created = document_store(
        kind=kind, period=period, period_start=period_start, period_end=period_end, title=title, audience=audience,
        content=content,
    )  # fmt: skip
    context.documents += int(created)
    url = reverse("documents:detail", args=[document.pk])
    messages = [Message(user_id, document.title, message, url) for user_id in sorted(set(recipients))]
    context.delivered += deliver(job=job, period=period, messages=messages)
    return document
