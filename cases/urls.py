"""Staff and handling-unit pages under /cases/ (namespace ``cases``)."""

from django.urls import path

from cases import (
    views_cases,
    views_clues,
    views_exposure,
    views_identity,
    views_intake,
    views_statistics,
    views_transfers,
)

app_name = "cases"
urlpatterns: list = [
    path("reports/", views_intake.report_list, name="report-list"),
    path("reports/new/", views_intake.report_register, name="report-register"),
    path("reports/<int:pk>/", views_intake.report_detail, name="report-detail"),
    path("reports/<int:pk>/identity/", views_identity.identity_show, name="identity-show"),
    path("reports/<int:pk>/identity/request/", views_identity.identity_request, name="identity-request"),
    path("reports/<int:pk>/clue/", views_clues.clue_propose, name="clue-propose"),
    path("reports/<int:pk>/<slug:action>/", views_intake.report_act, name="report-act"),
    path("reports/attachments/<int:pk>/", views_intake.report_attachment, name="report-attachment"),
    path("due/", views_intake.due_list, name="due-list"),
    path("identity/requests/", views_identity.identity_request_list, name="identity-request-list"),
    path("identity/requests/<int:pk>/decide/", views_identity.identity_request_decide, name="identity-request-decide"),
    path("identity/views/", views_identity.identity_view_list, name="identity-view-list"),
    path("statistics/", views_statistics.statistics_page, name="statistics"),
    path("statistics/monthly/", views_statistics.monthly_page, name="statistics-monthly"),
    path("statistics/monthly.xlsx", views_statistics.monthly_export, name="statistics-monthly-export"),
    path("clues/", views_clues.clue_list, name="clue-list"),
    path("clues/<int:pk>/", views_clues.clue_detail, name="clue-detail"),
    path("clues/<int:pk>/approve/", views_clues.clue_approve, name="clue-approve"),
    path("clues/<int:pk>/revise/", views_clues.clue_revise, name="clue-revise"),
    path("clues/<int:pk>/conclude/", views_clues.clue_conclude, name="clue-conclude"),
    path("clues/<int:pk>/transfer/", views_clues.transfer_new, name="transfer-new"),
    path("clues/<int:pk>/open-case/", views_cases.case_open, name="case-open"),
    path("transfers/", views_transfers.transfer_list, name="transfer-list"),
    path("transfers/<int:pk>/", views_transfers.transfer_detail, name="transfer-detail"),
    path("transfers/<int:pk>/close/", views_transfers.transfer_close_view, name="transfer-close"),
    path("cases/", views_cases.case_list, name="case-list"),
    path("cases/<int:pk>/", views_cases.case_detail, name="case-detail"),
    path("cases/<int:pk>/move/", views_cases.case_move, name="case-move"),
    path("cases/<int:pk>/facts/", views_cases.case_facts, name="case-facts"),
    path("cases/<int:pk>/persons/new/", views_cases.person_add, name="case-person-add"),
    path("cases/<int:pk>/documents/new/", views_cases.document_add, name="case-document-add"),
    path("documents/<int:pk>/", views_cases.document_download, name="case-document-download"),
    path("cases/<int:pk>/exposure/", views_exposure.exposure_propose, name="exposure-propose"),
    path("exposures/<int:pk>/<str:decision>/", views_exposure.exposure_decide, name="exposure-decide"),
]
