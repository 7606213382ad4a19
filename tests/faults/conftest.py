"""What the fault tests share: a place for the processes' logs, shown when a test fails."""

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def logs(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("logs")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed fault test shows the end of each process's log: what the web, worker or beat said meanwhile."""
    report = yield
    if report.failed and "logs" in getattr(item, "funcargs", {}):
        for log in sorted(Path(item.funcargs["logs"]).glob("*.log")):
            report.sections.append((f"log {log.name}", log.read_text(errors="replace")[-6000:]))
    return report
