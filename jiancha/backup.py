"""Backups: one tar archive holding a ``pg_dump`` of the database, the uploaded files, and a manifest with the
SHA-256 of every other member. A restore reads the whole archive and checks every checksum before it touches
anything.

The archive holds no key: ``SECRET_KEY``, ``FIELD_ENCRYPTION_KEYS`` and ``IDENTITY_HASH_KEY`` live in the
environment, so the reporters' identities in a restored database are readable only where the same keys are set.
"""

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.utils import timezone

FORMAT = 1
DUMP = "database.dump"
MANIFEST = "manifest.json"
MEDIA = "media/"
STAGING = ".restore-"
CHUNK = 1024 * 1024
# What Django may carry in OPTIONS (from the URL's query string) that libpq reads from the environment.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT", "options": "PGOPTIONS",
}  # fmt: skip


class BackupError(Exception):
    """A backup or restore refused or failed; the message is for the operator."""


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class RestoreResult:
    files: int
    tables_not_in_backup: list[str]


# The PostgreSQL client programs ---------------------------------------------------------------------------


def require_postgresql() -> None:
    if connection.vendor != "postgresql":
        raise BackupError(
            "备份与恢复只用于 PostgreSQL 部署：请将 DATABASE_URL 指向 PostgreSQL。"
            "开发用的 SQLite 数据库只是 var/ 下的一个文件，停掉程序后复制即可。"
        )


def client_program(name: str) -> tuple[str, int]:
    """The path and major version of ``pg_dump`` or ``pg_restore``."""
    path = shutil.which(name)
    if not path:
        raise BackupError(f"找不到 {name}：请安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client）。")
    found = re.search(
        r"\(PostgreSQL\) (\d+)", subprocess.run([path, "--version"], capture_output=True, text=True).stdout
    )
    if not found:
        raise BackupError(f"无法识别 {path} 的版本。")
    return path, int(found.group(1))


def libpq_env() -> dict[str, str]:
    """The environment pointing pg_dump and pg_restore at Django's database: the password never shows in ``ps``."""
    db = connection.settings_dict
    wanted = {"PGHOST": db["HOST"], "PGPORT": db["PORT"], "PGUSER": db["USER"], "PGPASSWORD": db["PASSWORD"]}
    wanted |= {variable: db["OPTIONS"].get(option) for option, variable in LIBPQ_OPTIONS.items()}
    return os.environ | {"PGDATABASE": db["NAME"]} | {key: str(value) for key, value in wanted.items() if value}


def run_client(args: list[str]) -> str:
    result = subprocess.run(args, env=libpq_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} 失败（退出码 {result.returncode}）：{result.stderr.strip()}")
    return result.stdout


# Backup -----------------------------------------------------------------------------------------------------


def backup_create(directory: Path) -> tuple[Path, list[Member]]:
    """Dump the database (one consistent snapshot, by pg_dump's nature), then add the uploaded files.

    The archive appears under its final name only once complete, readable by its owner alone.
    """
    require_postgresql()
    pg_dump, client_major = client_program("pg_dump")
    server_major = connection.pg_version // 10000
    if client_major < server_major:
        raise BackupError(
            f"pg_dump 的版本（{client_major}）低于数据库服务器（{server_major}），无法备份："
            f"请安装 postgresql-client-{server_major}。"
        )
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    with tempfile.TemporaryDirectory(dir=directory, prefix=".backup-") as work:
        dump, partial = Path(work) / DUMP, Path(work) / "archive.tar"
        run_client([pg_dump, "--format=custom", "--no-password", f"--file={dump}"])
        members = write_archive(partial, dump, Path(settings.MEDIA_ROOT), {"pg_dump_major": client_major})
        target = free_name(directory, timezone.localtime().strftime("jiancha-%Y%m%d-%H%M%S"))
        os.replace(partial, target)
    return target, members


def free_name(directory: Path, stem: str) -> Path:
    target, suffix = directory / f"{stem}.tar", 1
    while target.exists():
        target, suffix = directory / f"{stem}-{suffix}.tar", suffix + 1
    return target


