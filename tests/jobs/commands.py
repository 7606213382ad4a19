"""``run_job`` as an operator runs it, for the job tests: the printed lines, and the count on the last one."""

from io import StringIO

from django.core.management import call_command


def run(name: str, day: str) -> list[str]:
    out = StringIO()
    call_command("run_job", name, date=day, stdout=out, stderr=StringIO())
    return out.getvalue().splitlines()


def delivered(lines: list[str]) -> int:
    assert lines[-1].startswith("delivered ")
    return int(lines[-1].split()[1])
