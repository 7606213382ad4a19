"""Append-only records: rows that may be written once and then never changed or deleted by the application.

Guards at three levels, because each alone has a gap: the admin refuses the pages, the model and its default
queryset refuse ``save()`` of an existing row, ``delete()``, ``update()`` and ``bulk_update()``, and on
PostgreSQL a trigger (``jiancha`` migration 0002) refuses UPDATE and DELETE from anything that reaches the
database, raw SQL and ``_base_manager`` included. TRUNCATE stays possible for the table owner: the test
database's flush and ``pg_restore --clean`` need it, and whoever owns the tables owns the database anyway.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.signals import pre_delete, pre_save

REFUSAL = "审计记录只能新增，不能修改或删除。"


class AppendOnlyError(PermissionDenied):
    """A change or deletion of an append-only row; a PermissionDenied, so a view that hits it answers 403."""

    def __init__(self, message: str = REFUSAL) -> None:
        super().__init__(message)


class AppendOnlyQuerySetMixin:
    def update(self, **kwargs):
        raise AppendOnlyError

    def delete(self):
        raise AppendOnlyError

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError

    # Django's own admin actions and deletion collector call these private forms.
    def _update(self, values):
        raise AppendOnlyError

    def _raw_delete(self, using):
        raise AppendOnlyError


class AppendOnlyQuerySet(AppendOnlyQuerySetMixin, models.QuerySet):
    pass


class AppendOnlyModel(models.Model):
    """A model whose rows are inserted once: saving an existing row or deleting one raises AppendOnlyError."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError


def _refuse_existing(sender, instance, **kwargs) -> None:
    if not instance._state.adding:
        raise AppendOnlyError


def _refuse_delete(sender, instance, **kwargs) -> None:
    raise AppendOnlyError


def guard_model(model: type[models.Model]) -> None:
    """Make a model we do not own (auditlog's LogEntry) append-only in the application.

    Signals cover ``save()`` and ``delete()`` (a connected pre_delete also stops Django's fast delete, so a
    queryset's ``delete()`` goes through it); the default manager's queryset class is swapped for one that refuses
    ``update()``, which sends no signal. The pre_delete refusal is raised inside Django's deletion transaction,
    so an enclosing ``atomic()`` block is marked for rollback, as after any database error.
    """
    uid = f"append_only.{model._meta.label}"
    pre_save.connect(_refuse_existing, sender=model, dispatch_uid=f"{uid}.save")
    pre_delete.connect(_refuse_delete, sender=model, dispatch_uid=f"{uid}.delete")
    manager = model._default_manager
    if not issubclass(manager._queryset_class, AppendOnlyQuerySetMixin):
        name = f"AppendOnly{manager._queryset_class.__name__}"
        manager._queryset_class = type(name, (AppendOnlyQuerySetMixin, manager._queryset_class), {})


class AppendOnlyAdminMixin:
    """For a ModelAdmin of append-only records: shown, never added, changed or deleted there, superusers included."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
