from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.views.defaults import page_not_found
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import exception_handler

from common.transitions import TransitionNotAllowed

REFUSED_REQUEST = "请求未被接收：一次提交的文件或字段过多，或请求格式有误。"


def api_exception_handler(exc, context):
    """A service's full_clean() answers 400 with field errors, like a serializer; a refused state move 409."""
    if isinstance(exc, TransitionNotAllowed):
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = serializers.ValidationError(detail)
    return exception_handler(exc, context)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 for a URL no route matches (``/api/v1/units/1.5/``): JSON under /api/, like every other API
    answer, and the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=status.HTTP_404_NOT_FOUND)
    return page_not_found(request, exception)


def refused_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 for a request it will not read (more files or fields than allowed, a forged host): JSON under
    /api/, and the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": REFUSED_REQUEST}, status=status.HTTP_400_BAD_REQUEST)
    # Drawn without the request: it may be refused before the sign-in middleware ran, which context processors need.
    return HttpResponseBadRequest(render_to_string("400.html"))
