"""For the tests of one dashboard section: the page with only that section, so its figures and queries are its own."""

import pytest

from dashboard.figures import _sections


def only_section(key: str):
    """An autouse fixture leaving only the section ``key`` registered."""

    @pytest.fixture(autouse=True)
    def _only(monkeypatch):
        monkeypatch.setattr("dashboard.figures._sections", {key: _sections[key]})

    return _only
