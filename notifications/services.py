"""Delivery of reminders: the in-app row (exactly once), then e-mail and SMS for the rows that are new."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from notifications.models import Notification
from notifications.sms import send_sms
from orgs.models import Person

logger = logging.getLogger(__name__)

# Rows per INSERT statement: a province-sized run stays at a fixed number of queries per batch.
BATCH_SIZE = 1000
# A bound on how stale the count may be should a change bypass these services (the admin, a shell).
UNREAD_TTL = 300
TITLE_MAX = Notification._meta.get_field("title").max_length


@dataclass(frozen=True)
class Message:
    """One reminder for one user; ``subject`` names what it is about (e.g. "task:12"), empty for a digest."""

    recipient_id: int
    title: str
    body: str = ""
    url: str = ""
    subject: str = ""


def notify(
    *,
    recipients: Iterable,
    job: str,
    period: str,
    title: str,
    body: str = "",
    url: str = "",
    subject: str = "",
    sms: bool = False,
) -> int:
    """Deliver the same reminder to each recipient (users or user ids); see ``deliver``."""
    user_ids = sorted({getattr(r, "pk", r) for r in recipients})
    messages = [Message(user_id, title, body, url, subject) for user_id in user_ids]
    return deliver(job=job, period=period, messages=messages, sms=sms)


def deliver(*, job: str, period: str, messages: Iterable[Message], sms: bool = False) -> int:
    """Deliver each message and return how many were delivered now.

    A recipient who already has this (job, period, subject) gets nothing and is not counted, so running a job twice
    returns N and then 0, and two concurrent runs deliver each reminder once between them. Messages go in batches of
    BATCH_SIZE rows, each batch a fixed number of queries, however many recipients there are.
    """
    messages = list(messages)
    now = timezone.now()
    delivered = 0
    for start in range(0, len(messages), BATCH_SIZE):
        # One transaction a batch: a worker killed half-way keeps the batches it finished, and the retry skips them.
        with transaction.atomic():
            new = _insert_new(messages[start : start + BATCH_SIZE], job=job, period=period, now=now)
            if new:
                _dispatch(new, sms=sms)
                delivered_to = {message.recipient_id for _, message in new}
                transaction.on_commit(lambda d=delivered_to: cache.delete_many([_unread_key(u) for u in d]))
        delivered += len(new)
    return delivered


def _insert_new(messages: list[Message], *, job: str, period: str, now: datetime) -> list[tuple[int, Message]]:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING: bulk_create(ignore_conflicts=True) cannot say which rows were new,
    and the e-mail must go only with those. Returns (notification id, message) pairs."""
    if not messages:
        return []
    table = connection.ops.quote_name(Notification._meta.db_table)
    columns = [
        "recipient_id",
        "job",
        "period",
        "subject",
        "title",
        "body",
        "url",
        "created_at",
        "email_status",
        "email_attempts",
        "email_error",
    ]
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    params: list = []
    for m in messages:
        params += [m.recipient_id, job, period, m.subject, m.title[:TITLE_MAX], m.body, m.url, now]
        params += [Notification.EmailStatus.PENDING, 0, ""]
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([row] * len(messages))} "
        "ON CONFLICT (recipient_id, job, period, subject) DO NOTHING RETURNING id, recipient_id, subject"
    )
    by_key = {(m.recipient_id, m.subject): m for m in messages}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(pk, by_key[(user_id, subject)]) for pk, user_id, subject in cursor.fetchall()]


def _dispatch(new: list[tuple[int, Message]], *, sms: bool) -> None:
    """E-mail (and SMS when asked) for the new rows; a recipient with no address is skipped with a logged reason."""
    contacts = dict(
        (user_id, (email, phone))
        for user_id, email, phone in Person.objects.filter(user_id__in={m.recipient_id for _, m in new}).values_list(
            "user_id", "email", "phone"
        )
    )
    to_mail, skipped = [], []
    for pk, message in new:
        email, phone = contacts.get(message.recipient_id, ("", ""))
        if email:
            to_mail.append(pk)
        else:
            skipped.append(pk)
            logger.info("notification %s: user %s has no e-mail address, e-mail skipped", pk, message.recipient_id)
        if sms and phone:
            # After commit: an SMS cannot be taken back if the transaction rolls back.
            transaction.on_commit(lambda phone=phone, text=message.title: send_sms(phone=phone, text=text))
    if skipped:
        Notification.objects.filter(pk__in=skipped).update(email_status=Notification.EmailStatus.SKIPPED)
    for pk in to_mail:
        transaction.on_commit(lambda pk=pk: _enqueue_email(pk))


def _enqueue_email(notification_id: int) -> None:
    """One task per e-mail, so one failing address never holds up the others; a broker error is logged and the row
    stays pending for a later resend rather than breaking the loop over the other recipients."""
    from notifications.tasks import send_notification_email  # the task module imports this one

    try:
        send_notification_email.delay(notification_id)
    except Exception:
        logger.exception("notification %s: could not enqueue e-mail", notification_id)


def mark_read(*, user, notification_id: int) -> Notification:
    """Mark one of ``user``'s notifications read (idempotent); another user's raises DoesNotExist."""
    notification = Notification.objects.get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        cache.delete(_unread_key(user.pk))
    return notification


def mark_all_read(*, user) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    cache.delete(_unread_key(user.pk))
    return marked


def unread_count(*, user) -> int:
    """The navigation's count, kept in the cache so a page costs no query for it; delivery and reading clear it."""
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_TTL)
    return count


def _unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"
