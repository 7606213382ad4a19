"""The progress section of an item's page works out its own context, so the detail view need not know about it."""

from django import template

from rectification.selectors_progress import progress_panel as panel_for

register = template.Library()


@register.simple_tag(takes_context=True)
def progress_panel(context, problem) -> dict:
    return panel_for(context["request"].user, problem)
