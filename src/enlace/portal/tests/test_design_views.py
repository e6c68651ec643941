"""The design page: the network's members read it, in every language; nobody else does."""

from django.test import Client


def test_members_read_the_design_page_in_each_language(
    officer_client: Client, observer_client: Client, secretariat_client: Client
) -> None:
    for client in (officer_client, observer_client, secretariat_client):
        page = client.get("/design/").content.decode()
        assert '<section class="design-sample" id="lang-fr" lang="fr"' in page
    page = officer_client.get("/design/").content.decode()
    # The refused sample form shows its errors in the language of its part of the page.
    assert "Introduzca una fecha válida." in page
    assert "Enter a valid date." in page
    assert "Saisissez une date valide." in page
    assert 'href="#fr-id_deadline"' not in page  # the ids are the form's own
    assert 'href="#fr-deadline"' in page


def test_a_login_without_a_role_is_refused(outsider_client: Client) -> None:
    assert outsider_client.get("/design/").status_code == 403


def test_the_public_is_sent_to_log_in(client: Client, db: None) -> None:
    response = client.get("/design/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
