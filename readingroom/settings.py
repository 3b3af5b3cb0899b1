"""Settings, read from the environment.

READINGROOM_DATA_DIR (default ./archive-data) holds the SQLite database, the search index and
media. DATABASE_URL switches to PostgreSQL. Everything else has a safe default.
"""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("READINGROOM_DATA_DIR", "archive-data")).resolve()


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The key from the environment, or one generated once and kept in the data directory."""
    if os.environ.get("READINGROOM_SECRET_KEY"):
        return os.environ["READINGROOM_SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
DEBUG = _env_bool("READINGROOM_DEBUG")
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get(
        "READINGROOM_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver"
    ).split(",")
    if host.strip()
]
ARCHIVE_NAME = os.environ.get("READINGROOM_ARCHIVE_NAME", "Reading Room Digital Archive")
SITE_URL = os.environ.get("READINGROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "readingroom.catalogue",
    "readingroom.editorial",
    "readingroom.search",
    "readingroom.importers",
    "readingroom.operations",
    "readingroom.web",
    "readingroom.api",
    "readingroom.protocols",
    "readingroom.desk",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "readingroom.editorial.embargo.EmbargoReleaseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "readingroom.urls"
WSGI_APPLICATION = "readingroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "readingroom.web.context.archive",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "readingroom.sqlite3"),
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock
                # at BEGIN so two writers queue instead of failing half-way.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
SEARCH_INDEX_DIR = Path(os.environ.get("READINGROOM_INDEX_DIR", DATA_DIR / "index"))
SEARCH_BACKEND = os.environ.get("READINGROOM_SEARCH_BACKEND", "tantivy")
# Apply the search outbox right after each commit that writes to it (so an editor sees a change
# on the next request); off when a separate `readingroom indexer --loop` does all indexing.
SEARCH_APPLY_ON_COMMIT = _env_bool("READINGROOM_SEARCH_APPLY_ON_COMMIT", True)

STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Scans in S3-compatible object storage (AWS, MinIO, Ceph...) through django-storages, when a
# bucket is named; files stay private and are served only through the document's pages.
if os.environ.get("READINGROOM_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["READINGROOM_S3_BUCKET"],
            "endpoint_url": os.environ.get("READINGROOM_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("READINGROOM_S3_REGION") or None,
            "access_key": os.environ.get("READINGROOM_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("READINGROOM_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("READINGROOM_S3_PREFIX", ""),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = True

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("READINGROOM_LOG_LEVEL", "WARNING")},
}

# Security (docs/operators.md, "Security settings") -------------------------------------------

# Staff logins: Django's default password hasher (PBKDF2); django-axes counts failures per
# username and address in the database, so every web process sees the same count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("READINGROOM_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("READINGROOM_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "editorial/locked_out.html"
AXES_VERBOSE = False

# HTTPS: READINGROOM_HTTPS=1 when the site is served over HTTPS (directly, or behind a proxy
# that says so in X-Forwarded-Proto: then also READINGROOM_PROXY_SSL_HEADER=1).
HTTPS = _env_bool("READINGROOM_HTTPS") or _env_bool("READINGROOM_PROXY_SSL_HEADER")
if _env_bool("READINGROOM_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("READINGROOM_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("READINGROOM_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("READINGROOM_HSTS_SUBDOMAINS")
    CSRF_TRUSTED_ORIGINS = [SITE_URL] if SITE_URL.startswith("https://") else []
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): no inline script anywhere; scripts, styles, images and
# fonts from this site only (the admin included).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Uploads (scans in the admin): checked by content in readingroom.desk.uploads; stored in
# MEDIA_ROOT inside the data directory, never executable.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
READINGROOM_MAX_UPLOAD_BYTES = int(os.environ.get("READINGROOM_MAX_UPLOAD_MB", "512")) * 2**20
