from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from notifications import services
from notifications.models import Notification

PAGE_SIZE = 20


def inbox(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first; nobody can list anyone else's."""
    notifications = Notification.objects.filter(recipient=request.user).only(
        "title", "body", "url", "created_at", "read_at"
    )
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "unread_notifications": services.unread_count(user=request.user)}
    return render(request, "notifications/inbox.html", context)


@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark read, then go to the object reminded about; another user's notification is a 404, not a 403, so ids
    of other people's messages are not confirmed."""
    try:
        notification = services.mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist as exc:
        raise Http404 from exc
    # The url is written by our jobs, but checked anyway: a redirect must never leave the site.
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    services.mark_all_read(user=request.user)
    return redirect("notifications:inbox")


def unread(request: HttpRequest) -> JsonResponse:
    """The navigation's unread count, fetched by a small script after the page loads: served from the cache, and
    kept out of every page's own queries."""
    response = JsonResponse({"unread": services.unread_count(user=request.user)})
    response["Cache-Control"] = "no-store"
    return response
