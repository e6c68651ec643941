"""Settings of the platform. Every value comes from the environment (see docs/deployment.md)."""

import os
import re
import secrets
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from enlace.env import EnvError, env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("ENLACE_DATA_DIR", str(Path.cwd() / "var"))).resolve()
TESTING = "pytest" in sys.modules

DEBUG = env_bool("ENLACE_DEBUG", default=False)


def _secret_key() -> str:
    """The key from the environment; otherwise one generated once and kept in the data folder."""
    key = env_str("ENLACE_SECRET_KEY")
    if key:
        return key
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ENLACE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("ENLACE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_htmx",
    "enlace.core",
    "enlace.accounts",
    "enlace.audit",
    "enlace.network",
    "enlace.meetings",
    "enlace.reports",
    "enlace.commitments",
    "enlace.imports",
    "enlace.search",
    "enlace.workplan",
    "enlace.followup",
    "enlace.archive",
    "enlace.cooperation",
    "enlace.contributions",
    "enlace.portal",
    "enlace.countryreports",
    "django_tasks_db",
    "enlace.api",
    "enlace.demo",
    # Sign-in, second factors and the list of one's sessions. After the platform's apps, so
    # that the platform's templates (enlace/accounts/templates/allauth/…) take precedence.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
]

MIDDLEWARE = [
    "enlace.core.logs.RequestIdMiddleware",
    # Outermost but for the request id: it compresses what every other layer wrote.
    "enlace.core.middleware.CompressionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "enlace.core.middleware.NoStoreMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the locale: its refusal is in the visitor's language.
    "enlace.core.middleware.RefuseNulMiddleware",
    # After the locale (pages are kept per language), before everything a kept public page
    # does not need (see enlace/core/pagecache.py).
    "enlace.core.pagecache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "enlace.accounts.second_factor.SecondFactorMiddleware",
    "enlace.accounts.middleware.ApiTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "enlace.urls"
WSGI_APPLICATION = "enlace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "enlace.accounts.context_processors.enlace",
            ],
        },
    },
]

try:
    DATABASES = {
        "default": dj_database_url.parse(
            env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'enlace.sqlite3'}"),
            conn_max_age=env_int("ENLACE_DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
except ValueError as exc:
    raise EnvError(f"DATABASE_URL cannot be used: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    _sqlite_file = Path(str(DATABASES["default"]["NAME"]))
    if str(_sqlite_file) != ":memory:" and not _sqlite_file.exists() and not TESTING:
        # The database holds encrypted identities and everything else: its owner alone reads
        # it (SQLite gives its journal files the same mode).
        _sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(_sqlite_file, os.O_CREAT | os.O_WRONLY, 0o600))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:site_home"
LOGOUT_REDIRECT_URL = "portal:site_home"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]

# Sign-in (django-allauth). Accounts are made by the secretariat, never by sign-up; people sign
# in with their username. Every account that can read a protected case, its identity log or the
# audit log must use a second factor (enlace.accounts.second_factor).
ACCOUNT_ADAPTER = "enlace.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = False
# A reset asked for an unknown address sends nothing (and answers the same as for a known one).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
# Failed sign-ins: after 10 failures in 15 minutes an account is refused for 15 minutes, even
# with the right password; an address (a government office may share one) after 50.
# Password-reset mails: 3 an hour to one address, 10 an hour from one client address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "50/15m/ip,10/15m/key",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Enlace"
MFA_TOTP_TOLERANCE = 1
# WebAuthn needs a secure origin; http://127.0.0.1 is one to browsers, and the demo runs there.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not env_bool("ENLACE_HTTPS", default=False)
# Sessions are listed from their sign-in; their activity is not written on every request.
USERSESSIONS_TRACK_ACTIVITY = False
# Sessions of accounts that need a second factor end after this many seconds without activity.
ENLACE_IDLE_SESSION_SECONDS = env_int("ENLACE_IDLE_SESSION_SECONDS", 30 * 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English")), ("fr", _("French"))]
LANGUAGE_COOKIE_NAME = "enlace_language"
LANGUAGE_COOKIE_SECURE = env_bool("ENLACE_HTTPS", default=False)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("ENLACE_TIME_ZONE", "America/Costa_Rica")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env_str("ENLACE_STATIC_ROOT") or None
# Without collected static files (the demo, the tests) WhiteNoise serves them from the apps.
WHITENOISE_USE_FINDERS = STATIC_ROOT is None
MEDIA_ROOT = env_str("ENLACE_MEDIA_ROOT", str(DATA_DIR / "media"))
MEDIA_URL = "/media/"
# Uploaded files: the folder MEDIA_ROOT, or, with ENLACE_S3_BUCKET, a bucket of S3-compatible
# object storage (AWS S3, MinIO, Ceph, …) shared by every web process. Files stay private: the
# platform streams them after its access checks, never through a public bucket address.
_S3_BUCKET = env_str("ENLACE_S3_BUCKET")
_DEFAULT_STORAGE: dict[str, object] = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _S3_BUCKET,
            "endpoint_url": env_str("ENLACE_S3_ENDPOINT_URL") or None,
            "region_name": env_str("ENLACE_S3_REGION") or None,
            "access_key": env_str("ENLACE_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("ENLACE_S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("ENLACE_S3_PREFIX"),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
    if _S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_ROOT
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# The cache holds sign-in throttling and used one-time codes, so every web process must share it:
# the database by default (the table is made by `enlace migrate`), Redis with ENLACE_CACHE_URL
# (redis://host:6379/0) in production.
_CACHE_URL = env_str("ENLACE_CACHE_URL")
# The public pages' cache: another Redis database or server (ENLACE_PAGE_CACHE_URL) lets it
# evict pages under memory pressure while the default one never evicts.
_PAGE_CACHE_URL = env_str("ENLACE_PAGE_CACHE_URL") or _CACHE_URL
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
        if _CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "enlace_cache",
        }
    ),
    # Whole public pages (enlace/core/pagecache.py), apart: a visitor who asks for many distinct
    # addresses fills this cache, never the one that holds the sign-in throttling.
    "pages": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _PAGE_CACHE_URL,
            "KEY_PREFIX": "pages",
        }
        if _PAGE_CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "enlace_page_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
}

