"""``{% noted_contributions report %}``: on a report's page, the contributions its points took
note of (one query, scoped to the user)."""

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser

from enlace.contributions.selectors import contributions_noted_in_report

register = template.Library()


@register.inclusion_tag("contributions/_noted.html", takes_context=True)
def noted_contributions(context: dict[str, Any], report: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    return {"noted": list(contributions_noted_in_report(user, report.pk))}
