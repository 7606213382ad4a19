"""Where a concluded case's recommendation (纪检监察建议) goes next: a hook for the rectification app.

"One case, one recommendation" (一案一建议) feeds the problem list of rectification: ``cases.rectification_link``
registers the handler that opens the problem, in ``CasesConfig.ready``. ``case_conclude`` calls every handler with the
concluded case, inside its transaction, when the case has a recommendation; an error rolls the conclusion back.
"""

from collections.abc import Callable

RecommendationHandler = Callable[[object], None]
_handlers: list[RecommendationHandler] = []


def register_recommendation_handler(handler: RecommendationHandler) -> None:
    if handler not in _handlers:
        _handlers.append(handler)


def unregister_recommendation_handler(handler: RecommendationHandler) -> None:
    if handler in _handlers:
        _handlers.remove(handler)


def recommendation_handlers_run(case) -> None:
    """Hand a concluded case with a recommendation to every registered handler; an error rolls the conclusion back."""
    if not case.recommendation.strip():
        return
    for handler in list(_handlers):
        handler(case)
