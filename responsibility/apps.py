from django.apps import AppConfig


class ResponsibilityConfig(AppConfig):
    name = "responsibility"
    verbose_name = "责任清单"

    def ready(self) -> None:
        # Imported here: models are not ready when this module is imported.
        from exports.registry import register_exporter
        from responsibility.ledger_export import LEDGER_EXPORT, LEDGER_LABEL, export_ledger

        register_exporter(LEDGER_EXPORT, export_ledger, label=LEDGER_LABEL)

        from jiancha.workbench import register_todo_provider
        from responsibility.todos import checklist_todos

        register_todo_provider(checklist_todos)