def write_archive(path: Path, dump: Path, media_root: Path, facts: dict) -> list[Member]:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as raw:
        with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
            members = [add_file(tar, dump, DUMP)]
            for file in media_files(media_root):
                members.append(add_file(tar, file, MEDIA + file.relative_to(media_root).as_posix()))
            add_manifest(tar, {**facts, "members": [asdict(member) for member in members]})
        # On disk before it takes its final name: a backup that vanishes with the power is worse than none.
        raw.flush()
        os.fsync(raw.fileno())
    return members


def add_manifest(tar: tarfile.TarFile, facts: dict) -> None:
    manifest = {
        "format": FORMAT, "created_at": timezone.localtime().isoformat(),
        "database": connection.settings_dict["NAME"], "server_version": connection.pg_version, **facts,
    }  # fmt: skip
    data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    info = tarfile.TarInfo(MANIFEST)
    info.size, info.mode, info.mtime = len(data), 0o600, int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def media_files(media_root: Path) -> list[Path]:
    """Every regular file under MEDIA_ROOT; symbolic links are not followed, so nothing outside it is taken, and
    a restore's scratch folder left by a killed run is not taken either."""
    found = []
    for folder, folders, names in os.walk(media_root):
        folders[:] = [name for name in folders if not name.startswith(STAGING)]
        found += [Path(folder) / name for name in names if (Path(folder) / name).is_file()]
    return sorted(file for file in found if not file.is_symlink())


