"""The confirmation page of an action that destroys or cannot be undone.

The object's page links to the action's URL; a GET there answers this page, which says in
words what will happen and whether it can be undone, and posts back to the same URL. The
view asks for its access exactly as for the POST, before it calls ``confirm_page``, so a user
who may not act gets the same answer for both.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation page says, and where it posts and goes back to."""

    title: str
    subject: str
    consequence: str
    undo: str
    button: str
    cancel_url: str
    form: BaseForm | None = None
    hidden: Mapping[str, str] = field(default_factory=dict)
    action_url: str | None = None


def confirm_page(
    request: HttpRequest, confirmation: Confirmation, status: int = 200
) -> HttpResponse:
    """The page that asks to confirm; its form posts to ``action_url`` (by default, here)."""
    return render(
        request,
        "core/confirm.html",
        {
            "confirmation": confirmation,
            "action_url": confirmation.action_url or request.path,
            "hidden": sorted(confirmation.hidden.items()),
        },
        status=status,
    )
