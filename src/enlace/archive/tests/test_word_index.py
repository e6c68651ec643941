"""The archive's word index follows every write: archiving, correcting, publishing and
withdrawing, leaving the archive, deleting; and the public never finds what it may not read."""

import datetime
import re

from django.contrib.auth.models import AnonymousUser
from django.test import Client

from enlace.accounts.models import User
from enlace.archive import selectors
from enlace.archive.services import activity_archive, archive_publish, archive_unpublish
from enlace.workplan.models import Activity, WorkPlanVersion

ARCHIVE = "/workplan/archive/"


def activity(version: WorkPlanVersion, code: str) -> Activity:
    return Activity.objects.get(version=version, title_es__startswith=code + " ")


def found(client: Client, q: str) -> set[str]:
    response = client.get(ARCHIVE, {"q": q})
    assert response.status_code == 200
    return {a.title_es.split()[0] for a in response.context["page"].object_list}


def test_an_activity_archived_through_the_service_is_found_by_its_results(
    officer_client: Client, secretariat: User, adopted_version: WorkPlanVersion
) -> None:
    done = activity(adopted_version, "3.1.2")  # completed, not yet archived
    assert found(officer_client, "Zacapa") == set()
    activity_archive(
        secretariat,
        done,
        completed_on=datetime.date(2024, 2, 1),
        results="Talleres regionales en Zacapa",
        published=True,
    )
    assert found(officer_client, "zacapa") == {"3.1.2"}
    # A query word finds the words it begins: "taller" finds "Talleres".
    assert found(officer_client, "taller regional zacapa") == {"3.1.2"}
    assert found(officer_client, "allere") == set()  # not the middle of a word


def test_a_corrected_archive_record_is_found_by_its_new_words_only(
    officer_client: Client, secretariat: User, adopted_version: WorkPlanVersion
) -> None:
    done = activity(adopted_version, "3.1.2")
    activity_archive(secretariat, done, completed_on=datetime.date(2024, 2, 1),
                     results="Talleres en Zacapa", published=True)  # fmt: skip
    done.refresh_from_db()
    activity_archive(secretariat, done, completed_on=datetime.date(2024, 2, 1),
                     results="Guía de Cobán", published=True)  # fmt: skip
    assert found(officer_client, "Zacapa") == set()
    assert found(officer_client, "coban") == {"3.1.2"}


def test_a_withdrawn_entry_is_no_longer_found_by_the_public(
    client: Client,
    officer_client: Client,
    secretariat: User,
    adopted_version: WorkPlanVersion,
) -> None:
    entry = activity(adopted_version, "1.1.1")
    words = entry.title_es.split()[1]
    assert "1.1.1" in found(client, words)
    archive_unpublish(secretariat, entry)
    assert "1.1.1" not in found(client, words)
    assert "1.1.1" in found(officer_client, words)  # the network still reads it
    archive_publish(secretariat, Activity.objects.get(pk=entry.pk))
    assert "1.1.1" in found(client, words)


def test_an_entry_leaving_the_archive_or_deleted_is_not_found(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    entry = activity(adopted_version, "1.1.1")
    words = entry.title_es.split()[1]
    assert "1.1.1" in found(officer_client, words)
    Activity.objects.filter(pk=entry.pk).update(archived_on=None)
    assert "1.1.1" not in found(officer_client, words)
    Activity.objects.filter(pk=entry.pk).update(archived_on=datetime.date(2024, 1, 1))
    assert "1.1.1" in found(officer_client, words)
    other = activity(adopted_version, "4.2.1")
    other_word = "pathway"
    assert "4.2.1" in found(officer_client, other_word)
    other.delete()
    assert "4.2.1" not in found(officer_client, other_word)


def test_only_archived_activities_are_in_the_index(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    open_activity = activity(adopted_version, "1.1.2")  # not in the archive
    Activity.objects.filter(pk=open_activity.pk).update(title_es="1.1.2 Huehuetenango")
    assert found(officer_client, "Huehuetenango") == set()
    assert not selectors.archive_search(
        AnonymousUser(), selectors.ArchiveFilters(q="Huehuetenango")
    ).exists()


def _years(client: Client) -> list[str]:
    """The years offered by the page's year filter, as a visitor reads them (a public page may
    come whole from the cache, without a template context)."""
    response = client.get(ARCHIVE)
    assert response.status_code == 200
    select = re.search(
        r'<select id="f-year" name="year">(.*?)</select>', response.content.decode(), re.S
    )
    assert select is not None
    return list(re.findall(r'<option value="(\d{4})"', select.group(1)))


def test_the_kept_filter_choices_follow_the_archive_and_its_audience(
    client: Client,
    officer_client: Client,
    secretariat: User,
    adopted_version: WorkPlanVersion,
) -> None:
    # The choices are kept per audience (network, public) until the next recorded write.
    before_network, before_public = _years(officer_client), _years(client)
    activity_archive(
        secretariat,
        activity(adopted_version, "3.1.2"),
        completed_on=datetime.date(1999, 2, 1),
        results="Not published yet",
        published=False,
    )
    assert "1999" in _years(officer_client)
    assert "1999" not in before_network
    assert "1999" not in _years(client)  # the public never sees an unpublished entry's year
    assert _years(client) == before_public


def test_the_list_says_which_entries_objectives_are_all_in_the_archive(
    officer_client: Client, adopted_version: WorkPlanVersion, uncached_pages: None
) -> None:
    entry = activity(adopted_version, "1.1.1")
    siblings = Activity.objects.filter(objective_id=entry.objective_id)
    assert siblings.filter(archived_on__isnull=True).exists()  # the fixture's objective is open

    def marked() -> bool:
        response = officer_client.get(ARCHIVE, {"q": entry.title_es.split()[1]})
        row = re.search(
            r"<tr>(?:(?!</tr>).)*1\.1\.1 (?:(?!</tr>).)*</tr>", response.content.decode(), re.S
        )
        assert row is not None
        return "objective completed" in row.group(0) or "objetivo cumplido" in row.group(0)

    assert not marked()
    siblings.filter(archived_on__isnull=True).update(
        archived_on=datetime.date(2024, 3, 1), completed_on=datetime.date(2024, 3, 1)
    )
    assert marked()
