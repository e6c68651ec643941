from django.contrib.sitemaps.views import sitemap
from django.urls import path

from enlace.portal import design_views, front_views, views
from enlace.portal.feeds import PublishedFeed
from enlace.portal.sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("", front_views.site_home, name="site_home"),
    path("network/countries/<str:code>/", front_views.country_page, name="country"),
    path("design/", design_views.design_page, name="design"),
    path("public/", views.home, name="home"),
    path("public/reports/", views.reports, name="reports"),
    path("public/recommendations/", views.recommendations, name="recommendations"),
    path("public/feed.atom", PublishedFeed(), name="feed"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
]
