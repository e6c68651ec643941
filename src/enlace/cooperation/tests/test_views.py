"""The pages as users use them: open a request of a type, follow it, talk in it, attach a file,
register a case and its identifying data, see it with a reason; what the secretariat sees."""

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from enlace.conftest import Net
from enlace.cooperation.forms import RequestForm
from enlace.cooperation.models import (
    CooperationRequest,
    IdentityView,
    ProtectedCase,
    RequestAttachment,
    RequestState,
)
from enlace.cooperation.tests.conftest import DOCUMENT, NAME, png_bytes
from enlace.core.tests.files import HTML_AS_PDF, SVG
from enlace.network.models import Country

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(request: Any) -> None:
    """The pages in English, so that the tests read the English text."""
    for name in request.fixturenames:
        if name.endswith("_client"):
            request.getfixturevalue(name).defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def test_each_type_has_its_own_form(officer_client: Client) -> None:
    chooser = officer_client.get(reverse("cooperation:request_new")).content.decode()
    assert "?type=repatriation" in chooser
    assert "?type=document_verification" in chooser
    repatriation = officer_client.get(reverse("cooperation:request_new") + "?type=repatriation")
    verification = officer_client.get(
        reverse("cooperation:request_new") + "?type=document_verification"
    )
    assert 'name="destination"' in repatriation.content.decode()
    assert 'name="document_kind"' not in repatriation.content.decode()
    assert 'name="document_kind"' in verification.content.decode()
    assert "(10 days)" in verification.content.decode()


def test_the_own_country_is_not_offered_and_is_refused_as_recipient(
    officer_client: Client, net: Net
) -> None:
    url = reverse("cooperation:request_new") + "?type=other"
    form = officer_client.get(url).context["form"]
    assert net.honduras not in form.fields["requested_countries"].queryset
    assert net.mexico in form.fields["requested_countries"].queryset

    response = officer_client.post(
        url,
        {
            "type": "other",
            "requesting_country": net.honduras.pk,
            "requested_countries": [net.honduras.pk],
            "summary": "Please help.",
        },
    )

    assert response.status_code == 400
    assert not CooperationRequest.objects.exists()
    assert "Select a valid choice." in response.content.decode()


def test_a_sender_among_the_recipients_is_refused_by_name(net: Net) -> None:
    countries = Country.objects.filter(pk__in=[net.honduras.pk, net.mexico.pk])
    form = RequestForm(
        {
            "requesting_country": net.honduras.pk,
            "requested_countries": [net.honduras.pk, net.mexico.pk],
            "summary": "Please help.",
        },
        type_="other",
        own_countries=countries,
        countries=countries,
        cases=ProtectedCase.objects.none(),
    )

    assert not form.is_valid()
    assert form.errors["requested_countries"] == [
        "Honduras cannot send a request to itself: choose only other member countries."
    ]


def test_open_a_request_through_the_page(
    officer_client: Client, net: Net, other_officer: Any
) -> None:
    response = officer_client.post(
        reverse("cooperation:request_new"),
        {
            "type": "document_verification",
            "requesting_country": net.honduras.pk,
            "requested_countries": [net.mexico.pk],
            "summary": "Please verify this passport.",
            "document_kind": "passport",
        },
    )
    created = CooperationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cooperation:request", args=[created.pk])
    assert created.details == {"document_kind": "passport", "issuing_authority": ""}
    assert (created.due_on - created.sent_on).days == 10


