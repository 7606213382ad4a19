"""Public pages (no login): the report form, the follow-up query, exposures (namespace ``public``)."""

from django.urls import path

from cases import views_public, views_public_exposure

app_name = "public"
urlpatterns: list = [
    path("report/", views_public.report_form, name="report-form"),
    path("report/query/", views_public.report_query, name="report-query"),
    path("report/query/answer/", views_public.report_answer, name="report-answer"),
    path("report/query/leave/", views_public.report_query_leave, name="report-query-leave"),
    path("public/exposures/", views_public_exposure.exposure_list, name="exposure-list"),
    path("public/exposures/<int:pk>/", views_public_exposure.exposure_detail, name="exposure-detail"),
]
