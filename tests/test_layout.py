"""The structure promised in DEVELOPERS.md and CONVENTIONS.md, kept true by tests."""

import ast
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = {"inspections", "responsibility", "cases", "rectification"}
# Base apps that must never import a domain app.
BASE_APPS = ["orgs", "common", "files", "exports", "notifications", "documents"]


def imported_top_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_base_apps_import_no_domain_app():
    upward = {
        str(path.relative_to(ROOT)): sorted(imported_top_modules(path) & (DOMAIN_APPS | {"jiancha"}))
        for app in BASE_APPS
        for path in (ROOT / app).rglob("*.py")
    }
    assert {path: mods for path, mods in upward.items() if mods} == {}


def test_compose_runs_every_process_on_postgres_and_redis():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)
    env = services["web"]["environment"]
    assert env["DATABASE_URL"].startswith("postgres://") and env["REDIS_URL"].startswith("redis://")
    assert env["DEBUG"] == "0"


def test_requirements_are_pinned_to_django_lts():
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and line[0] != "#"]
    assert all("==" in line for line in lines)
    assert any(line.startswith("Django==5.2.") for line in lines)
