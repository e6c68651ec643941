from typing import Any

from django.http import HttpRequest

from enlace import access


def enlace(request: HttpRequest) -> dict[str, Any]:
    """What every page needs: the user's roles (for the menu) and the languages."""
    actor = access.actor_for(getattr(request, "user", None))
    return {"actor": actor}
