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


# The figures issue 9 asks for, by kind of target (bench.wrk.Target.kind).
PAGE_P95_MS = 100.0
FLOOR_SHARE = {"page": 0.10, "deep": 0.10, "api": 0.15, "submit": 0.05}
DEEP_OVER_FIRST = 2.0


def misses(result_rows: list[Row], kinds: dict[str, str], *, first: str, deep: str) -> list[str]:
    """Each figure missed, as a line for the console: errors anywhere; p95 over 100 ms on a staff
    page; a share of the floor's requests/s below the kind's; the deep page's p50 over twice the first page's."""
    by_name = {row.target: row for row in result_rows}
    found = []
    for row in result_rows:
        kind = kinds[row.target]
        if row.errors:
            found.append(f"{row.target}: {row.errors} errors")
        if kind in ("page", "deep") and row.p95_ms > PAGE_P95_MS:
            found.append(f"{row.target}: p95 {row.p95_ms:.1f} ms > {PAGE_P95_MS:.0f} ms")
        if kind in FLOOR_SHARE and row.floor_ratio < FLOOR_SHARE[kind]:
            found.append(f"{row.target}: {row.floor_ratio:.1%} of the floor < {FLOOR_SHARE[kind]:.0%}")
    if first in by_name and deep in by_name and by_name[deep].p50_ms > DEEP_OVER_FIRST * by_name[first].p50_ms:
        found.append(f"{deep}: p50 {by_name[deep].p50_ms:.1f} ms > {DEEP_OVER_FIRST:g} × {first}")
    return found