class HashingReader:
    """Hashes exactly the bytes tarfile copies, so the manifest describes what is in the archive."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw, self.hash = raw, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.hash.update(data)
        return data


def add_file(tar: tarfile.TarFile, path: Path, name: str) -> Member:
    with path.open("rb") as raw:
        info = tar.gettarinfo(fileobj=raw, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = HashingReader(raw)
        tar.addfile(info, reader)
    return Member(name, info.size, reader.hash.hexdigest())


# Verification -------------------------------------------------------------------------------------------------


def backup_verify(path: Path) -> dict:
    """Read the whole archive and check every member against the manifest; return the manifest.

    Raises BackupError for a missing, truncated or altered archive, or one with anything the manifest does not list.
    """
    if not path.is_file():
        raise BackupError(f"找不到备份文件 {path}。")
    try:
        found, manifest_data = read_members(path)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise damaged(path, f"无法完整读取：{error}") from error
    manifest = parse_manifest(path, manifest_data)
    listed = {member.name: member for member in manifest["members"]}
    wrong = sorted(name for name in listed.keys() | found.keys() if listed.get(name) != found.get(name))
    if wrong:
        shown = "、".join(wrong[:5]) + ("等" if len(wrong) > 5 else "")
        raise damaged(path, f"{len(wrong)} 个成员与清单的 SHA-256 不符或缺失：{shown}")
    if DUMP not in listed:
        raise damaged(path, f"缺少数据库转储 {DUMP}")
    return manifest


def damaged(path: Path, why: str) -> BackupError:
    return BackupError(f"备份文件 {path} 已损坏或不是本系统的备份，拒绝恢复（{why}）。数据库和文件均未改动。")


def read_members(path: Path) -> tuple[dict[str, Member], bytes | None]:
    found, manifest_data = {}, None
    with tarfile.open(path, mode="r:") as tar:
        for info in tar:
            check_member(path, info, found)
            if info.name == MANIFEST:
                manifest_data = tar.extractfile(info).read()
                found[MANIFEST] = None
            else:
                found[info.name] = Member(info.name, info.size, sha256_of(tar.extractfile(info)))
    found.pop(MANIFEST, None)
    return found, manifest_data


def check_member(path: Path, info: tarfile.TarInfo, seen: dict) -> None:
    """Only plain files with the names a backup writes: nothing may land outside MEDIA_ROOT, nothing twice."""
    parts = PurePosixPath(info.name).parts
    allowed = info.name in (DUMP, MANIFEST) or (info.name.startswith(MEDIA) and len(parts) > 1)
    if not info.isreg() or not allowed or ".." in parts or info.name.startswith("/") or info.name in seen:
        raise damaged(path, f"含有不应出现的成员 {info.name}")


def sha256_of(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def parse_manifest(path: Path, data: bytes | None) -> dict:
    if data is None:
        raise damaged(path, f"缺少清单 {MANIFEST}")
    try:
        manifest = json.loads(data)
        manifest["members"] = [Member(**member) for member in manifest["members"]]
    except (ValueError, KeyError, TypeError) as error:
        raise damaged(path, f"清单 {MANIFEST} 无法读取") from error
    if manifest.get("format") != FORMAT:
        raise damaged(path, f"清单格式 {manifest.get('format')} 不是本版本所用的 {FORMAT}")
    return manifest


# Restore ------------------------------------------------------------------------------------------------------


def backup_restore(path: Path) -> RestoreResult:
    """Verify the archive, then replace the configured database with its dump and write its files back.

    The files are unpacked beside MEDIA_ROOT first and the dump is restored in one transaction, so a failure before
    the last step leaves the database and the files as they were. Files not in the archive are left in place. The
    cache is emptied of this site's keys (sessions included: everyone signs in again against the restored accounts).
    """
    require_postgresql()
    pg_restore, client_major = client_program("pg_restore")
    manifest = backup_verify(path)
    if client_major < manifest.get("pg_dump_major", 0):
        raise BackupError(
            f"备份由 pg_dump {manifest['pg_dump_major']} 生成，本机 pg_restore 的版本（{client_major}）较低："
            f"请安装 postgresql-client-{manifest['pg_dump_major']}。"
        )
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    # The files are unpacked inside MEDIA_ROOT, so moving them into place is a rename on one disk.
    with (
        tempfile.TemporaryDirectory(prefix="jiancha-restore-") as work,
        tempfile.TemporaryDirectory(dir=media_root, prefix=STAGING) as staging,
    ):
        dump, staged = Path(work) / DUMP, Path(staging)
        unpack(path, manifest, {DUMP: dump} | staged_targets(manifest, staged))
        archived_tables = dump_tables(pg_restore, dump)
        # pg_restore drops and recreates every table: Django must hold no connection, or no open transaction.
        connections.close_all()
        run_client([
            pg_restore, "--clean", "--if-exists", "--single-transaction", "--no-owner", "--no-privileges",
            "--no-password", f"--dbname={connection.settings_dict['NAME']}", str(dump),
        ])  # fmt: skip
        files = move_into(staged, media_root)
    # Cached pages, counts and sessions describe the database that was just replaced.
    cache.clear()
    extra = sorted(set(connection.introspection.table_names()) - archived_tables)
    return RestoreResult(files=files, tables_not_in_backup=extra)


def staged_targets(manifest: dict, staged: Path) -> dict[str, Path]:
    media = [member.name for member in manifest["members"] if member.name.startswith(MEDIA)]
    return {name: staged / name.removeprefix(MEDIA) for name in media}


def unpack(path: Path, manifest: dict, targets: dict[str, Path]) -> None:
    """Write the named members, hashing them again: the archive may have changed since it was verified."""
    expected = {member.name: member.sha256 for member in manifest["members"]}
    with tarfile.open(path, mode="r:") as tar:
        for info in tar:
            if info.name not in targets:
                continue
            target = targets[info.name]
            target.parent.mkdir(parents=True, exist_ok=True)
            digest, source = hashlib.sha256(), tar.extractfile(info)
            with target.open("wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            target.chmod(info.mode & 0o777 or 0o644)
            os.utime(target, (info.mtime, info.mtime))
            if digest.hexdigest() != expected[info.name]:
                raise damaged(path, f"{info.name} 在校验之后被改动")


def dump_tables(pg_restore: str, dump: Path) -> set[str]:
    listing = run_client([pg_restore, "--list", str(dump)])
    # "123; 1259 16403 TABLE public cases_report owner", not the "TABLE DATA" entries.
    return set(re.findall(r"^\d+; \d+ \d+ TABLE (?!DATA )\S+ (\S+)", listing, flags=re.MULTILINE))


def move_into(staged: Path, media_root: Path) -> int:
    moved = 0
    for file in media_files(staged):
        target = media_root / file.relative_to(staged)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(file, target)
        moved += 1
    return moved
