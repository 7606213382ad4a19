"""Exporters by name: domain apps register theirs in ``AppConfig.ready``; this base app knows none of them."""

from dataclasses import dataclass
from typing import BinaryIO, Protocol


class ExportError(Exception):
    """Raised by an exporter with a message for the user (in Chinese); the job fails with that message."""


class Progress(Protocol):
    def __call__(self, done: int, total: int) -> None: ...


class ExportFunction(Protocol):
    def __call__(self, *, user, params: dict, stream: BinaryIO, progress: Progress) -> str:
        """Write the file for ``user`` to ``stream``, scoped by what the user may see, and return its file name.

        Calls ``progress(0, total)`` once it knows the row count, then ``progress(done, total)`` after each row.
        """
        ...


@dataclass(frozen=True)
class Exporter:
    kind: str
    label: str
    write: ExportFunction


_exporters: dict[str, Exporter] = {}


def register_exporter(kind: str, write: ExportFunction, *, label: str) -> None:
    _exporters[kind] = Exporter(kind, label, write)


def exporter_for(kind: str) -> Exporter:
    try:
        return _exporters[kind]
    except KeyError:
        raise ExportError(f"未知的导出类型“{kind}”。") from None


def label_for(kind: str) -> str:
    exporter = _exporters.get(kind)
    return exporter.label if exporter else kind
