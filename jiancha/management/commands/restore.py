from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from jiancha.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "用 backup 生成的备份文件恢复数据库和上传文件：先校验每个成员的 SHA-256，损坏则拒绝且不做任何改动；"
        "数据库在一个事务中整体替换（pg_restore --clean），上传文件写回 MEDIA_ROOT，备份中没有的文件保留不动。"
        "恢复前请停止 web、worker 和 beat。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "archive", nargs="?", default="", help="备份文件，如 var/backups/jiancha-20260101-020000.tar"
        )
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="不询问确认（用于脚本）"
        )

    def handle(self, *args, archive: str, interactive: bool, **options) -> None:
        if not archive:
            raise CommandError("请指定备份文件：make restore FILE=var/backups/jiancha-YYYYmmdd-HHMMSS.tar")
        if interactive and not self.confirmed(archive):
            raise CommandError("已取消，未做任何改动。")
        try:
            result = backup_restore(Path(archive))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"数据库已恢复，上传文件写回 {result.files} 个。")
        if result.tables_not_in_backup:
            self.stdout.write(
                self.style.WARNING(
                    f"数据库中另有 {len(result.tables_not_in_backup)} 张表不在备份中，未改动："
                    f"{'、'.join(result.tables_not_in_backup)}。若备份早于当前版本的迁移，"
                    "请改为恢复到新建的空数据库，再运行 manage.py migrate。"
                )
            )
        self.stdout.write(self.style.SUCCESS(f"已从 {archive} 恢复。"))

    def confirmed(self, archive: str) -> bool:
        db = connection.settings_dict
        question = (
            f"将用 {archive} 替换数据库 {db['NAME']}（{db['HOST'] or '本机'}）中的全部数据，并写回上传文件。"
            "输入 yes 继续："
        )
        try:
            return input(question).strip().lower() == "yes"
        except EOFError:
            self.stderr.write("没有可用的输入：脚本中请加 --noinput。")
            return False
