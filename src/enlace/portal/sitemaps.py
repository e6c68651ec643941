"""/sitemap.xml: every public page, for search engines. Items come from the portal's selectors,
so nothing that is not public is listed."""

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from enlace.portal import selectors

STATIC_PAGES = [
    "portal:home",
    "portal:reports",
    "portal:recommendations",
    "network:overview",
    "meetings:list",
    "workplan:index",
    "workplan:archive",
    "contributions:list",
    "contributions:mechanisms",
    "countryreports:public_statistics",
]


class StaticSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "weekly"
    priority = 0.8

    def items(self) -> list[str]:
        return STATIC_PAGES

    def location(self, item: str) -> str:
        return reverse(item)


class _ObjectSitemap(Sitemap):  # type: ignore[type-arg]
    route = ""

    def location(self, item: Any) -> str:
        return reverse(self.route, args=[item.pk])


class CountrySitemap(Sitemap):  # type: ignore[type-arg]
    def items(self) -> list[Any]:
        who = selectors.who_is_who()
        return [*who["members"], *who["observers"]]

    def location(self, item: Any) -> str:
        return reverse("portal:country", args=[item.code])


class MeetingSitemap(_ObjectSitemap):
    route = "meetings:detail"

    def items(self) -> Any:
        return selectors.public_meetings()

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class ReportSitemap(_ObjectSitemap):
    route = "reports:report"

    def items(self) -> Any:
        return selectors.published_reports()

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class VersionSitemap(_ObjectSitemap):
    route = "workplan:version"

    def items(self) -> Any:
        return selectors.public_versions()


class ArchiveSitemap(_ObjectSitemap):
    route = "workplan:archive_entry"

    def items(self) -> Any:
        return selectors.published_archive()


class ContributionSitemap(_ObjectSitemap):
    route = "contributions:detail"

    def items(self) -> Any:
        return selectors.public_contributions()

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class RecommendationSitemap(_ObjectSitemap):
    route = "contributions:recommendation"

    def items(self) -> Any:
        return selectors.public_recommendations()


class MechanismSitemap(_ObjectSitemap):
    route = "contributions:mechanism"

    def items(self) -> Any:
        return selectors.public_mechanisms()


SITEMAPS: dict[str, Any] = {
    "pages": StaticSitemap,
    "countries": CountrySitemap,
    "meetings": MeetingSitemap,
    "reports": ReportSitemap,
    "workplan": VersionSitemap,
    "archive": ArchiveSitemap,
    "contributions": ContributionSitemap,
    "recommendations": RecommendationSitemap,
    "mechanisms": MechanismSitemap,
}
