"""The API token endpoint, asking commission accounts for the one-time code too: a token must not be a way round
the second factor."""

import logging
from collections.abc import Mapping

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.otp import UNCOUNTED, confirmed_device, otp_failure, otp_refusal, otp_required, otp_success
from accounts.security_log import log_event

OTP_FIELD = "otp"
LOCKED = "登录失败次数过多，账号已暂时锁定，请稍后再试。"
CODES_UNCOUNTED = "系统的计数服务暂时不可用，现在不接受动态口令，请几分钟后再试（账号没有被锁定）。"


def locked_response() -> Response:
    """429 with the cool-off as Retry-After, like the sign-in page's lock-out, so clients back off."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    return Response({"detail": LOCKED}, status=status.HTTP_429_TOO_MANY_REQUESTS, headers={"Retry-After": str(seconds)})


class ObtainAuthTokenWithOTP(ObtainAuthToken):
    def post(self, request: Request, *args, **kwargs) -> Response:
        # Asked before the serializer authenticates, so a locked account costs no password hashing.
        if self._locked_out(request):
            return locked_response()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        if otp_required(user) and (refusal := otp_refusal(user)):
            log_event("otp.refused", request, user_id=user.pk, level=logging.WARNING)
            if refusal == UNCOUNTED:  # wrong codes cannot be counted now: not a lock-out
                return Response({"detail": CODES_UNCOUNTED}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
            return locked_response()
        if otp_required(user) and not self._code_accepted(request, user):
            message = "该账号须同时提供有效的动态口令（otp 字段）。"
            return Response({"non_field_errors": [message]}, status=status.HTTP_400_BAD_REQUEST)
        token, _ = Token.objects.get_or_create(user=user)
        log_event("api_token.issued", request, user_id=user.pk)
        return Response({"token": token.key})

    def _locked_out(self, request: Request) -> bool:
        # A body that is not an object (a JSON list) names nobody, and a name with a NUL is nobody's (PostgreSQL
        # cannot even look it up): the serializer refuses both with a 400.
        username = str(request.data.get("username", "")) if isinstance(request.data, Mapping) else ""
        return "\x00" not in username and AxesProxyHandler.is_locked(request._request, {"username": username})

    def _code_accepted(self, request: Request, user) -> bool:
        device = confirmed_device(user)
        if device is None:
            log_event("otp.refused", request, user_id=user.pk, level=logging.WARNING)
            return False
        if device.verify_token(str(request.data.get(OTP_FIELD, "")).strip()):
            otp_success(user)
            return True
        if otp_failure(user):
            log_event("otp.locked_out", request, user_id=user.pk, level=logging.WARNING)
        log_event("otp.failed", request, user_id=user.pk, level=logging.WARNING)
        return False


obtain_auth_token = ObtainAuthTokenWithOTP.as_view()