# ENLACE_PAGE_CACHE=false makes every public page anew.
ENLACE_PAGE_CACHE = env_bool("ENLACE_PAGE_CACHE", default=True)

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ENLACE_MAX_DOCUMENT_BYTES = env_int("ENLACE_MAX_DOCUMENT_BYTES", 20 * 1024 * 1024)
# Imported reports (enlace.imports): a text with more points and sub-points than this is refused
# before it is parsed further (a small .docx can hold tens of thousands of list items).
ENLACE_MAX_REPORT_POINTS = env_int("ENLACE_MAX_REPORT_POINTS", 5000)
# An uploaded Office file (a zip) that would unzip to more is refused before it is read.
ENLACE_MAX_UNZIPPED_BYTES = env_int("ENLACE_MAX_UNZIPPED_BYTES", 100 * 1024 * 1024)

_EMAIL_BACKEND = env_str("ENLACE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
_SMTP = _EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
# A backend that writes mails to files (django.core.mail.backends.filebased.EmailBackend, a
# staging server's) writes them into this folder.
_EMAIL_FILE_PATH = env_str("ENLACE_EMAIL_FILE_PATH")
_MAILER_OPTIONS: dict[str, object] = (
    {
        "host": env_str("ENLACE_EMAIL_HOST", "localhost"),
        "port": env_int("ENLACE_EMAIL_PORT", 25),
        "username": env_str("ENLACE_EMAIL_USER"),
        "password": env_str("ENLACE_EMAIL_PASSWORD"),
        "use_tls": env_bool("ENLACE_EMAIL_USE_TLS", default=False),
        # A mail is sent while its row (on SQLite, the database) is locked: never wait long.
        "timeout": env_int("ENLACE_EMAIL_TIMEOUT", 15),
    }
    if _SMTP
    else {"file_path": _EMAIL_FILE_PATH}
    if _EMAIL_FILE_PATH
    else {}
)
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _MAILER_OPTIONS}}
DEFAULT_FROM_EMAIL = env_str("ENLACE_FROM_EMAIL", "Enlace <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Outgoing mail (enlace.core.mail) is sent by `enlace db_worker`, never in a request. A failed
# attempt is tried again after ENLACE_MAIL_RETRY_SECONDS, then twice as long each time, at most
# ENLACE_MAIL_MAX_ATTEMPTS times in all.
ENLACE_MAIL_MAX_ATTEMPTS = env_int("ENLACE_MAIL_MAX_ATTEMPTS", 8)
ENLACE_MAIL_RETRY_SECONDS = env_int("ENLACE_MAIL_RETRY_SECONDS", 60)
# Sent (or given-up) mails are deleted this many days later: they hold addresses.
ENLACE_MAIL_KEEP_DAYS = env_int("ENLACE_MAIL_KEEP_DAYS", 30)

# Security. Production sets ENLACE_HTTPS=true behind TLS; `enlace check --deploy` is then clean.
HTTPS = env_bool("ENLACE_HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("ENLACE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("ENLACE_HSTS_PRELOAD", default=False)
# Preloading binds the whole registrable domain to HTTPS for good: the operator opts in with
# ENLACE_HSTS_PRELOAD=true, and otherwise `check --deploy` does not nag about it (W021).
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if env_bool("ENLACE_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The client address (sign-in throttling) is the one the proxy saw, not the proxy's own.
    ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ENLACE_TRUSTED_PROXY_COUNT", 1)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy (Django's own): scripts, styles, fonts and frames from the platform
# alone; no inline script or style. Images may be data: URLs (the photo of a case is shown
# inline after its access check; the authenticator app's QR code).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("ENLACE_SESSION_SECONDS", 8 * 3600)
X_FRAME_OPTIONS = "DENY"

# Logs: one JSON object a line with the request's id (enlace.core.logs); ENLACE_LOG_FORMAT=plain
# for one readable line each, as in development.
_LOG_FORMAT = env_str("ENLACE_LOG_FORMAT", "json")
if _LOG_FORMAT not in ("json", "plain"):
    raise EnvError("ENLACE_LOG_FORMAT must be json or plain.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "enlace.core.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "enlace.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": _LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("ENLACE_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request bodies and query strings are never logged: they may hold personal data.
        "django.request": {"level": "ERROR"},
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every step of every PDF at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

NINJA_PAGINATION_PER_PAGE = 50

# Background work (deadline reminders) through Django's tasks framework, stored in the database
# and run by `enlace db_worker`. Tests run tasks immediately.
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else env_str("ENLACE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
        ),
        "QUEUES": ["default"],
    }
}

# Deadline reminders of the work plan (enlace.followup.tasks, `enlace workplan_reminders`): how
# many days before an activity's deadline its officers are reminded, and the site's address the
# links in e-mails point to.
ENLACE_REMINDER_DAYS_BEFORE = env_int("ENLACE_REMINDER_DAYS_BEFORE", 14)
# Country reports (enlace.countryreports): the legislation matrix reminds countries whose
# entries were last confirmed more than this many days ago.
ENLACE_LEGISLATION_STALE_DAYS = env_int("ENLACE_LEGISLATION_STALE_DAYS", 365)
ENLACE_BASE_URL = env_str("ENLACE_BASE_URL", "http://localhost:8000").rstrip("/")
# The platform's own names for its things in feeds and calendars (RFC 4151 tag URIs: Atom entry
# ids, iCalendar UIDs): a domain the operator held on a date, never the host a visitor happened
# to use, and never changed once feeds are read (a change makes every entry new to readers).
ENLACE_TAG_AUTHORITY = env_str("ENLACE_TAG_AUTHORITY", urlsplit(ENLACE_BASE_URL).hostname or "")
ENLACE_TAG_DATE = env_str("ENLACE_TAG_DATE", "2026")
if not re.fullmatch(r"[a-z0-9.-]+|[^@\s]+@[a-z0-9.-]+", ENLACE_TAG_AUTHORITY, re.I):
    raise EnvError("ENLACE_TAG_AUTHORITY must be a domain name or an e-mail address")
if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", ENLACE_TAG_DATE):
    raise EnvError("ENLACE_TAG_DATE must be a date: YYYY, YYYY-MM or YYYY-MM-DD")

# Protected victim cases (enlace.cooperation): the Fernet keys that encrypt identifying data,
# comma-separated, the first encrypts and all decrypt (rotation: put the new key first, then run
# `enlace rotate-case-keys`); may come from ENLACE_CASE_KEYS_FILE. Without a key, the file
# `case-keys` in the data folder is used if it exists (`enlace demo` creates it). Tests use a
# fixed key. Identifying data is erased ENLACE_CASE_RETENTION_DAYS after a case is closed.
ENLACE_CASE_KEYS = [
    key.strip() for key in env_str("ENLACE_CASE_KEYS").split(",") if key.strip()
] or (["2mXGvUYm3a6Yx0mWvY2b5nJ8o0bZ2Q3y2m1kqk4mS1E="] if TESTING else [])
ENLACE_CASE_KEY_FILE = DATA_DIR / "case-keys"
ENLACE_CASE_RETENTION_DAYS = env_int("ENLACE_CASE_RETENTION_DAYS", 730)
