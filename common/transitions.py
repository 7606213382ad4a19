"""State machines: each model keeps its allowed moves in one table, checked here by its services."""

from collections.abc import Collection


class TransitionNotAllowed(Exception):
    """A state move the table does not allow; pages show the message, the API answers 409."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check_transition(allowed: Collection[tuple[str, str]], current: str, target: str, label: str, action: str) -> None:
    """Raise unless (current, target) is in ``allowed``; ``label`` names the current state, ``action`` the move."""
    if (current, target) not in allowed:
        raise TransitionNotAllowed(f"当前状态为“{label}”，不能{action}。")
