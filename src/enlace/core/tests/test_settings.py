"""Settings come from the environment: production is clean under `enlace check --deploy`, and a
bad value stops the platform with a message naming the variable (never a silent default)."""

import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from enlace.env import EnvError, env_bool, env_int, env_list, env_str

PRODUCTION = {
    "ENLACE_DEBUG": "false",
    "ENLACE_HTTPS": "true",
    "ENLACE_ALLOWED_HOSTS": "enlace.example.org",
    "ENLACE_CSRF_TRUSTED_ORIGINS": "https://enlace.example.org",
    "ENLACE_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "ENLACE_EMAIL_HOST": "smtp.example.org",
    "ENLACE_FROM_EMAIL": "Enlace <enlace@example.org>",
}


def _enlace(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The `enlace` command in a clean environment: only what is given here is set."""
    clean = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "ENLACE_DATA_DIR": str(tmp_path)}
    return subprocess.run(  # noqa: S603 (this interpreter, arguments of the tests)
        [sys.executable, "-m", "enlace", *args],
        env={**clean, **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    result = _enlace(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        ENLACE_SECRET_KEY=secrets.token_urlsafe(50),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_secret_key_may_come_from_a_file(tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_text(secrets.token_urlsafe(50) + "\n", encoding="utf-8")
    result = _enlace(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        ENLACE_SECRET_KEY_FILE=str(key_file),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_check_refuses_a_site_without_https_or_a_weak_key(tmp_path: Path) -> None:
    result = _enlace(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **{**PRODUCTION, "ENLACE_HTTPS": "false", "ENLACE_SECRET_KEY": "short"},
    )
    assert result.returncode != 0
    for check in ("security.W008", "security.W009", "security.W012", "security.W016"):
        assert check in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [("ENLACE_HTTPS", "yes please"), ("ENLACE_EMAIL_PORT", "25a")],
)
def test_a_bad_value_stops_the_platform_naming_the_variable(
    tmp_path: Path, name: str, value: str
) -> None:
    result = _enlace(tmp_path, "check", **{**PRODUCTION, name: value})
    assert result.returncode != 0
    assert f"EnvError: {name}={value!r}" in result.stderr


@pytest.mark.parametrize(
    "url",
    ["nonsense://enlace:s3cret-pw@db.example.org/enlace", "postgres://enlace:s3cret-pw@db:port/x"],
)
def test_a_bad_database_url_stops_the_platform_without_showing_the_password(
    tmp_path: Path, url: str
) -> None:
    result = _enlace(tmp_path, "check", DATABASE_URL=url)
    assert result.returncode != 0
    assert "EnvError: DATABASE_URL cannot be used" in result.stderr
    assert "s3cret-pw" not in result.stderr + result.stdout


def test_a_missing_secret_file_stops_the_platform(tmp_path: Path) -> None:
    result = _enlace(tmp_path, "check", ENLACE_SECRET_KEY_FILE=str(tmp_path / "absent"))
    assert result.returncode != 0
    assert "EnvError: ENLACE_SECRET_KEY_FILE=" in result.stderr


def test_env_bool_reads_the_usual_spellings_and_refuses_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for raw, expected in [("true", True), ("Yes", True), ("1", True), ("off", False)]:
        monkeypatch.setenv("ENLACE_TEST_FLAG", raw)
        assert env_bool("ENLACE_TEST_FLAG", default=not expected) is expected
    monkeypatch.setenv("ENLACE_TEST_FLAG", "")
    assert env_bool("ENLACE_TEST_FLAG", default=True) is True
    monkeypatch.delenv("ENLACE_TEST_FLAG")
    assert env_bool("ENLACE_TEST_FLAG", default=False) is False
    monkeypatch.setenv("ENLACE_TEST_FLAG", "ture")
    with pytest.raises(EnvError, match="ENLACE_TEST_FLAG='ture' is not a boolean"):
        env_bool("ENLACE_TEST_FLAG", default=False)


def test_env_int_refuses_what_is_not_a_whole_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENLACE_TEST_NUMBER", "42")
    assert env_int("ENLACE_TEST_NUMBER", 7) == 42
    monkeypatch.delenv("ENLACE_TEST_NUMBER")
    assert env_int("ENLACE_TEST_NUMBER", 7) == 7
    for raw in ("4.5", "ten", "1e3"):
        monkeypatch.setenv("ENLACE_TEST_NUMBER", raw)
        with pytest.raises(EnvError, match="ENLACE_TEST_NUMBER"):
            env_int("ENLACE_TEST_NUMBER", 7)


def test_env_str_prefers_the_file_named_by_name_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "password"
    secret.write_text("from-the-file\n", encoding="utf-8")
    monkeypatch.setenv("ENLACE_TEST_PASSWORD", "from-the-variable")
    assert env_str("ENLACE_TEST_PASSWORD") == "from-the-variable"
    monkeypatch.setenv("ENLACE_TEST_PASSWORD_FILE", str(secret))
    assert env_str("ENLACE_TEST_PASSWORD") == "from-the-file"
    monkeypatch.setenv("ENLACE_TEST_PASSWORD_FILE", str(tmp_path / "absent"))
    with pytest.raises(EnvError, match="ENLACE_TEST_PASSWORD_FILE"):
        env_str("ENLACE_TEST_PASSWORD")


def test_env_list_splits_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENLACE_TEST_HOSTS", " a.example.org, b.example.org ,,")
    assert env_list("ENLACE_TEST_HOSTS", ["x"]) == ["a.example.org", "b.example.org"]
    monkeypatch.setenv("ENLACE_TEST_HOSTS", "  ")
    assert env_list("ENLACE_TEST_HOSTS", ["x"]) == ["x"]


@pytest.fixture
def s3_server() -> Iterator[str]:
    """moto's S3-compatible server on a free local port, with an empty bucket ``enlace``."""
    import boto3
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="enlace",
        aws_secret_access_key="enlace-secret",
    ).create_bucket(Bucket="enlace")
    try:
        yield url
    finally:
        server.stop()


