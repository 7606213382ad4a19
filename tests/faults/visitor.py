"""A visitor of the web process that keeps cookies and runs no script (urllib), for tests of real processes."""

import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar


@dataclass(frozen=True)
class Answer:
    status: int
    text: str
    headers: dict[str, str]

    def field(self, name: str) -> str:
        """The value of the input ``name`` on the page (the hidden one-time key, the captcha key)."""
        found = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*value="([^"]*)"', self.text)
        assert found, f"页面上没有输入框 {name}"
        return found.group(1)


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer the test reads, not a page to go on to


class Visitor:
    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _KeepRedirects)

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        return self._open(urllib.request.Request(self.base + path, headers=headers or {}))

    def post(self, path: str, data: dict[str, str]) -> Answer:
        """A form's POST, with the CSRF token from the cookie as the page's hidden input carries it."""
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.cookie("csrftoken"), **data}).encode()
        return self._open(urllib.request.Request(self.base + path, data=body, method="POST"))

    def cookie(self, name: str) -> str:
        return next((cookie.value for cookie in self.cookies if cookie.name == name), "")

    def _open(self, request: urllib.request.Request) -> Answer:
        try:
            with self._opener.open(request, timeout=30) as response:
                return Answer(response.status, response.read().decode(), dict(response.headers))
        except urllib.error.HTTPError as error:
            with error:
                return Answer(error.code, error.read().decode(errors="replace"), dict(error.headers))
