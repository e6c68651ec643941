"""A file the database stops naming is removed once the transaction commits, never before."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction

from enlace.core.services import delete_file_on_commit


@pytest.fixture
def storage(tmp_path):
    return FileSystemStorage(location=str(tmp_path))


def test_the_file_goes_when_the_transaction_commits(
    storage, db, django_capture_on_commit_callbacks
):
    name = storage.save("evidence.pdf", ContentFile(b"%PDF-1.4"))
    with django_capture_on_commit_callbacks(execute=True):
        delete_file_on_commit(storage, name)
        assert storage.exists(name)  # still there while the transaction may roll back
    assert not storage.exists(name)


def test_a_rolled_back_transaction_keeps_the_file(storage, transactional_db):
    name = storage.save("evidence.pdf", ContentFile(b"%PDF-1.4"))

    def failing_write() -> None:
        with transaction.atomic():
            delete_file_on_commit(storage, name)
            raise RuntimeError("the write failed")

    with pytest.raises(RuntimeError):
        failing_write()
    assert storage.exists(name)


def test_no_name_deletes_nothing(storage, db, django_capture_on_commit_callbacks):
    kept = storage.save("other.pdf", ContentFile(b"%PDF-1.4"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        delete_file_on_commit(storage, "")
        delete_file_on_commit(storage, None)
    assert callbacks == []
    assert storage.exists(kept)
