from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "信访举报与审查调查"

    def ready(self) -> None:
        # Imported here: models are not ready when this module is imported.
        from cases.public_unavailable import report_unavailable_page
        from cases.recommendations import register_recommendation_handler
        from cases.rectification_link import open_rectification_problem
        from cases.todos_intake import intake_todos
        from jiancha.unavailable import keep_typing
        from jiancha.workbench import register_todo_provider

        register_todo_provider(intake_todos)
        register_recommendation_handler(open_rectification_problem)
        # While the database is down, a report sent from the public form comes back as typed, to send again.
        keep_typing("public:report-form", report_unavailable_page)
