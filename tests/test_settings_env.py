"""Settings come from the environment, with defaults that need no server."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; from django.conf import settings as s; django.setup();"
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], 'broker': s.CELERY_BROKER_URL,"
    "'cache': s.CACHES['default']['BACKEND'], 'debug': s.DEBUG, 'lang': s.LANGUAGE_CODE,"
    "'tz': s.TIME_ZONE, 'use_tz': s.USE_TZ, 'email': s.EMAIL_BACKEND, 'hosts': s.ALLOWED_HOSTS,"
    "'db_name': str(s.DATABASES['default']['NAME'])}))"
)


def run(env: dict, *args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in _OURS}
    clean.update(DJANGO_SETTINGS_MODULE="jiancha.settings", **env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


# What the test run itself sets (the browser journeys allow async-unsafe ORM calls) must not leak in.
_OURS = {
    "DATABASE_URL", "REDIS_URL", "CACHE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_BACKEND",
    "DJANGO_ALLOW_ASYNC_UNSAFE", "FIELD_ENCRYPTION_KEYS", "IDENTITY_HASH_KEY",
}  # fmt: skip


def probe(env: dict) -> dict:
    result = run(env, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_nothing_set_means_sqlite_and_embedded_broker(tmp_path):
    found = probe({"JIANCHA_VAR_DIR": str(tmp_path)})
    assert found["db"] == "django.db.backends.sqlite3"
    assert found["db_name"] == str(tmp_path / "db.sqlite3")
    assert found["broker"] == "filesystem://"
    assert found["cache"].endswith("FileBasedCache")
    assert (found["lang"], found["tz"], found["use_tz"]) == ("zh-hans", "Asia/Shanghai", True)
    assert (tmp_path / "celery" / "queue").is_dir()


def test_var_folder_is_git_ignored():
    assert "var/" in (ROOT / ".gitignore").read_text().split()


def test_urls_switch_to_postgres_and_redis(tmp_path):
    found = probe(
        {
            "JIANCHA_VAR_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://u@db.example:5432/jiancha",
            "REDIS_URL": "redis://cache.example:6379/0",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        }
    )
    assert found["db"] == "django.db.backends.postgresql"
    assert found["broker"] == "redis://cache.example:6379/0"
    assert found["cache"] == "common.redis_cache.ClientKeepingRedisCache"
    assert found["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = run({"JIANCHA_VAR_DIR": str(tmp_path), "DEBUG": "0", "ALLOWED_HOSTS": "x"}, "-c", PROBE)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


# Production variables other than the database and broker (valid values, made up for the tests).
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-" + "q8Zr#x2Lm9Vt$Wf7Np4Hc6Jd1Gs5Ab0Ye3Ku" * 2,
    "ALLOWED_HOSTS": "jiancha.example.gov.cn",
    "FIELD_ENCRYPTION_KEYS": "n3wKeyR8vL2xQ9mT4pW7yZ1cF6hJ0bD5gS3aE8uN2kM=,"
    "oLdKeyR8vL2xQ9mT4pW7yZ1cF6hJ0bD5gS3aE8uN2kM=",
    "IDENTITY_HASH_KEY": "h4sh-" + "Vt$Wf7Np4Hc6Jd1Gs5Ab0Ye3Ku" * 2,
}


@pytest.mark.parametrize("missing", ["FIELD_ENCRYPTION_KEYS", "IDENTITY_HASH_KEY"])
def test_production_refuses_to_start_without_identity_keys(tmp_path, missing):
    env = {name: value for name, value in PRODUCTION.items() if name != missing}
    result = run({"JIANCHA_VAR_DIR": str(tmp_path), **env}, "-c", PROBE)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and missing in result.stderr


def test_development_keys_are_derived_from_secret_key_and_stable(tmp_path):
    show = (
        "import django; from django.conf import settings as s; django.setup();"
        "print(s.FIELD_ENCRYPTION_KEYS, s.IDENTITY_HASH_KEY)"
    )
    first, again = (run({"JIANCHA_VAR_DIR": str(tmp_path)}, "-c", show) for _ in range(2))
    other = run({"JIANCHA_VAR_DIR": str(tmp_path), "SECRET_KEY": "another-development-key"}, "-c", show)
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout != other.stdout


def test_deploy_check_is_clean_with_production_variables(tmp_path):
    env = {
        "JIANCHA_VAR_DIR": str(tmp_path),
        **PRODUCTION,
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jiancha"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    }
    result = run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
