"""One settings module for every deployment, driven by environment variables (README.md lists them).

With no variables at all it runs the embedded default: SQLite in the data folder, Celery tasks
in-process (or, under `manage.py serve`, a worker and beat on a filesystem broker in the data
folder), e-mail to the console, files on the local disk.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from clinic.env import envbool, envchoice, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(envstr("CLINIC_DATA_DIR", str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

# DEBUG only when asked for: the embedded default may run a small clinic for real.
DEBUG = envbool("DEBUG", False)
# The embedded default is the one without DATABASE_URL (SQLite in the data folder). It, or DEBUG,
# may generate its own secret key and keys into the data folder; a deployment with a database
# server must configure them, so `check --deploy` there stays meaningful.
EMBEDDED = not envstr("DATABASE_URL")
GENERATE_SECRETS = DEBUG or EMBEDDED
# Transport security defaults to on for a deployment (a database server, DEBUG off). The embedded
# default serves plain HTTP on 127.0.0.1 (`make run`), so it leaves them off unless set: a clinic
# that puts it behind HTTPS sets SECURE_SSL_REDIRECT, SESSION_COOKIE_SECURE and CSRF_COOKIE_SECURE.
_SECURE_DEFAULT = not GENERATE_SECRETS


def _embedded_secret_key() -> str:
    """Generated once into the data folder, readable by its owner only."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(64), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if not GENERATE_SECRETS:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set (or SECRET_KEY_FILE) with DATABASE_URL and DEBUG off."
        )
    SECRET_KEY = _embedded_secret_key()

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if GENERATE_SECRETS else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "guardian",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "clinic",
    "intake",
    "response",
    "cases",
    "documents",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "clinic.middleware.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "clinic.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "clinic.middleware.NoStoreMiddleware",
    "clinic.middleware.BusyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"
ASGI_APPLICATION = "clinic.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.context_processors.navigation",
            ],
        },
    },
]
FORM_RENDERER = "clinic.forms.ClinicFormRenderer"

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
_database_url = envstr("DATABASE_URL")
# How long a write waits for another one's lock before the page answers "busy, try again".
DB_LOCK_TIMEOUT_SECONDS = envint("DB_LOCK_TIMEOUT_SECONDS", 20, minimum=1, maximum=300)
# Seconds a worker keeps its database connection between requests. Opening one costs more than a
# whole list page's queries (SQLite runs its pragmas and registers Django's functions each time).
DB_CONN_MAX_AGE = envint("DB_CONN_MAX_AGE", 60, minimum=0)
if _database_url:
    try:
        DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=DB_CONN_MAX_AGE)}
        if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
            DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
                f"-c lock_timeout={DB_LOCK_TIMEOUT_SECONDS * 1000}"
            )
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL we understand ({exc}).") from exc
else:
    _sqlite_path = DATA_DIR / "clinic.sqlite3"
    # Made readable by its owner only before SQLite first opens it (its -wal and -shm files take
    # the same mode), and tightened if an older run left it wider.
    os.close(os.open(_sqlite_path, os.O_WRONLY | os.O_CREAT, 0o600))
    _sqlite_path.chmod(0o600)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _sqlite_path,
            "CONN_MAX_AGE": DB_CONN_MAX_AGE,
            "OPTIONS": {
                # WAL lets readers carry on while one request writes; IMMEDIATE transactions and a
                # busy timeout make concurrent writers wait their turn instead of failing with
                # "database is locked".
                "timeout": DB_LOCK_TIMEOUT_SECONDS,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "clinic.User"
AUTHENTICATION_BACKENDS = [
    "clinic.lockout.AddressAwareAxesBackend",
    "clinic.backends.ClinicModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock-out: counted per username and address together (AXES_FAILURE_LIMIT), so that one forum's
# shared Wi-Fi does not lock out every volunteer when one of them mistypes; and per address across
# usernames with a higher limit (AXES_ADDRESS_FAILURE_LIMIT), so that one address cannot try a few
# passwords against every account. Axes has one limit for all its parameters, so the per-address
# count is checked by clinic.lockout's backend, over axes's own records.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_ADDRESS_FAILURE_LIMIT = envint("AXES_ADDRESS_FAILURE_LIMIT", 30, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = envint("AXES_PROXY_COUNT", 0, minimum=0)

# Two-factor sign-in (clinic/two_factor.py): attorneys, coordinators and administrators always;
# volunteers too when this is on.
CLINIC_2FA_VOLUNTEERS = envbool("CLINIC_2FA_VOLUNTEERS", False)
OTP_TOTP_ISSUER = envstr("OTP_TOTP_ISSUER", "Clinic")

# Sessions end after 30 idle minutes.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
# Written again at most once a minute while in use (clinic.middleware.IdleSessionMiddleware).
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Transport security: on by default for a deployment (see _SECURE_DEFAULT above).
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", _SECURE_DEFAULT)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", _SECURE_DEFAULT)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", _SECURE_DEFAULT)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000 if _SECURE_DEFAULT else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", _SECURE_DEFAULT)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", _SECURE_DEFAULT)
if envbool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Internationalisation: English and Spanish from the start.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = envstr("TIME_ZONE", "America/Chicago")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"


def _documents_storage() -> dict:
    bucket = envstr("CLINIC_DOCUMENTS_S3_BUCKET")
    if not bucket:
        location = DATA_DIR / "documents"
        location.mkdir(mode=0o700, exist_ok=True)
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": location,
                "base_url": None,
                "file_permissions_mode": 0o600,
                "directory_permissions_mode": 0o700,
            },
        }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": envstr("CLINIC_DOCUMENTS_S3_ENDPOINT_URL") or None,
            "region_name": envstr("CLINIC_DOCUMENTS_S3_REGION") or None,
            "access_key": envstr("CLINIC_DOCUMENTS_S3_ACCESS_KEY_ID") or None,
            "secret_key": envstr("CLINIC_DOCUMENTS_S3_SECRET_ACCESS_KEY") or None,
            "location": envstr("CLINIC_DOCUMENTS_S3_PREFIX", ""),
            # Names are random and never reused; objects stay private and are never linked to.
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
            "addressing_style": envchoice(
                "CLINIC_DOCUMENTS_S3_ADDRESSING", "auto", {"auto", "path", "virtual"}
            ),
        },
    }


