"""The web benchmark's one table, printed and written to bench/results/<date>-<commit>.json."""

import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from bench.wrk import Measured

COLUMNS = ("target", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "× floor")


@dataclass(frozen=True)
class Row:
    target: str
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    floor_ratio: float


def rows(measured: dict[str, Measured], floor: str) -> list[Row]:
    """One row per target in the order measured, each with its requests/s as a fraction of the floor's."""
    floor_rps = measured[floor].rps
    return [
        Row(name, round(m.rps, 1), round(m.p50_ms, 2), round(m.p95_ms, 2), round(m.p99_ms, 2), m.errors,
            round(m.rps / floor_rps, 3) if floor_rps else 0.0)
        for name, m in measured.items()
    ]  # fmt: skip


def table(result_rows: list[Row]) -> str:
    cells = [COLUMNS] + [
        (r.target, f"{r.rps:.1f}", f"{r.p50_ms:.1f}", f"{r.p95_ms:.1f}", f"{r.p99_ms:.1f}", str(r.errors),
         f"{r.floor_ratio:.1%}")
        for r in result_rows
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def write_json(folder: Path, *, day: date, commit: str, settings: dict, result_rows: list[Row]) -> Path:
    """Writes ``<day>-<commit>.json`` in ``folder`` (replacing a run of the same day and commit) and returns it."""
    path = folder / f"{day.isoformat()}-{commit}.json"
    document = {
        "date": day.isoformat(),
        "commit": commit,
        "settings": settings,
        "rows": [asdict(r) for r in result_rows],
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
