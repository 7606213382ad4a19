from django.core.management.base import BaseCommand

from cases import demo as cases_demo
from inspections import demo as inspections_demo
from jobs import demo as jobs_demo
from orgs import demo as orgs_demo
from rectification import demo as rectification_demo
from responsibility import demo as responsibility_demo


class Command(BaseCommand):
    help = "建立演示县（剑阁县）的单位、人员、督查小组和各角色演示账号；重复运行不会改变数据。"

    def handle(self, *args, **options) -> None:
        orgs_demo.seed()
        inspections_demo.seed()
        responsibility_demo.seed()
        followed = cases_demo.seed()
        rectification_demo.seed()  # its 100 problems include those the inspections and cases demos opened
        jobs_demo.seed()  # last: the reminders and documents summarise all of the above
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪。演示账号（密码均为 {orgs_demo.DEMO_PASSWORD}）："))
        for login in orgs_demo.DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<10} {login.description}")
        if followed is not None:
            self.stdout.write(
                f"群众查询演示：举报编号 {followed.number}，查询码 {cases_demo.QUERY_CODE}，"
                f"查询密码 {cases_demo.QUERY_PASSWORD}"
            )
