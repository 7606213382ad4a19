import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_missing_service_stops_with_one_clear_line():
    # 127.0.0.2 is loopback but not "our" local server, so the script neither starts nor installs anything.
    env = os.environ | {"DATABASE_URL": "postgres://x@127.0.0.2:5999/x"}
    result = subprocess.run([ROOT / "scripts" / "ensure-services"], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "PostgreSQL" in lines[0] and "127.0.0.2:5999" in lines[0] and "DATABASE_URL" in lines[0]


def test_answering_services_pass():
    result = subprocess.run([ROOT / "scripts" / "ensure-services"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