def test_uploaded_files_go_to_the_s3_bucket_when_one_is_set(tmp_path: Path, s3_server: str) -> None:
    import boto3

    script = (
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import default_storage as s\n"
        "name = s.save('documents/acta.txt', ContentFile(b'Acta de Tela'))\n"
        "print(type(s._wrapped).__name__, name, s.open(name).read().decode())\n"
    )
    result = _enlace(
        tmp_path,
        "shell",
        "--no-imports",
        "-c",
        script,
        ENLACE_S3_BUCKET="enlace",
        ENLACE_S3_ENDPOINT_URL=s3_server,
        ENLACE_S3_REGION="us-east-1",
        ENLACE_S3_ACCESS_KEY_ID="enlace",
        ENLACE_S3_SECRET_ACCESS_KEY="enlace-secret",
        ENLACE_S3_PREFIX="media",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.split() == ["S3Storage", "documents/acta.txt", "Acta", "de", "Tela"]
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id="enlace",
        aws_secret_access_key="enlace-secret",
    )
    stored = client.get_object(Bucket="enlace", Key="media/documents/acta.txt")
    assert stored["Body"].read() == b"Acta de Tela"
    grants = client.get_object_acl(Bucket="enlace", Key="media/documents/acta.txt")["Grants"]
    assert all("AllUsers" not in str(g.get("Grantee")) for g in grants)  # not public
    assert not (tmp_path / "media").exists()  # nothing in the local folder


def test_without_a_bucket_uploaded_files_stay_in_the_data_folder(tmp_path: Path) -> None:
    script = (
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import default_storage as s\n"
        "path = s.path(s.save('a.txt', ContentFile(b'x')))\n"
        "print(type(s._wrapped).__name__, path)\n"
    )
    result = _enlace(tmp_path, "shell", "--no-imports", "-c", script)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.split() == ["FileSystemStorage", str(tmp_path / "media" / "a.txt")]
