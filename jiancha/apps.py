from django.apps import AppConfig


class JianchaConfig(AppConfig):
    """The project package as an app: it holds the health check's task and its schedule, and forgets cached lists
    whenever a model is written (``common.list_cache``); it also makes the audit log append-only."""

    name = "jiancha"
    verbose_name = "系统"

    def ready(self) -> None:
        from auditlog.models import LogEntry
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from common import list_cache
        from common.append_only import guard_model

        for name, signal in {"save": post_save, "delete": post_delete, "m2m": m2m_changed}.items():
            signal.connect(list_cache.move_on, dispatch_uid=f"list_cache.{name}")
        # The audit log is append-only in the application too, not only by the trigger (common/append_only.py).
        guard_model(LogEntry)
