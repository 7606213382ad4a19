"""What only the cases pages share: the commission's pages answer 404 to everybody else."""

from django.http import Http404, HttpRequest

from cases import access


def require_commission(request: HttpRequest) -> None:
    """Commission pages answer 404 to everybody else, as for a missing page."""
    if not access.can_handle(request.user):
        raise Http404
