"""The second step of signing in: the one-time code, or enrolling the device that makes it."""

import base64
import logging

import django_otp
import segno
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.forms import OTPCodeForm
from accounts.otp import UNCOUNTED, confirmed_device, enrolment_device, otp_failure, otp_refusal, otp_success
from accounts.security_log import log_event
from accounts.sessions import session_forget, session_record


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _refused(request: HttpRequest, refusal: str) -> HttpResponse:
    """A lock-out has the same page and status as a password lock-out; codes that cannot be counted now a page that
    says so. Either way the half-signed-in session ends."""
    logout(request)
    if refusal == UNCOUNTED:
        return render(request, "accounts/otp_unavailable.html", status=503)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)


def _check_code(request: HttpRequest, form: OTPCodeForm, device) -> bool:
    """Verifies the code, counting a wrong one; on success the session is marked as verified by ``device``."""
    if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
        otp_success(request.user)
        django_otp.login(request, device)
        return True
    locked = otp_failure(request.user)
    log_event("otp.failed", request, user_id=request.user.pk, level=logging.WARNING)
    if locked:
        log_event("otp.locked_out", request, user_id=request.user.pk, level=logging.WARNING)
    form.add_error(None, "动态口令不正确或已过期，请重新输入。")
    return False


@never_cache
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():
        return redirect(_next_url(request))
    if refusal := otp_refusal(request.user):
        return _refused(request, refusal)
    device = confirmed_device(request.user)
    if device is None:
        return redirect(f"{resolve_url('accounts:otp-setup')}?{request.GET.urlencode()}")
    # Bound on any POST, an empty one too: the refusal is added to a validated form (``request.POST or None``
    # left an empty POST unbound, and adding the error to it failed with a 500).
    form = OTPCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _check_code(request, form, device):
            log_event("otp.verified", request, user_id=request.user.pk)
            return redirect(_next_url(request))
        if refusal := otp_refusal(request.user):
            return _refused(request, refusal)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrolment, only while the account has no confirmed device: a reset is for a commission admin."""
    if confirmed_device(request.user) is not None:
        return redirect(f"{resolve_url('accounts:otp-verify')}?{request.GET.urlencode()}")
    if refusal := otp_refusal(request.user):
        return _refused(request, refusal)
    device = enrolment_device(request.user)
    form = OTPCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _check_code(request, form, device):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            log_event("otp.enrolled", request, user_id=request.user.pk)
            return redirect(_next_url(request))
        if refusal := otp_refusal(request.user):
            return _refused(request, refusal)
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, light="#fff", title="动态口令二维码"),
        "manual_key": base64.b32encode(device.bin_key).decode(),
    }
    return render(request, "accounts/otp_setup.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's, keeping the session index right: a password change gives the session a new key."""

    def form_valid(self, form):
        old_key = self.request.session.session_key
        response = super().form_valid(form)
        session_forget(old_key)
        session_record(self.request.user, self.request.session.session_key)
        log_event("password.changed", self.request, user_id=self.request.user.pk)
        return response
