"""Servers a fault test may stop for real: a private PostgreSQL cluster, a private redis-server and the web process
(gunicorn) on them, each on a free port with its files in a temporary directory.

The shared PostgreSQL and Redis that the rest of the suite uses are never stopped: every server here is started by
the test, stopped for real (``pg_ctl stop -m fast``, SIGTERM), started again on the same port and data, and killed and
deleted at the end, also when the test fails.
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TypeVar

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
POLL_SECONDS = 0.05
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_until(check: Callable[[], T], *, timeout: float, what: str) -> T:
    """Poll ``check`` until it returns something true and return that; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"等待超时（{timeout} 秒）：{what}")
        time.sleep(POLL_SECONDS)


def _scratch_dir(prefix: str, owner: str | None = None) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    if owner:
        account = pwd.getpwnam(owner)
        os.chown(path, account.pw_uid, account.pw_gid)
    return path


def _postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    if not found:
        raise RuntimeError("故障测试需要 PostgreSQL 服务器程序（initdb、pg_ctl）：Debian 上请安装 postgresql 软件包。")
    return found[-1].parent


class PrivatePostgres:
    """A throw-away cluster. PostgreSQL refuses to run as root, so as root its programs run as ``postgres``."""

    def __init__(self) -> None:
        self.bin = _postgres_bin()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.dir = _scratch_dir("jiancha-fault-pg-", "postgres" if self.as_postgres else None)
        self.data = self.dir / "data"
        self.port = free_port()

    def _run(self, program: str, *args: str) -> None:
        command = [*self.as_postgres, str(self.bin / program), *args]
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=60)
        if done.returncode:
            raise RuntimeError(f"{program} {' '.join(args)}：{done.stderr.strip()}")

    def create(self) -> None:
        self._run("initdb", "-D", str(self.data), "--auth=trust", "--username=postgres", "--no-sync", "-E", "UTF8",
                  "--locale=C")  # fmt: skip

    def start(self) -> None:
        # Durability settings off: a clean stop (-m fast) still writes everything, and only speed differs.
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-w", "-t", "30", "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server for real: ``fast`` ends every connection and rolls back what was not committed."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    @contextmanager
    def cursor(self, database: str = "postgres") -> Iterator:
        """A cursor of a new connection in autocommit mode, closed afterwards."""
        with closing(psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database)) as conn:
            conn.autocommit = True
            with conn.cursor() as cursor:
                yield cursor

    def create_database(self, name: str) -> None:
        with self.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')

    def remove(self) -> None:
        if self.running():
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    server = PrivatePostgres()
    try:
        server.create()
        server.start()
        yield server
    finally:
        server.remove()


class PrivateRedis:
    """A redis-server that keeps its data in an append-only file, as the production one does (docker-compose.yml),
    so that what was queued is still there after a restart."""

    def __init__(self) -> None:
        self.dir = _scratch_dir("jiancha-fault-redis-")
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir),
                   "--appendonly", "yes", "--save", "", "--logfile", str(self.dir / "log")]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(lambda: answers(self.port), timeout=20, what=f"redis-server 在端口 {self.port} 上启动")

    def stop(self) -> None:
        """SIGTERM: Redis writes its append-only file and exits, closing every client's connection."""
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=20)
            self.process = None

    def url(self, database: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{database}"

    def remove(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


@contextmanager
def private_redis() -> Iterator[PrivateRedis]:
    server = PrivateRedis()
    try:
        server.start()
        yield server
    finally:
        server.remove()


class Process:
    """A process of the application (web, worker, beat) with its output in a file, read when a test fails."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("ab") as output:
            self.popen = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL: the process gets no chance to finish or acknowledge anything."""
        self.popen.kill()
        self.popen.wait(timeout=20)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def running(command: list[str], env: dict[str, str], log: Path) -> Iterator[Process]:
    process = Process(command, env, log)
    try:
        yield process
    finally:
        process.stop()


def app_env(**overrides: str) -> dict[str, str]:
    """The environment of a process of the application: ours, with the servers and options the test names."""
    return {**os.environ, "CELERY_TASK_ALWAYS_EAGER": "0", "PYTHONUNBUFFERED": "1", **overrides}


@contextmanager
def web(env: dict[str, str], log: Path) -> Iterator[str]:
    """gunicorn with one worker, as in production, on a free port; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "jiancha.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
               "--timeout", "60", "--graceful-timeout", "5"]  # fmt: skip
    with running(command, env, log) as process:
        wait_until(lambda: answers(port) or process.popen.poll() is not None, timeout=60, what="gunicorn 启动")
        if process.popen.poll() is not None:
            raise AssertionError(f"gunicorn 未能启动：\n{process.output()}")
        yield f"http://127.0.0.1:{port}"


def celery_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "jiancha", *args, "--loglevel=warning"]


def manage(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=180)  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)}：\n{done.stdout}{done.stderr}")
