from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from accounts.api_token import obtain_auth_token
from accounts.views import PasswordChangeView
from cases import api as cases_api
from cases.public_captcha import CAPTCHA_URLS
from inspections import api as inspections_api
from jiancha.api_docs import api_docs
from jiancha.audit import audit_log
from jiancha.health import healthz
from jiancha.workbench import workbench
from orgs.api import PersonViewSet, UnitViewSet
from orgs.forms import LoginForm
from rectification import api as rectification_api
from responsibility import api as responsibility_api
from responsibility.api_rankings import RankingViewSet

admin.site.site_header = admin.site.site_title = "监察 · 系统管理"
handler400 = "jiancha.api.refused_request"
handler404 = "jiancha.api.not_found"

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("people", PersonViewSet, basename="person")
for prefix, viewset in responsibility_api.ROUTES.items():
    router.register(f"responsibility/{prefix}", viewset, basename=f"responsibility-{prefix}")
router.register("responsibility/rankings", RankingViewSet, basename="responsibility-rankings")
for prefix, viewset in cases_api.ROUTES.items():
    router.register(f"cases/{prefix}", viewset, basename=f"cases-{prefix}")
for prefix, viewset in inspections_api.ROUTES.items():
    router.register(f"inspections/{prefix}", viewset, basename=f"inspections-{prefix}")
for prefix, viewset in rectification_api.ROUTES.items():
    router.register(f"rectification/{prefix}", viewset, basename=f"rectification-{prefix}")

accounts = [
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

urlpatterns = [
    path("", workbench, name="workbench"),
    path("accounts/", include(accounts)),
    path("accounts/", include("accounts.urls")),
    path("orgs/", include("orgs.urls")),
    path("responsibility/", include("responsibility.urls")),
    path("cases/", include("cases.urls")),
    path("inspections/", include("inspections.urls")),
    path("rectification/", include("rectification.urls")),
    path("", include("cases.urls_public")),
    path("", include("rectification.urls_public")),
    path("", include("dashboard.urls_public")),
    path("exports/", include("exports.urls")),
    path("notifications/", include("notifications.urls")),
    path("documents/", include("documents.urls")),
    path("jobs/", include("jobs.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("audit/", audit_log, name="audit-log"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("captcha/", include(CAPTCHA_URLS)),
    path("api/v1/public/", include("cases.urls_public_api")),
    path("api/v1/", include(router.urls)),
    path("api/v1/auth/token/", obtain_auth_token, name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs, name="api-docs"),
]
