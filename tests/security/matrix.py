"""The access matrix as observed and as written down: each request made once per role, and the table's text form.

A row is one (URL, method); a cell is what one role got: the status code, ``login`` for a redirect to the sign-in
page, ``admin-login`` for one to the admin's. Each request runs in a savepoint that is rolled back, with the role's
own session cookie put back first (and the cache cleared before any public or unsafe request), so one role's POST
(a logout included) changes nothing the next request sees.
"""

import json
import logging
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from tests.security.url_walk import Route, path_for
from tests.security.world import ROLES, Side, World

Row = tuple[str, str]  # (route key, method)
Table = dict[Row, dict[str, str]]
REDIRECTS = (301, 302, 303, 307, 308)
HEADER = """\
# The access matrix (issue 10): what each role gets from every URL pattern of the project, with each method it
# accepts, on the objects of 甲镇 (unit A). Written by tests/security/test_access_matrix.py with
# ACCESS_MATRIX_WRITE=1; read every changed line against DOMAIN.md, the README's access tables and the apps'
# access.py before committing it. The roles are described in tests/security/world.py.
#
# Cells: the status code; login = sent to the sign-in page; admin-login = sent to the admin's sign-in page.
# POSTs carry an empty body (API: an empty JSON object), so a 200/400 on a POST is the form shown again with its
# errors, and 302 is the action's redirect (with its refusal or success as a message). Anything after "#" on a row
# is a note: it is kept when the file is written again.
"""


@dataclass
class Observed:
    table: Table
    showing: set[tuple[str, str, str]]  # (route key, method, role) of every answer that held a watched text


def observe(
    world: World, side: Side, routes: list[Route], roles: tuple[str, ...] = ROLES, watched: tuple[str, ...] = ()
) -> Observed:
    """Every route with each of its methods for each role, on ``side``'s objects; ``watched`` are texts (a reporter's
    identity) whose appearance in any answer is recorded. Compressed downloads (.xlsx, .docx) are not searched."""
    logging.disable(logging.WARNING)  # thousands of 404s and refusals on the security log: only errors are news
    try:
        return _observe(world, side, routes, roles, watched)
    finally:
        logging.disable(logging.NOTSET)


def _observe(
    world: World, side: Side, routes: list[Route], roles: tuple[str, ...], watched: tuple[str, ...]
) -> Observed:
    observed = Observed({}, set())
    needles = [form for text in watched for form in (text.encode(), json.dumps(text)[1:-1].encode())]
    cookies = {role: deepcopy(world.clients[role].cookies) for role in roles}
    for route in routes:
        path = path_for(route, world, side)
        for method in route.methods:
            cells = observed.table[(route.key, method)] = {}
            # Rate limits count public requests and unsafe ones (a wrong one-time code): those start on a clear cache.
            fresh = method != "GET" or not route.login_required
            for role in roles:
                response = request(world.clients[role], cookies[role], method, path, fresh=fresh)
                cells[role] = cell(response)
                if needles and response.status_code == 200 and any(needle in body(response) for needle in needles):
                    observed.showing.add((route.key, method, role))
    return observed


def request(client: Client, cookies, method: str, path: str, fresh: bool = True) -> HttpResponse:
    """One request in a savepoint rolled back afterwards; ``fresh`` clears the cache first (and with it every
    count of a rate limit)."""
    if fresh:
        cache.clear()
    client.cookies = deepcopy(cookies)
    with transaction.atomic():
        if method == "GET":
            response = client.get(path)
        elif path.startswith("/api/"):
            response = client.generic(method, path, "{}", content_type="application/json")
        else:
            response = client.post(path, {})
        transaction.set_rollback(True)
    return response


def body(response: HttpResponse) -> bytes:
    # The test client closes a streamed answer once read; closing it again would fire request_finished, whose
    # handler closes a database connection found inside a transaction, and with it the world.
    return b"".join(response.streaming_content) if response.streaming else response.content


def cell(response: HttpResponse) -> str:
    if response.status_code in REDIRECTS:
        target = urlsplit(response["Location"]).path
        if target == reverse("login"):
            return "login"
        if target == reverse("admin:login"):
            return "admin-login"
    return str(response.status_code)


def read(path: Path) -> tuple[Table, dict[Row, str]]:
    """The table and the notes of its rows."""
    table: Table = {}
    notes: dict[Row, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text, _, note = line.partition("#")
        if not text.strip():
            continue
        key, method, *cells = text.split()
        assert len(cells) == len(ROLES), f"{path.name}:{number}: {len(cells)} cells for {len(ROLES)} roles"
        table[(key, method)] = dict(zip(ROLES, cells, strict=True))
        if note.strip():
            notes[(key, method)] = note.strip()
    return table, notes


def write(path: Path, table: Table, notes: dict[Row, str]) -> None:
    key_width = max(len(key) for key, _ in table) + 2
    widths = [max(len(role), 11) + 1 for role in ROLES]
    lines = [HEADER, _line(("# url", "method", *ROLES), key_width, widths)]
    for row, cells in table.items():
        line = _line((*row, *(cells[role] for role in ROLES)), key_width, widths)
        lines.append(f"{line}  # {notes[row]}" if row in notes else line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _line(values: tuple[str, ...], key_width: int, widths: list[int]) -> str:
    key, method, *cells = values
    columns = "".join(value.ljust(width) for value, width in zip(cells, widths, strict=True))
    return (key.ljust(key_width) + method.ljust(8) + columns).rstrip()


def differences(expected: Table, observed: Table) -> list[str]:
    """One readable line per cell that differs: url, method, role, expected, got."""
    return [
        f"{key} {method} {role}: expected {expected[(key, method)][role]}, got {cells[role]}"
        for (key, method), cells in observed.items()
        if (key, method) in expected
        for role in ROLES
        if cells[role] != expected[(key, method)][role]
    ]
