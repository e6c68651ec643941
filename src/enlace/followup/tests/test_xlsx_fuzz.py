"""Broken and scribbled-on files of activities: a clear refusal or a whole update, never a crash
and never part of a file applied."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from enlace.audit.models import AuditEvent
from enlace.audit.services import snapshot
from enlace.core.tests.mutations import FILE_FUZZ, broken_bytes, scribbled_workbook
from enlace.followup.xlsx import country_upload
from enlace.workplan.models import Activity

HND_FILE = "/workplan/countries/HND/activities.xlsx"


def _state() -> tuple[list[Any], int]:
    return [snapshot(a) for a in Activity.objects.order_by("pk")], AuditEvent.objects.count()


def test_broken_files_are_refused_and_change_nothing(officer_client, officer, net, adopted_version):
    good = officer_client.get(HND_FILE).content

    @given(
        content=st.one_of(broken_bytes(good), scribbled_workbook(good, max_row=8, max_column=11))
    )
    @FILE_FUZZ
    def check(content: bytes) -> None:
        before = _state()
        result = country_upload(officer, net.honduras, content)
        if not result.ok:
            assert result.messages, "a refusal says why"
            assert all(str(m).strip() for m in result.messages)
            assert _state() == before, "a refused file changed something"

    check()
