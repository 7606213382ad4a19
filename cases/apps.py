from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "信访举报与审查调查"
