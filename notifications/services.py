"""Delivery of reminders: the in-app row (exactly once), then e-mail and SMS for the rows that are new."""

import logging
from collections.abc import Iterable
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
    """Deliver one reminder to each recipient (users or user ids) and return how many were delivered now.

    A recipient who already has this (job, period, subject) gets nothing and is not counted, so running a job twice
    returns N and then 0, and two concurrent runs deliver each reminder once between them.
    """
    user_ids = sorted({getattr(r, "pk", r) for r in recipients})
    now = timezone.now()
    new_ids: list[tuple[int, int]] = []
    with transaction.atomic():
        for start in range(0, len(user_ids), BATCH_SIZE):
            batch = user_ids[start : start + BATCH_SIZE]
            new_ids += _insert_new(
                batch, job=job, period=period, subject=subject, title=title[:TITLE_MAX], body=body, url=url, now=now
            )
        if new_ids:
            _dispatch(new_ids, text=title, sms=sms)
            delivered_to = {user_id for user_id, _ in new_ids}
            transaction.on_commit(lambda: cache.delete_many([_unread_key(u) for u in delivered_to]))
    return len(new_ids)


def _insert_new(user_ids: list[int], *, now: datetime, **fields: str) -> list[tuple[int, int]]:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING: bulk_create(ignore_conflicts=True) cannot say which rows were new,
    and the e-mail must go only with those. Returns (notification id, user id) pairs."""
    if not user_ids:
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
    for user_id in user_ids:
        params += [
            user_id,
            fields["job"],
            fields["period"],
            fields["subject"],
            fields["title"],
            fields["body"],
            fields["url"],
            now,
            Notification.EmailStatus.PENDING,
            0,
            "",
        ]
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([row] * len(user_ids))} "
        "ON CONFLICT (recipient_id, job, period, subject) DO NOTHING RETURNING id, recipient_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(pk, user_id) for pk, user_id in cursor.fetchall()]


def _dispatch(new: list[tuple[int, int]], *, text: str, sms: bool) -> None:
    """E-mail (and SMS when asked) for the new rows; a recipient with no address is skipped with a logged reason."""
    contacts = dict(
        (user_id, (email, phone))
        for user_id, email, phone in Person.objects.filter(user_id__in=[u for _, u in new]).values_list(
            "user_id", "email", "phone"
        )
    )
    to_mail, skipped = [], []
    for pk, user_id in new:
        email, phone = contacts.get(user_id, ("", ""))
        if email:
            to_mail.append(pk)
        else:
            skipped.append(pk)
            logger.info("notification %s: user %s has no e-mail address, e-mail skipped", pk, user_id)
        if sms and phone:
            # After commit: an SMS cannot be taken back if the transaction rolls back.
            transaction.on_commit(lambda phone=phone: send_sms(phone=phone, text=text))
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
