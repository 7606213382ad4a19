"""Every page of the demo county, as each role sees it, holds no code the Content Security Policy would block.

The pages are found the way a person finds them: from the workbench (or the public entry pages) by following the
links on each page, so a new page reached from anywhere is checked without being listed here.
"""

import io
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.security.inline_html import inline_code

pytestmark = pytest.mark.django_db

# Links not followed: files rather than pages, the way out, and the admin (Django's and its apps' own templates).
SKIPPED = ("/accounts/logout/", "/admin/", "/api/", "/captcha/", "/static/", "/exports/")
FILE_SUFFIXES = (".xlsx", ".docx", ".pdf", ".png", ".jpg", ".csv")
PAGES_PER_LOGIN = 120


def links(html: str, base: str) -> list[str]:
    found = []
    for chunk in html.split('href="')[1:]:
        href = urljoin(base, chunk.split('"', 1)[0].replace("&amp;", "&"))
        parts = urlsplit(href)
        if parts.netloc or not parts.path.startswith("/"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def followed(path: str) -> bool:
    plain = urlsplit(path).path
    return not plain.startswith(SKIPPED) and not plain.endswith(FILE_SUFFIXES) and "download" not in plain


def crawl(client: Client, start: list[str]) -> dict[str, list[str]]:
    """Inline code found, by page, on up to ``PAGES_PER_LOGIN`` HTML pages reached from ``start``; one page per
    path (its first query string only), so a paginated list is not walked page by page."""
    queue, seen_paths, found = list(start), set(), {}
    while queue and len(found) < PAGES_PER_LOGIN:
        path = queue.pop(0)
        if urlsplit(path).path in seen_paths or not followed(path):
            continue
        seen_paths.add(urlsplit(path).path)
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        found[path] = inline_code(html)
        queue.extend(links(html, path))
    return found


@pytest.fixture
def demo_county(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=io.StringIO())


def signed_in(username: str) -> Client:
    client = Client(raise_request_exception=False)  # a page that fails is another test's business: skip it
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_no_page_any_role_reaches_holds_inline_script_or_style(demo_county):
    pages = {}
    for username in ("admin", "leader", "staff", "county", "officer", "dept", "jiwei", "inspector", "reviewer"):
        pages |= {f"{username} {path}": found for path, found in crawl(signed_in(username), ["/"]).items()}
    public = ["/report/", "/report/query/", "/public/", "/public/rating/", "/accounts/login/"]
    pages |= {f"public {path}": found for path, found in crawl(Client(raise_request_exception=False), public).items()}
    assert len(pages) > 300
    assert {page: found for page, found in pages.items() if found} == {}
