from django.core.management.base import BaseCommand, CommandError, CommandParser

from inspections.checkpoints import FIRST_YEAR, LAST_YEAR, checkpoints_for


class Command(BaseCommand):
    help = f"列出某年（{FIRST_YEAR}—{LAST_YEAR}）的节日节点，每行一个：节日名称和节日当天的日期。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", help="年份，如 2026")

    def handle(self, *args, year: str, **options) -> None:
        if not year.isascii() or not year.isdigit() or not FIRST_YEAR <= int(year) <= LAST_YEAR:
            raise CommandError(f"年份无效：{year}。请输入 {FIRST_YEAR} 至 {LAST_YEAR} 之间的四位数年份。")
        for checkpoint in checkpoints_for(int(year)):
            self.stdout.write(f"{checkpoint.name} {checkpoint.day.isoformat()}")
