"""Inspection pages under /inspections/ (namespace ``inspections``)."""

from django.urls import path

from inspections import views_bulletins, views_checkpoints, views_findings, views_plans, views_statistics

app_name = "inspections"
urlpatterns: list = [
    path("plans/", views_plans.plan_list, name="plan-list"),
    path("plans/new/", views_plans.plan_create, name="plan-create"),
    path("plans/<int:pk>/", views_plans.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", views_plans.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/move/<slug:status>/", views_plans.plan_move, name="plan-move"),
    path("plans/<int:pk>/findings/new/", views_findings.finding_create, name="finding-create"),
    path("findings/", views_findings.finding_list, name="finding-list"),
    path("findings/<int:pk>/", views_findings.finding_detail, name="finding-detail"),
    path("findings/<int:pk>/dispose/", views_findings.finding_dispose, name="finding-dispose"),
    path("evidence/<int:pk>/", views_findings.evidence_download, name="evidence-download"),
    path("checkpoints/", views_checkpoints.checkpoint_list, name="checkpoints"),
    path("statistics/", views_statistics.statistics_page, name="statistics"),
    path("bulletins/", views_bulletins.bulletin_list, name="bulletin-list"),
    path("bulletins/generate/", views_bulletins.bulletin_generate, name="bulletin-generate"),
    path("bulletins/<int:pk>/", views_bulletins.bulletin_detail, name="bulletin-detail"),
    path("bulletins/<int:pk>/download.xlsx", views_bulletins.bulletin_xlsx, name="bulletin-xlsx"),
    path("bulletins/<int:pk>/download.docx", views_bulletins.bulletin_docx, name="bulletin-docx"),
]
