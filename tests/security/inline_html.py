"""What the Content Security Policy would block in a page: inline scripts, event-handler attributes, inline styles."""

from html.parser import HTMLParser


class InlineCodeFinder(HTMLParser):
    """Collects, for one page, every ``<script>`` without ``src`` (a JSON data block excepted), every ``on*=``
    attribute, ``javascript:`` link, ``style=`` attribute and ``<style>`` block, as short descriptions."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src") and attributes.get("type") != "application/json":
            self.found.append(f"<script> inline at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        for name, value in attrs:
            if name.startswith("on") or name == "style" or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=…> at line {self.getpos()[0]}")


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.found
