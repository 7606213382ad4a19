"""Backups: a seeded database and its uploads come back whole after changes and deletions; a damaged archive is
refused before anything is touched; the archive holds no key; SQLite is refused.

pg_dump and pg_restore work in connections of their own, so these tests commit their data (transactional tests).
"""

import io
import os
import random
import shutil
import subprocess
import sys
import tarfile
import uuid
from datetime import timedelta
from pathlib import Path

import factory
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from cases.models import Channel, Report
from common.identity import fake_resident_id
from files.images import PNG_COMPRESS_LEVEL
from jiancha.backup import DUMP, MANIFEST, STAGING
from orgs.models import Unit
from tests.cases.factories import CaseFactory, ClueFactory, ReportFactory
from tests.factories import TaskFactory, UnitFactory

ROOT = Path(__file__).resolve().parent.parent
committed = pytest.mark.django_db(transaction=True)


def png_of_noise() -> bytes:
    stream = io.BytesIO()
    Image.frombytes("RGB", (32, 32), os.urandom(3072)).save(stream, "PNG", compress_level=PNG_COMPRESS_LEVEL)
    return stream.getvalue()


PDF = b"%PDF-1.4\n%\xe4\xb8\xbe\xe6\x8a\xa5 evidence\n" + bytes(range(256))
PNG = png_of_noise()  # photos are stored re-encoded (files/images.py); one saved as they are comes out the same
# Last year's numbers: the staff's registration takes this year's first one from the counter.
OLD_NUMBER = factory.Sequence(lambda n: f"XF2025-{n + 1:05d}")


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def seeded(media, staff_client) -> Report:
    """A little of everything: reports (one registered by staff with two uploads), clues, a case, tasks."""
    response = staff_client.post(
        reverse("cases:report-register"),
        {
            "channel": Channel.LETTER, "received_at": f"{timezone.localtime() - timedelta(hours=2):%Y-%m-%dT%H:%M}",
            "is_real_name": "1", "reporter_name": "王某某", "reporter_phone": "13800001234",
            "reporter_id_number": fake_resident_id(random.Random(8), region="510823"), "accused_name": "张某",
            "accused_unit_name": "甲镇人民政府", "category": "banquets",
            "content": "在农家乐公款吃喝。", "submission_key": str(uuid.uuid4()),
            "files": [SimpleUploadedFile("证据.pdf", PDF), SimpleUploadedFile("现场.png", PNG)],
        },
    )  # fmt: skip
    assert response.status_code == 302
    ReportFactory.create_batch(6, number=OLD_NUMBER, reporter_name="王某某")
    ClueFactory.create_batch(3, report__number=OLD_NUMBER, report__reporter_name="王某某")
    CaseFactory(clue__report__number=OLD_NUMBER, clue__report__reporter_name="王某某")
    TaskFactory.create_batch(3)
    return Report.objects.get(accused_name="张某")


def backup(tmp_path: Path) -> Path:
    call_command("backup", output=tmp_path / "backups", stdout=io.StringIO())
    (archive,) = (tmp_path / "backups").glob("jiancha-*.tar")
    return archive


