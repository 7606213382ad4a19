"""The public API under /api/v1/public/ (namespace ``public-api``): no login, limited per client address."""

from django.urls import path

from cases import api_public

app_name = "public-api"
urlpatterns = [
    path("captcha/", api_public.CaptchaView.as_view(), name="captcha"),
    path("reports/", api_public.ReportSubmitView.as_view(), name="report-submit"),
    path("reports/query/", api_public.ReportQueryView.as_view(), name="report-query"),
    path("reports/answer/", api_public.ReportAnswerView.as_view(), name="report-answer"),
]
