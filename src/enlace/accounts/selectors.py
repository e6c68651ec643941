from django.db.models import QuerySet
from django.http import Http404

from enlace import access
from enlace.accounts.models import ApiToken


def api_tokens_of(user: access.Who) -> QuerySet[ApiToken]:
    """A user's own tokens; nobody sees another's."""
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=access.account(user))


def api_token_of(user: access.Who, pk: int) -> ApiToken:
    """One of the user's own tokens (404 for another's)."""
    token = api_tokens_of(user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token
