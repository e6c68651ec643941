"""Public pages are kept whole in the shared cache, and what they show is always what the
access rules let the public see now: a write that changes it is seen on the next visit."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enlace.accounts.models import User
from enlace.reports import services as report_services
from enlace.reports.models import Report


@pytest.fixture
def published(demo: None) -> Report:
    report = Report.objects.filter(is_published=True).order_by("pk").first()
    assert report is not None
    return report


def _public_report(client: Client, report: Report) -> tuple[int, str]:
    response = client.get(reverse("reports:report", args=[report.pk]))
    return response.status_code, response.content.decode()


def test_a_second_visit_is_answered_from_the_cache(client: Client, published: Report) -> None:
    path = reverse("reports:report", args=[published.pk])
    with CaptureQueriesContext(connection) as first:
        assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as second:
        again = client.get(path)
    assert again.status_code == 200
    assert published.title in again.content.decode()
    # Only the cache's own reads (the version, the page): no query of the platform's tables.
    assert all("enlace_page_cache" in q["sql"] for q in second.captured_queries)
    assert len(second.captured_queries) < len(first.captured_queries)


def test_a_browser_that_has_the_page_gets_a_304(client: Client, published: Report) -> None:
    path = reverse("reports:report", args=[published.pk])
    first = client.get(path)
    assert first["Cache-Control"] == "no-cache"
    assert first["ETag"]
    assert first["Last-Modified"]
    again = client.get(path, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_pages_are_kept_per_language(client: Client, published: Report) -> None:
    spanish = client.get("/", headers={"accept-language": "es"}).content.decode()
    english = client.get("/", headers={"accept-language": "en"}).content.decode()
    french = client.get("/", headers={"accept-language": "fr"}).content.decode()
    assert 'lang="es"' in spanish
    assert 'lang="en"' in english
    assert 'lang="fr"' in french


def test_publish_withdraw_and_edit_are_seen_by_the_public_at_once(
    client: Client, published: Report
) -> None:
    secretariat = User.objects.get(username="secretariat")
    assert _public_report(client, published)[0] == 200

    report_services.report_publish(user=secretariat, report=published, published=False)
    assert _public_report(client, published)[0] == 404
    home = client.get("/").content.decode()
    assert reverse("reports:report", args=[published.pk]) not in home

    published.refresh_from_db()
    report_services.report_publish(user=secretariat, report=published, published=True)
    assert _public_report(client, published)[0] == 200

    published.refresh_from_db()
    report_services.report_revise(
        user=secretariat,
        report=published,
        reason="A typing error in the title",
        changes={"title": "A corrected title, seen by the public at once"},
    )
    status, page = _public_report(client, published)
    assert status == 200
    assert "A corrected title, seen by the public at once" in page


def test_signed_in_pages_and_forms_are_never_kept(client: Client, published: Report) -> None:
    honduras = User.objects.get(username="honduras")
    client.get("/")
    client.force_login(honduras)
    page = client.get("/")
    assert "ETag" not in page
    assert honduras.get_username() in page.content.decode()
    client.logout()
    login = client.get(reverse("account_login"))
    assert "ETag" not in login
    assert "csrfmiddlewaretoken" in login.content.decode()


def test_the_language_chooser_works_on_a_kept_page(client: Client, published: Report) -> None:
    Client().get("/")  # another visitor made the page that is kept
    page = client.get("/", headers={"accept-language": "es"})
    assert "ETag" in page
    chosen = client.post(
        reverse("set_language"),
        {"language": "fr", "next": "/"},
        headers={"sec-fetch-site": "same-origin"},
    )
    assert chosen.status_code == 302
    assert 'lang="fr"' in client.get("/").content.decode()


def test_another_site_cannot_choose_the_language(client: Client, db: None) -> None:
    refused = client.post(
        reverse("set_language"),
        {"language": "fr", "next": "/"},
        headers={"sec-fetch-site": "cross-site"},
    )
    assert refused.status_code == 403


def test_kept_pages_never_push_out_the_sign_in_throttling(
    client: Client, published: Report
) -> None:
    """Pages go to a cache of their own: many distinct addresses fill it, not the default cache
    that counts sign-in failures."""
    caches["default"].set("throttle-probe", 7, timeout=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM enlace_cache")
        (default_before,) = cursor.fetchone()
    for n in range(30):
        assert client.get(f"/search/?q=trata&page={n}").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM enlace_cache")
        (default_after,) = cursor.fetchone()
        cursor.execute("SELECT COUNT(*) FROM enlace_page_cache WHERE cache_key LIKE '%page:%'")
        (pages,) = cursor.fetchone()
    assert default_after == default_before
    assert pages >= 30
    assert caches["default"].get("throttle-probe") == 7
