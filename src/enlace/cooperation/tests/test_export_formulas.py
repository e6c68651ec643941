"""A case's CSV export never carries a user's text as a live formula."""

import csv
import io

from django.test import Client
from django.urls import reverse

from enlace.cooperation.models import CooperationRequest, ProtectedCase, TraffickingEvent

EVIL = '=HYPERLINK("http://evil.example/?a=1","click")'


def test_the_case_csv_neutralises_a_formula_city(
    other_client: Client, case: ProtectedCase, request_: CooperationRequest
) -> None:
    TraffickingEvent.objects.create(
        case=case, kind=TraffickingEvent.Kind.TRANSIT, country=case.owner_country, city=EVIL
    )
    text = other_client.get(reverse("cooperation:case_export_csv", args=[case.code])).content
    cells = [cell for row in csv.reader(io.StringIO(text.decode())) for cell in row]
    assert "'" + EVIL in cells
    assert EVIL not in cells
