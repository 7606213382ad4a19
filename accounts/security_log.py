"""The security log: authentication events and denied access, on the ``jiancha.security`` logger.

A line names the account by its id, or by a keyed hash of the typed user name when there is no account (a failed
login), and the client address; never a name, ID number, phone, password, query string or anything of a report.
"""

import hashlib
import hmac
import logging

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger("jiancha.security")


def username_hash(username: str) -> str:
    """Links the failures against one typed name without writing it (it may be a person's name)."""
    key = hashlib.sha256(f"security-log:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, username.strip().lower().encode(), hashlib.sha256).hexdigest()[:16]


def client_ip(request: HttpRequest | None) -> str:
    if request is None:
        return "-"
    return get_client_ip_address(request) or "-"


def log_event(
    event: str,
    request: HttpRequest | None = None,
    *,
    user_id: int | None = None,
    username: str | None = None,
    level: int = logging.INFO,
    **fields: object,
) -> None:
    """Writes ``event key=value …``; ``fields`` must hold only ids, codes and names of views, never people's data."""
    parts = {"user": user_id if user_id is not None else "-"}
    if username is not None:
        parts["username_hash"] = username_hash(username)
    parts["ip"] = client_ip(request)
    parts.update(fields)
    text = " ".join(f"{key}={value}" for key, value in parts.items())
    logger.log(level, "%s %s", event, text, extra={"security_event": event})


def axes_client_str(username: str, ip_address: str, user_agent: str, path_info: str, request: HttpRequest) -> str:
    """How django-axes names a client in its own log lines: by default the typed user name, here its hash."""
    return f"{{username_hash: {username_hash(str(username or ''))}, ip_address: {ip_address}}}"