# Static files are served by the project itself (no CDN); finders let a fresh checkout serve them
# before collectstatic has run.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Document bodies, always ciphertext (clinic/crypto/stream.py): in the data folder, or in an
    # S3-compatible bucket when CLINIC_DOCUMENTS_S3_BUCKET is set.
    "documents": _documents_storage(),
    # Finished funding reports: in the data folder, never under a public URL (downloads go through
    # a permission-checked, logged view).
    "reports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "reports", "base_url": None, "file_permissions_mode": 0o600},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if GENERATE_SECRETS
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Cache: Redis when configured (shared by every web process), memory otherwise.
_redis_url = envstr("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Celery. Production names a Redis or RabbitMQ broker in CELERY_BROKER_URL. `make run` (manage.py
# serve) sets CELERY_BROKER_URL=filesystem:// for itself and its worker: kombu's filesystem
# transport, queues as files under the data folder, so the embedded default runs a real worker
# and beat with no server. Without any broker (tests, one-off commands) tasks run in-process
# when they are queued, and nothing runs beat.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
if (CELERY_BROKER_URL or "").startswith("filesystem://"):
    _broker_dir = DATA_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
        "control_folder": str(_broker_dir / "control"),
    }
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
CELERY_RESULT_BACKEND = envstr("CELERY_RESULT_BACKEND") or None
CELERY_TASK_IGNORE_RESULT = not CELERY_RESULT_BACKEND
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Periodic jobs are registered by the apps (clinic.registry.register_periodic), which fills beat's
# schedule on the Celery app.
CELERY_BEAT_SCHEDULE: dict = {}

# Largest document accepted, in MiB; uploads are refused by content type and by this size.
CLINIC_DOCUMENT_MAX_MB = envint("CLINIC_DOCUMENT_MAX_MB", 50, minimum=1, maximum=10_240)
# The clinic's name on reports and e-mails.
CLINIC_NAME = envstr("CLINIC_NAME", "Immigrant Legal Defense")
# Funding reports: counts below this are shown as "<N" (with complementary suppression), and the
# default value of a pro bono hour.
CLINIC_REPORT_SMALL_CELL = envint("CLINIC_REPORT_SMALL_CELL", 5, minimum=1, maximum=50)
CLINIC_PRO_BONO_HOURLY_RATE = envint("CLINIC_PRO_BONO_HOURLY_RATE", 200, minimum=0, maximum=5000)

# Hours an attorney has to answer a case offer before it expires and the case returns to the queue.
CLINIC_OFFER_EXPIRY_HOURS = envint("CLINIC_OFFER_EXPIRY_HOURS", 48, minimum=1, maximum=24 * 30)

# Rapid response (response/): hours between reminders to check the locator again while a detained
# person is not yet located; days a response that never became a case keeps its caller's details;
# reports a partner alert network may send per hour through the partner endpoint.
CLINIC_LOCATOR_RECHECK_HOURS = envint("CLINIC_LOCATOR_RECHECK_HOURS", 4, minimum=1, maximum=72)
CLINIC_RESPONSE_CALLER_RETENTION_DAYS = envint(
    "CLINIC_RESPONSE_CALLER_RETENTION_DAYS", 30, minimum=1, maximum=3650
)
CLINIC_PARTNER_REPORTS_PER_HOUR = envint("CLINIC_PARTNER_REPORTS_PER_HOUR", 30, minimum=1, maximum=10_000)

# E-mail: to the console unless configured. Messages never carry personal data.
EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "clinic@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where links in e-mails point (e.g. https://clinic.example.org).
CLINIC_SITE_URL = envstr("CLINIC_SITE_URL", "http://127.0.0.1:8000")

# Encryption keys (clinic/crypto/): a key ring from CLINIC_KEYS, or a key file generated on
# first run in the embedded default.
CLINIC_KEYS = envstr("CLINIC_KEYS")
CLINIC_INDEX_KEY = envstr("CLINIC_INDEX_KEY")
CLINIC_KEY_FILE = Path(envstr("CLINIC_KEY_FILE", str(DATA_DIR / "keys.json")))
# Read once at start-up: test runners switch DEBUG off later, but are still the embedded default.
CLINIC_KEY_FILE_GENERATE = GENERATE_SECRETS

# The access log's MAC key, apart from the encryption keys and never in the database; generated
# into the data folder in the embedded default. The chain's signed head is kept outside the
# database too, so that deleting the newest rows is caught (clinic/access_log.py).
CLINIC_AUDIT_KEY = envstr("CLINIC_AUDIT_KEY")
CLINIC_AUDIT_KEY_PATH = DATA_DIR / "audit_key"
CLINIC_AUDIT_HEAD_FILE = Path(envstr("CLINIC_AUDIT_HEAD_FILE", str(DATA_DIR / "access_log_head.json")))

# Error reports never carry request bodies: they may hold a client's A-number.
DEFAULT_EXCEPTION_REPORTER_FILTER = "clinic.logging.RedactingExceptionReporterFilter"
LOG_LEVEL = envchoice("LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # WeasyPrint logs a progress line for every page of every report it lays out.
        "weasyprint": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
ANONYMOUS_USER_NAME = None
SIMPLE_HISTORY_REVERT_DISABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
