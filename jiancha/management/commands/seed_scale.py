import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from jiancha.scale import in_use, seed


class Command(BaseCommand):
    help = (
        "在空数据库中生成省级规模的性能测试数据（COPY 批量写入）：1 万个单位、3 万名联络员、2 万项任务及 10 万条进度、"
        "100 万件举报、30 万条线索、5 万件案件、20 万条发现问题、30 万项整改问题、每名联络员 12 个月的提醒。"
        "--scale 0.01 按比例缩小；--tasks 另定任务数（如台账导出基准的 --scale 0.01 --tasks 100000）。"
        "仅限 PostgreSQL；库中已有数据时拒绝运行。"
        "为求速度，所有实名举报共用同一个虚构举报人的同一份密文，全部标为演示数据（is_demo）；"
        "生成的账号均无可用密码。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="各表行数乘以此系数（默认 1，即全省规模）")
        parser.add_argument("--tasks", type=int, default=None, help="责任清单任务数，不随 --scale 缩放（默认按比例）")

    def handle(self, *args, scale: float, tasks: int | None, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale 使用 PostgreSQL 的 COPY 写入，请将 DATABASE_URL 指向 PostgreSQL。")
        if scale <= 0:
            raise CommandError("--scale 须大于 0。")
        if tasks is not None and tasks <= 0:
            raise CommandError("--tasks 须大于 0。")
        if used := in_use():
            found = "、".join(f"{name} {count:,} 条" for name, count in used.items())
            raise CommandError(f"数据库中已有数据（{found}）：seed_scale 只在新建并迁移过的空库上运行。")
        started = time.perf_counter()
        seed(scale, self._report, tasks)
        self.stdout.write(self.style.SUCCESS(f"完成，共 {time.perf_counter() - started:.1f} 秒。"))

    def _report(self, model, rows: int, seconds: float) -> None:
        name = model._meta.db_table if model else "VACUUM ANALYZE"
        self.stdout.write(f"{name:<36} {rows:>10,} 行 {seconds:8.1f} 秒")