def test_a_refused_request_keeps_what_was_typed(officer_client: Client, net: Net) -> None:
    response = officer_client.post(
        reverse("cooperation:request_new"),
        {
            "type": "family_tracing",
            "requesting_country": net.honduras.pk,
            "requested_countries": [net.mexico.pk],
            "summary": "Trace the family of the child.",
            "locality": "Tegucigalpa",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Trace the family of the child." in page
    assert "protected case" in page
    assert not CooperationRequest.objects.exists()


def test_follow_a_request_to_completion(
    request_: CooperationRequest, officer_client: Client, other_client: Client
) -> None:
    url = reverse("cooperation:request_transition", args=[request_.pk])
    for action in ("acknowledge", "start", "complete"):
        assert other_client.post(url, {"action": action}).status_code == 302
    assert officer_client.post(url, {"action": "close"}).status_code == 302
    request_.refresh_from_db()
    assert request_.state == RequestState.CLOSED
    page = officer_client.get(reverse("cooperation:request", args=[request_.pk])).content.decode()
    # The history, in the page's language (English here).
    assert "Sent → Acknowledged" in page
    assert "Completed → Closed" in page


def test_declining_without_reason_says_why_and_changes_nothing(
    request_: CooperationRequest, other_client: Client
) -> None:
    response = other_client.post(
        reverse("cooperation:request_transition", args=[request_.pk]), {"action": "decline"}
    )
    assert response.status_code == 400
    assert "Give the reason for declining." in response.content.decode()
    request_.refresh_from_db()
    assert request_.state == RequestState.SENT


def test_declining_asks_first_then_declines_with_the_reason(
    request_: CooperationRequest, other_client: Client
) -> None:
    page = other_client.get(reverse("cooperation:request", args=[request_.pk])).content.decode()
    confirm_url = reverse("cooperation:request_transition_confirm", args=[request_.pk, "decline"])
    assert f'href="{confirm_url}"' in page

    ask = other_client.get(confirm_url)

    text = ask.content.decode()
    assert ask.status_code == 200
    assert request_.reference in text
    assert "This cannot be undone" in text
    assert 'class="button warning"' in text
    request_.refresh_from_db()
    assert request_.state == RequestState.SENT

    other_client.post(
        reverse("cooperation:request_transition", args=[request_.pk]),
        {"action": "decline", "reason": "Outside our competence."},
    )
    request_.refresh_from_db()
    assert (request_.state, request_.decline_reason) == (
        RequestState.DECLINED,
        "Outside our competence.",
    )


def test_declining_without_reason_from_the_confirmation_stays_there(
    request_: CooperationRequest, other_client: Client
) -> None:
    response = other_client.post(
        reverse("cooperation:request_transition", args=[request_.pk]),
        {"action": "decline", "reason": " "},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Give the reason for declining." in text
    assert "Decline the request" in text


@pytest.mark.parametrize(
    ("who", "action", "status"),
    [
        # The requesting country may not decline its own request, nor close it yet.
        ("officer_client", "decline", 403),
        ("third_client", "decline", 404),
        ("third_client", "close", 404),
        ("secretariat_client", "decline", 404),
        ("other_client", "close", 403),
    ],
)
def test_who_may_not_act_cannot_see_the_confirmation(
    request: pytest.FixtureRequest, request_: CooperationRequest, who: str, action: str, status: int
) -> None:
    client = request.getfixturevalue(who)
    url = reverse("cooperation:request_transition_confirm", args=[request_.pk, action])

    assert client.get(url).status_code == status
    posted = client.post(
        reverse("cooperation:request_transition", args=[request_.pk]),
        {"action": action, "reason": "No."},
    )
    assert posted.status_code == status


def test_messages_and_attachments_between_the_parties(
    request_: CooperationRequest, officer_client: Client, other_client: Client
) -> None:
    other_client.post(
        reverse("cooperation:request_message", args=[request_.pk]), {"body": "Escort ready."}
    )
    officer_client.post(
        reverse("cooperation:request_attachment", args=[request_.pk]),
        {"file": SimpleUploadedFile(f"{NAME}.pdf", b"%PDF-1.4 fake", "application/pdf")},
    )
    page = officer_client.get(reverse("cooperation:request", args=[request_.pk])).content.decode()
    assert "Escort ready." in page
    assert NAME not in page  # the file's name is not shown or put in a URL
    attachment = request_.attachments.get()
    download = other_client.get(reverse("cooperation:attachment", args=[attachment.pk]))
    assert download.content == b"%PDF-1.4 fake"
    assert NAME not in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content", "browser_type"),
    [("informe.pdf", HTML_AS_PDF, "application/pdf"), ("mapa.svg", SVG, "image/svg+xml")],
    ids=["html named pdf", "svg"],
)
def test_an_attachment_is_refused_by_its_content(
    request_: CooperationRequest,
    officer_client: Client,
    settings: Any,
    name: str,
    content: bytes,
    browser_type: str,
) -> None:
    response = officer_client.post(
        reverse("cooperation:request_attachment", args=[request_.pk]),
        {"file": SimpleUploadedFile(name, content, browser_type)},
    )
    assert response.status_code == 400
    assert "not one of the accepted kinds" in response.content.decode()
    assert not RequestAttachment.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "cooperation").exists()


def test_an_attachment_keeps_the_type_of_its_content_and_is_only_downloaded(
    request_: CooperationRequest, officer_client: Client, other_client: Client
) -> None:
    officer_client.post(
        reverse("cooperation:request_attachment", args=[request_.pk]),
        {"file": SimpleUploadedFile("foto.pdf", png_bytes(), "text/html")},
    )
    attachment = request_.attachments.get()
    assert attachment.content_type == "image/png"
    download = other_client.get(reverse("cooperation:attachment", args=[attachment.pk]))
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_an_attachment_stored_as_html_before_the_check_is_not_served_as_html(
    request_: CooperationRequest, officer_client: Client, other_client: Client
) -> None:
    officer_client.post(
        reverse("cooperation:request_attachment", args=[request_.pk]),
        {"file": SimpleUploadedFile("nota.txt", b"hola", "text/plain")},
    )
    attachment = request_.attachments.get()
    RequestAttachment.objects.filter(pk=attachment.pk).update(content_type="text/html")
    download = other_client.get(reverse("cooperation:attachment", args=[attachment.pk]))
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment;")


def test_overdue_requests_come_first(
    request_: CooperationRequest, stranger_request: CooperationRequest, other_client: Client
) -> None:
    CooperationRequest.objects.filter(pk=stranger_request.pk).update(
        sent_on="2020-01-01", due_on="2020-01-10"
    )
    page = other_client.get(reverse("cooperation:inbox")).content.decode()
    assert page.index(stranger_request.reference + "<") < page.index(request_.reference + "<")
    assert "Overdue" in page


def test_the_secretariat_sees_metadata_and_reminds(
    request_: CooperationRequest, secretariat_client: Client
) -> None:
    CooperationRequest.objects.filter(pk=request_.pk).update(
        sent_on="2020-01-01", due_on="2020-01-10"
    )
    page = secretariat_client.get(
        reverse("cooperation:request", args=[request_.pk])
    ).content.decode()
    assert "Repatriation of a victim" in page
    assert "Honduras" in page
    assert "Mexico" in page
    for content in ("Safe return", "Cortés", request_.case.code, "Messages"):
        assert content not in page
    assert "Remind the parties" in page
    secretariat_client.post(reverse("cooperation:request_remind", args=[request_.pk]))
    request_.refresh_from_db()
    assert request_.last_reminder_on is not None


def test_register_a_case_and_its_identity(officer_client: Client, net: Net) -> None:
    response = officer_client.post(
        reverse("cooperation:case_new"),
        {
            "age_at_identification": "14",
            "age_band": "12-17",
            "sex": "Masculine",
            "citizenship": net.honduras.pk,
            "exploitation": ["ForcedBegging"],
            "status": "Active",
            "legal_basis": "",
        },
    )
    case = ProtectedCase.objects.get()
    assert response.status_code == 302
    assert case.is_minor
    assert case.owner_country == net.honduras
    assert not case.code.startswith("PC-14")
    response = officer_client.post(
        reverse("cooperation:case_identity_edit", args=[case.code]),
        {
            "given_name": "Zacarías",
            "family_name": "Quintanilla",
            "birth_date": "2012-01-01",
            "documents": DOCUMENT,
            "photo": SimpleUploadedFile("p.png", png_bytes(), "image/png"),
        },
    )
    assert response.status_code == 302
    page = officer_client.get(reverse("cooperation:case", args=[case.code])).content.decode()
    assert "Zacarías" not in page
    assert "Not shown: neither the consent" in page


def test_identity_page_asks_why_then_shows_and_logs(
    case: ProtectedCase,
    request_: CooperationRequest,
    other_client: Client,
    supervisor_client: Client,
) -> None:
    url = reverse("cooperation:case_identity", args=[case.code])
    form = other_client.get(url)
    assert NAME.split()[0] not in form.content.decode()
    refused = other_client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert not IdentityView.objects.exists()
    shown = other_client.post(url, {"reason": "Preparing the return"})
    page = shown.content.decode()
    assert NAME.split()[0] in page
    assert DOCUMENT in page
    assert "data:image/png;base64," in page
    assert "no-store" in shown["Cache-Control"]
    log = supervisor_client.get(reverse("cooperation:identity_log")).content.decode()
    assert "mex_officer" in log
    assert "Preparing the return" in log
    assert case.code in log


def test_exports_are_htcds_and_carry_no_identity(
    case: ProtectedCase, request_: CooperationRequest, other_client: Client
) -> None:
    data = json.loads(
        other_client.get(reverse("cooperation:case_export_json", args=[case.code])).content
    )
    assert data["standard"] == "HTCDS 2.0"
    assert data["enlace"]["case_code"] == case.code
    assert data["fields"]["prs_Gender"] == "Feminine"
    assert data["fields"]["vic_TypeOfExploitation"] == ["SexualExploitation"]
    assert data["enlace"]["is_minor"] is True
    csv_text = other_client.get(
        reverse("cooperation:case_export_csv", args=[case.code])
    ).content.decode()
    assert "prs_Citizenship,HND" in csv_text
    assert f"enlace.case_code,{case.code}" in csv_text
    for text in (json.dumps(data), csv_text):
        assert NAME.split()[0] not in text
        assert DOCUMENT not in text


def test_statistics_are_anonymous_counts(
    request_: CooperationRequest, stranger_request: CooperationRequest, observer_client: Client
) -> None:
    page = observer_client.get(reverse("cooperation:statistics")).content.decode()
    assert "<svg" in page
    assert "<table" in page
    assert "HND" in page
    assert "MEX" in page
    assert "Safe return" not in page
    assert request_.case.code not in page


def test_closed_requests_leave_the_working_inbox(
    request_: CooperationRequest, other_client: Client
) -> None:
    CooperationRequest.objects.filter(pk=request_.pk).update(state="closed")
    inbox = reverse("cooperation:inbox")
    assert request_.reference + "<" not in other_client.get(inbox).content.decode()
    closed = other_client.get(inbox + "?state=closed").content.decode()
    assert request_.reference + "<" in closed
    assert request_.reference + "<" in other_client.get(inbox + "?state=all").content.decode()


def test_only_a_case_supervisor_has_the_identity_log_in_the_menu(
    supervisor_client: Client, officer_client: Client, secretariat_client: Client
) -> None:
    url = reverse("cooperation:identity_log")
    assert f'href="{url}"' in supervisor_client.get("/").content.decode()
    for client in (officer_client, secretariat_client):
        assert f'href="{url}"' not in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_down_never_fails_the_action(
    request_: CooperationRequest, other_client: Client, settings: Any
) -> None:
    """Commits run for real here: the mail's task runs when the request's transaction commits,
    fails, and the message is saved all the same; a later attempt sends the mail once."""
    from django.core import mail
    from django.core.management import call_command

    from enlace.core.models import OutgoingMail
    from enlace.core.tests.mailers import FAILING, LOCMEM

    mail.outbox.clear()  # the mail of the request's creation
    settings.MAILERS = FAILING
    settings.ENLACE_MAIL_RETRY_SECONDS = 0
    response = other_client.post(
        reverse("cooperation:request_message", args=[request_.pk]), {"body": "Escort ready."}
    )
    assert response.status_code == 302
    assert [m.body for m in request_.messages.all()] == ["Escort ready."]
    failed = OutgoingMail.objects.get(sent_at__isnull=True)
    assert (failed.attempts, failed.last_error) == (1, "SMTPException")
    assert mail.outbox == []

    settings.MAILERS = LOCMEM
    call_command("send-pending-mail", "--grace", "0", stdout=io.StringIO())
    call_command("send-pending-mail", "--grace", "0", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].bcc) == {"hnd_officer@example.org", "mex_officer@example.org"}
