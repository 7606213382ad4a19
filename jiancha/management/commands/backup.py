from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jiancha.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "把 PostgreSQL 数据库（pg_dump 一致性快照）和上传文件（MEDIA_ROOT）备份为一个 tar 文件，"
        "内含每个成员的 SHA-256 清单。备份中没有任何密钥："
        "恢复后须配置同样的 FIELD_ENCRYPTION_KEYS 和 IDENTITY_HASH_KEY。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, help="备份目录（默认 var/backups）")

    def handle(self, *args, output: Path | None, **options) -> None:
        try:
            path, members = backup_create(output or settings.VAR_DIR / "backups")
        except BackupError as error:
            raise CommandError(str(error)) from error
        dump, *files = members
        size = megabytes(sum(file.size for file in files))
        self.stdout.write(f"数据库转储 {megabytes(dump.size)}，上传文件 {len(files)} 个 {size}。")
        self.stdout.write(self.style.SUCCESS(f"已备份到 {path}"))


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"
