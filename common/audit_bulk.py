"""Bulk writes that still reach the audit log.

``QuerySet.update()`` and ``bulk_create()`` send no model signals, so auditlog never sees them. These helpers do
the same write and then record one entry per row, as a ``save()`` would have: only the fields written, the
registry's excluded fields left out, the actor from the request (auditlog's middleware), nothing while
``disable_auditlog()`` is on (the demo seeding). The entries go in with one INSERT, so a bulk write stays a
fixed number of queries.
"""

from collections.abc import Sequence

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import pre_save
from django.utils.encoding import smart_str


def _logging(model: type[models.Model]) -> bool:
    return auditlog.contains(model) and not auditlog_disabled.get()


def audited_update(queryset: models.QuerySet, **values) -> int:
    """``queryset.update(**values)`` with an UPDATE entry for each row it changed; returns the rows updated.

    The rows are locked first (``SELECT ... FOR UPDATE``), so the old values logged are the ones replaced even
    when the values are expressions such as ``F("n") + 1``.
    """
    model = queryset.model
    with transaction.atomic(savepoint=False):  # no savepoint: the queries stay fixed in a caller's transaction
        if not _logging(model):
            return queryset.update(**values)
        before = {row.pk: row for row in queryset.select_for_update()}
        if not before:
            return 0
        count = model._base_manager.filter(pk__in=before).update(**values)
        after = model._base_manager.filter(pk__in=before)
        _log([_entry(row, before[row.pk], list(values)) for row in after])
    return count


def audited_bulk_create(model: type[models.Model], objs: Sequence[models.Model]) -> list[models.Model]:
    """``bulk_create`` with a CREATE entry per row (the database returns the keys, PostgreSQL and SQLite alike)."""
    with transaction.atomic(savepoint=False):  # no savepoint: the queries stay fixed in a caller's transaction
        created = model._default_manager.bulk_create(objs)
        if _logging(model):
            _log([_entry(obj, None, None) for obj in created])
    return created


def _entry(new: models.Model, old: models.Model | None, fields: list[str] | None) -> LogEntry | None:
    """The entry ``LogEntry.objects.log_create`` would write, unsaved; None when nothing changed."""
    changes = model_instance_diff(
        old, new, fields_to_check=fields, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
    )
    if not changes:
        return None
    return LogEntry(
        content_type=ContentType.objects.get_for_model(new),
        object_pk=str(new.pk),
        object_id=new.pk if isinstance(new.pk, int) else None,
        object_repr=smart_str(new),
        # Private in auditlog 3.4 (pinned): None unless the model is registered to store whole objects.
        serialized_data=LogEntry.objects._get_serialized_data_or_none(new),
        action=LogEntry.Action.CREATE if old is None else LogEntry.Action.UPDATE,
        changes=changes,
        cid=get_cid(),
    )


def _log(entries: list[LogEntry | None]) -> None:
    entries = [entry for entry in entries if entry is not None]
    for entry in entries:
        # auditlog's middleware fills in the actor and address from this signal, which bulk_create never sends.
        pre_save.send(sender=LogEntry, instance=entry, raw=False, using=LogEntry.objects.db, update_fields=None)
    LogEntry.objects.bulk_create(entries)