def restore(archive: Path) -> str:
    out = io.StringIO()
    call_command("restore", str(archive), interactive=False, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows in every table of every installed model, read with SQL so nothing is cached."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def reports_checksum() -> str:
    """Every column of every report, in id order: any changed byte changes it."""
    table = connection.ops.quote_name(Report._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT md5(string_agg(r::text, '|' ORDER BY r.id)) FROM {table} AS r")
        return cursor.fetchone()[0]


def media_bytes(media: Path) -> dict[str, bytes]:
    return {path.relative_to(media).as_posix(): path.read_bytes() for path in media.rglob("*") if path.is_file()}


def state(media: Path) -> tuple:
    return row_counts(), reports_checksum(), media_bytes(media)


def change_everything(report: Report, media: Path) -> None:
    """Delete a report with its attachments, edit another, add rows; overwrite one upload, delete one, add one."""
    files = {attachment.name: media / attachment.file.name for attachment in report.attachments.all()}
    pdf, png = files["证据.pdf"], files["现场.png"]
    report.delete()
    Report.objects.update(content="被改动的内容")
    UnitFactory.create_batch(2, kind=Unit.Kind.DEPARTMENT)
    png.write_bytes(b"overwritten")
    pdf.unlink()
    (media / "later.pdf").write_bytes(b"%PDF-1.4 uploaded after the backup")


@committed
def test_restore_brings_back_every_table_the_reports_and_the_files(seeded, media, tmp_path):
    counts, checksum, files = state(media)
    assert counts[Report._meta.db_table] == 11 and counts["cases_reportattachment"] == 2
    assert sorted(files.values()) == sorted([PDF, PNG])
    archive = backup(tmp_path)
    change_everything(seeded, media)
    assert row_counts() != counts and reports_checksum() != checksum
    cache.set("dashboard:figures", "counted before the restore")
    redis = cache._cache.get_client(write=True)
    redis.set("celery-queue-like", "not the site's")  # a broker sharing the Redis database keeps its keys

    said = restore(archive)

    assert cache.get("dashboard:figures") is None and redis.get("celery-queue-like") == b"not the site's"
    redis.delete("celery-queue-like")

    assert "不在备份中" not in said and "上传文件写回 2 个" in said
    assert row_counts() == counts
    assert reports_checksum() == checksum
    restored = media_bytes(media)
    assert {name: restored[name] for name in files} == files
    # A file the backup never held is left alone: a restore never deletes uploads.
    assert restored["later.pdf"].startswith(b"%PDF")
    # Restored with the keys configured here, identities decrypt; sequences come back too, so new rows fit in.
    assert {report.reporter_name for report in Report.objects.all()} == {"王某某"}
    highest = max(Report.objects.values_list("pk", flat=True))
    assert ReportFactory(number=OLD_NUMBER).pk > highest


def damage(archive: Path, how: str) -> None:
    data = bytearray(archive.read_bytes())
    if how == "truncated":
        data = data[: len(data) // 2]
    else:
        with tarfile.open(archive) as tar:
            member = next(info for info in tar if info.name.endswith(".png" if how == "upload" else DUMP))
        data[member.offset_data + member.size // 2] ^= 0xFF
    archive.write_bytes(data)


@committed
@pytest.mark.parametrize("how", ["dump", "upload", "truncated"])
def test_a_damaged_archive_is_refused_and_nothing_is_touched(seeded, media, tmp_path, how):
    archive = backup(tmp_path)
    change_everything(seeded, media)
    before = state(media)
    damage(archive, how)

    with pytest.raises(CommandError, match=r"已损坏.*拒绝恢复.*数据库和文件均未改动"):
        restore(archive)

    assert state(media) == before
    assert not list(media.glob(f"{STAGING}*"))


@committed
def test_the_archive_holds_no_key_and_no_identity_in_clear(seeded, tmp_path):
    archive = backup(tmp_path)
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == sorted(
            [DUMP, MANIFEST, *(f"media/{a.file.name}" for a in seeded.attachments.all())]
        )
        tar.extract(DUMP, tmp_path, filter="data")
    # The dump as SQL text: the rows are there, the identities only as ciphertext, and no key anywhere.
    sql = subprocess.run(["pg_restore", "--data-only", "--file=-", tmp_path / DUMP], capture_output=True, text=True)
    assert sql.returncode == 0 and "在农家乐公款吃喝。" in sql.stdout
    assert "王某某" not in sql.stdout
    secrets = [settings.SECRET_KEY, *settings.FIELD_ENCRYPTION_KEYS, settings.IDENTITY_HASH_KEY]
    raw = archive.read_bytes()
    assert not [secret for secret in secrets if secret in sql.stdout or secret.encode() in raw]
    assert archive.stat().st_mode & 0o077 == 0


def test_sqlite_is_refused_with_a_clear_message(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"} | {
        "JIANCHA_VAR_DIR": str(tmp_path)
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "backup"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "只用于 PostgreSQL" in result.stderr
    assert not (tmp_path / "backups").exists()


def test_ensure_services_stops_with_one_line_when_the_client_programs_are_missing(tmp_path):
    # A PATH with the shell and python but no pg_dump and no apt-get: nothing can be installed, so it must say so.
    for program, path in (("bash", shutil.which("bash")), ("id", shutil.which("id")), ("python3", sys.executable)):
        (tmp_path / program).symlink_to(Path(path).resolve())
    env = os.environ | {"PATH": str(tmp_path)}
    result = subprocess.run([ROOT / "scripts" / "ensure-services"], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert "pg_dump" in line and "apt-get install postgresql-client" in line
