"""``Cache-Control: no-store`` on every answer that may hold a report, a reporter or a staff member's work.

One rule instead of a decorator on each view, so a new page cannot forget it: everything answered to a signed-in
user (session or API token) and everything under the public report paths, whoever asks. Browsers and proxies then
keep no copy on disk, where the next user of a shared computer could find it. Public pages that hold nothing private
(the portal, exposures, commitments) stay cacheable.

The header is added on the way out, after the view: ``common.list_cache`` stores pages inside the view, before this,
so it keeps caching lists on the server (a response marked no-store by the view itself is never stored there).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

# The report form, its submitted page, the follow-up query and status, and their public API.
PRIVATE_PUBLIC_PREFIXES = ("/report/", "/api/v1/public/")


def needs_no_store(request: HttpRequest) -> bool:
    if request.path_info.startswith(PRIVATE_PUBLIC_PREFIXES) or "HTTP_AUTHORIZATION" in request.META:
        return True
    # DRF puts a token's user on the request too, so API answers are covered as well as pages.
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


class NoStoreMiddleware:
    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", "") and needs_no_store(request):
            add_never_cache_headers(response)
        return response
