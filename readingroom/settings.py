"""Settings, read from the environment: every variable the archive reads is read here, by
`_env` (or `_env_bool`, which uses it), and documented in the README's configuration table or in
docs/operators.md (tests/test_docs.py holds both to this).

READINGROOM_DATA_DIR (default ./archive-data) holds the SQLite database, the search index and
media. DATABASE_URL switches to PostgreSQL. Everything else has a safe default.
"""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url


def _env(name: str, default: str = "") -> str:
    """The variable's value, or `default` when it is unset or empty."""
    return os.environ.get(name) or default


def _env_bool(name: str, default: bool = False) -> bool:
    value = _env(name)
    return value.strip().lower() in {"1", "true", "yes", "on"} if value else default


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(_env("READINGROOM_DATA_DIR", "archive-data")).resolve()
_given_secret_key = _env("READINGROOM_SECRET_KEY")
# Without a key in the environment, one is generated into the data directory (and then backup
# and restore carry it).
SECRET_KEY_FROM_ENVIRONMENT = bool(_given_secret_key)


def _secret_key() -> str:
    """The key from the environment, or one generated once and kept in the data directory."""
    if _given_secret_key:
        return _given_secret_key
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
    for host in _env("READINGROOM_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
    if host.strip()
]
ARCHIVE_NAME = _env("READINGROOM_ARCHIVE_NAME", "Reading Room Digital Archive")
SITE_URL = _env("READINGROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The open interfaces (readingroom.protocols.conf): OAI-PMH's Identify, and one client's limit
# on the API and the other machine interfaces.
OAI_ADMIN_EMAIL = _env("READINGROOM_ADMIN_EMAIL", "archivist@example.org")
OAI_REPOSITORY_ID = _env("READINGROOM_OAI_REPOSITORY_ID")  # empty: the host of SITE_URL
OAI_PAGE_SIZE = int(_env("READINGROOM_OAI_PAGE_SIZE", "100"))
API_RATE_REQUESTS = int(_env("READINGROOM_API_RATE_REQUESTS", "120"))
API_RATE_SECONDS = int(_env("READINGROOM_API_RATE_SECONDS", "60"))
IMAGE_CUT_REQUESTS = int(_env("READINGROOM_IMAGE_CUT_REQUESTS", "300"))
# Where rate limits are counted: each process's memory, or the database for every process and
# node alike (readingroom.protocols.throttle).
RATE_LIMITS = _env("READINGROOM_RATE_LIMITS", "memory")
if RATE_LIMITS not in ("memory", "database"):
    raise ValueError(f"READINGROOM_RATE_LIMITS is {RATE_LIMITS!r}: use 'memory' or 'database'")
# The bulk data at /data/ is rebuilt (by `dump --loop`, which `serve` starts) when the public
# archive changed and the files are at least this many seconds old.
DUMP_SECONDS = int(_env("READINGROOM_DUMP_SECONDS", "600"))
# Files imported from the admin (larger ones go through `readingroom import`).
ADMIN_IMPORT_MAX_BYTES = int(_env("READINGROOM_ADMIN_IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))
# Records an editor's merge, bulk change or import from the admin may touch and still be done
# while they wait; more make a background job (`jobs --loop`, which `serve` starts). 0: every
# such change in the background.
JOBS_AT_ONCE = int(_env("READINGROOM_JOBS_AT_ONCE", "1000"))
# Documents a result export (/search/export.csv and the others) holds at most: a larger result
# set is refused with a pointer to the bulk data, so no export holds a worker for long.
EXPORT_LIMIT = int(_env("READINGROOM_EXPORT_LIMIT", "5000"))
# Seconds the server keeps a public answer at most (readingroom.protocols.page_cache; it is left
# behind sooner, at the index's next commit); 0 keeps none.
PAGE_CACHE_SECONDS = int(_env("READINGROOM_PAGE_CACHE_SECONDS", "300"))
# Seconds a request may wait for a server thread before it is turned away with 503 and
# Retry-After (readingroom.operations.queueing); 0: it waits however long.
QUEUE_SECONDS = float(_env("READINGROOM_QUEUE_SECONDS", "1"))

# `readingroom serve` defaults (empty: operations.server's) and the PostgreSQL client tools that
# backup and restore run (empty: the newest Debian cluster's, or PATH).
SERVE_BIND = _env("READINGROOM_BIND")
SERVE_WORKERS = _env("READINGROOM_WORKERS")
PG_BINDIR = _env("READINGROOM_PG_BINDIR")

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

# "default" counts rate limits; "pages" holds public answers (readingroom.protocols.page_cache).
# Both in each server process's memory.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An ETag from each page's content, and 304 to a reader or cache that already holds it.
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "readingroom.operations.queueing.QueueLimitMiddleware",  # 503 after waiting too long
    "readingroom.protocols.request_limits.QueryLengthMiddleware",  # 414 for over-long addresses
    "readingroom.editorial.embargo.EmbargoReleaseMiddleware",
    # readers' pages read from DATABASE_REPLICA_URL, when there is one (after all that writes)
    "readingroom.operations.replicas.ReplicaReadsMiddleware",
    "readingroom.search.unavailable.SearchUnavailableMiddleware",  # 503 without an index
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
        # the admin's base_site.html with the desk's stylesheet (before the admin's own)
        "DIRS": [BASE_DIR / "desk" / "site_templates"],
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

if _env("DATABASE_URL"):
    # Persistent connections, checked before each request reuses one (a database restart
    # would otherwise fail every worker's next request).
    DATABASES = {
        "default": dj_database_url.parse(
            _env("DATABASE_URL"), conn_max_age=60, conn_health_checks=True
        )
    }
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

if _env("DATABASE_REPLICA_URL"):
    # A streaming replica of DATABASE_URL: readers' pages read from it (operations/replicas.py).
    DATABASES["replica"] = dj_database_url.parse(
        _env("DATABASE_REPLICA_URL"), conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["readingroom.operations.replicas.ReplicaRouter"]
# Embargoes whose day has come are released by the first page view of the day, unless readers
# read from a replica: then `indexer --loop` does it, and page views write nothing.
RELEASE_EMBARGOES_ON_PAGE_VIEWS = "replica" not in DATABASES

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
SEARCH_INDEX_DIR = Path(_env("READINGROOM_INDEX_DIR") or DATA_DIR / "index")
# Where a node that may not write to SEARCH_INDEX_DIR (a read-only mount) keeps its local copy
# of the live index (empty: a directory in the system's temporary directory).
SEARCH_COPY_DIR = _env("READINGROOM_INDEX_COPY_DIR")
SEARCH_BACKEND = _env("READINGROOM_SEARCH_BACKEND", "tantivy")  # or "memory" (search.service)
# Apply the search outbox right after each commit that writes to it (so an editor sees a change
# on the next request); off when a separate `readingroom indexer --loop` does all indexing.
SEARCH_APPLY_ON_COMMIT = _env_bool("READINGROOM_SEARCH_APPLY_ON_COMMIT", True)

STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Scans in S3-compatible object storage (AWS, MinIO, Ceph...) through django-storages, when a
# bucket is named; files stay private and are served only through the document's pages.
if _env("READINGROOM_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _env("READINGROOM_S3_BUCKET"),
            "endpoint_url": _env("READINGROOM_S3_ENDPOINT_URL") or None,
            "region_name": _env("READINGROOM_S3_REGION") or None,
            "access_key": _env("READINGROOM_S3_ACCESS_KEY_ID") or None,
            "secret_key": _env("READINGROOM_S3_SECRET_ACCESS_KEY") or None,
            "location": _env("READINGROOM_S3_PREFIX"),
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
    "root": {"handlers": ["console"], "level": _env("READINGROOM_LOG_LEVEL", "WARNING")},
}

# Security (docs/operators.md, "Security settings") -------------------------------------------

# Staff logins: Django's default password hasher (PBKDF2); django-axes counts failures per
# username and address in the database, so every web process sees the same count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(_env("READINGROOM_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = float(_env("READINGROOM_LOGIN_COOLOFF_HOURS", "0.25"))
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
    SECURE_HSTS_SECONDS = int(_env("READINGROOM_HSTS_SECONDS", str(365 * 24 * 3600)))
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
READINGROOM_MAX_UPLOAD_BYTES = int(_env("READINGROOM_MAX_UPLOAD_MB", "512")) * 2**20
