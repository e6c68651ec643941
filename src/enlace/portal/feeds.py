"""The Atom feed of what the network published (enlace.portal.selectors.publications)."""

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from enlace.core.identifiers import tag_uri
from enlace.portal.selectors import Publication, publications


class PublishedFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=900"
        return response

    def title(self) -> str:
        return _("Liaison Officer Network — published")

    def subtitle(self) -> str:
        return _(
            "Reports, Work Plan Archive entries, contributions and answers published by the "
            "network."
        )

    def link(self) -> str:
        return reverse("portal:home")

    def items(self) -> list[Publication]:
        return publications()

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return item.description

    def item_link(self, item: Publication) -> str:
        return item.url

    def feed_guid(self) -> str:
        return tag_uri("feed/published")

    def author_name(self) -> str:
        return _("Technical Secretariat of the Liaison Officer Network")

    def item_guid(self, item: Publication) -> str:
        return tag_uri(item.key)

    def item_guid_is_permalink(self, item: Publication) -> bool:
        return False

    def item_pubdate(self, item: Publication) -> datetime.datetime:
        return item.published

    def item_updateddate(self, item: Publication) -> datetime.datetime:
        return item.published

    def item_categories(self, item: Publication) -> list[str]:
        return [item.category]
