"""The anonymous counts of cooperation requests (``selectors.cooperation_counts``), which the
statistics page and the regional dashboard show: by type, state, pair of countries, overdue and
the days from sending to completion."""

import datetime

from enlace.conftest import Net
from enlace.cooperation import selectors, services
from enlace.cooperation.models import CooperationRequest, RequestState, RequestType


def _request(net: Net, officer: object, sent: datetime.date, took: int | None) -> None:
    made = services.request_create(
        user=officer,
        request_type=RequestType.DOCUMENT_VERIFICATION,
        requesting_country=net.honduras,
        requested_countries=[net.mexico],
        summary="Verificar un pasaporte",
        details={"document_kind": "passport"},
    )
    CooperationRequest.objects.filter(pk=made.pk).update(
        sent_on=sent,
        due_on=sent + datetime.timedelta(days=10),
        state=RequestState.COMPLETED if took is not None else RequestState.IN_PROGRESS,
        completed_on=sent + datetime.timedelta(days=took) if took is not None else None,
    )


def test_time_to_completion_mean_and_median_by_type(net: Net, officer: object) -> None:
    start = datetime.date(2025, 3, 1)
    for took in (2, 4, 4, 10):
        _request(net, officer, start, took)
    _request(net, officer, start, None)  # not completed: not in the times
    counts = selectors.cooperation_counts(today=datetime.date(2025, 4, 1))
    (row,) = counts["time_to_completion"]
    assert row["type"] == RequestType.DOCUMENT_VERIFICATION
    assert row["completed"] == 4
    assert row["mean_days"] == 5.0
    assert row["median_days"] == 4
    assert counts["total"] == 5
    assert counts["overdue"] == 1  # the one still in progress, due on 11 March
    by_state = {r["state"]: r["count"] for r in counts["by_state"]}
    assert by_state[RequestState.COMPLETED] == 4
    assert counts["by_country_pair"] == [{"requesting": "HND", "requested": "MEX", "count": 5}]


def test_an_even_number_of_times_has_the_middle_two_averaged(net: Net, officer: object) -> None:
    start = datetime.date(2025, 3, 1)
    for took in (1, 3, 8, 20):
        _request(net, officer, start, took)
    (row,) = selectors.cooperation_counts()["time_to_completion"]
    assert row["median_days"] == 5.5
    assert row["mean_days"] == 8.0
