"""Jiancha settings: one file, read from the environment.

With nothing set the project runs for development on SQLite (in ``var/``) with a
file-system Celery broker, so a newcomer needs no server. ``DATABASE_URL`` and
``REDIS_URL`` switch it to PostgreSQL and Redis. ``DEBUG=0`` is production: it
then refuses to start without ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``FIELD_ENCRYPTION_KEYS``
and ``IDENTITY_HASH_KEY``.
"""

import base64
import hashlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def envbool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("JIANCHA_VAR_DIR", BASE_DIR / "var"))

DEBUG = envbool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("生产环境（DEBUG=0）必须设置 SECRET_KEY 环境变量。")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("生产环境（DEBUG=0）必须设置 ALLOWED_HOSTS 环境变量。")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

# Reporter identity is encrypted (common/crypto.py): Fernet keys newest first, and the HMAC key of the
# searchable hash of ID numbers. Both must live outside the database, or a stolen dump reveals everything.
FIELD_ENCRYPTION_KEYS = envlist("FIELD_ENCRYPTION_KEYS")
IDENTITY_HASH_KEY = os.environ.get("IDENTITY_HASH_KEY", "")
if not DEBUG and not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("生产环境（DEBUG=0）必须设置 FIELD_ENCRYPTION_KEYS 环境变量。")
if not DEBUG and not IDENTITY_HASH_KEY:
    raise ImproperlyConfigured("生产环境（DEBUG=0）必须设置 IDENTITY_HASH_KEY 环境变量。")
# Development only: keys derived from SECRET_KEY, stable across restarts so the local data stays readable.
if not FIELD_ENCRYPTION_KEYS:
    _digest = hashlib.sha256(f"field-encryption:{SECRET_KEY}".encode()).digest()
    FIELD_ENCRYPTION_KEYS = [base64.urlsafe_b64encode(_digest).decode()]
IDENTITY_HASH_KEY = IDENTITY_HASH_KEY or hashlib.sha256(f"identity-hash:{SECRET_KEY}".encode()).hexdigest()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "captcha",
    "django_ratelimit",
    "csp",
    "jiancha",
    "orgs",
    "accounts",
    "exports",
    "notifications",
    "documents",
    "inspections",
    "responsibility",
    "cases",
    "rectification",
    "jobs",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Outside everything that reads the database: while it is down, a 503 "try again" page instead of a 500.
    "jiancha.unavailable.DatabaseUnavailableMiddleware",
    # Before anything reads the body: an over-size request is refused by its length, or cut off as it streams.
    "files.limits.UploadLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "jiancha.no_store.NoStoreMiddleware",
    "jiancha.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: an ended session says why on the login page. Denied access is logged for every response.
    "accounts.middleware.SecurityLogMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.OTPRequiredMiddleware",
    "common.list_cache.MoveOnAfterWritesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Axes must come last: it turns a lock-out signalled by the backend into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jiancha.urls"
WSGI_APPLICATION = "jiancha.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jiancha.navigation.navigation",
            ],
        },
    },
]

# Database ------------------------------------------------------------------
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"],
            conn_max_age=envint("CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # A server that does not answer at all (rather than refusing) must not hold requests and /healthz for the
        # operating system's two minutes: they answer 503 after this many seconds.
        DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = envint("DATABASE_CONNECT_TIMEOUT", 5)
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            # Web, worker and beat share the file: WAL and immediate transactions avoid "database is locked".
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker, results and cache ----------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_URL = os.environ.get("CACHE_URL", REDIS_URL)
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "common.redis_cache.ClientKeepingRedisCache",
            "LOCATION": CACHE_URL,
            # A Redis that hangs costs a request one second (then the cache leaves it alone for a while), not minutes.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # A file cache, not a per-process one, so the worker's heartbeat is visible to the web process.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        }
    }
CACHES["default"]["KEY_PREFIX"] = os.environ.get("CACHE_KEY_PREFIX", "jiancha")
# List pages and their counts, kept per visitor until anything is written (common/list_cache.py); 0 switches it off.
LIST_CACHE_SECONDS = envint("LIST_CACHE_SECONDS", 30)

# Celery ------------------------------------------------------------------------
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    # A task taken by a worker that then died (killed, its machine lost) goes back to the queue after this long, and
    # only then: it must exceed the longest a task may wait reserved and then run (the 10-minute time limit), or a
    # slow task would run twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 30 * 60)}
else:
    # The embedded broker: messages are files in var/celery, shared by web, worker and beat.
    _celery_dir = VAR_DIR / "celery"
    for _sub in ("queue", "processed", "results"):
        (_celery_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "queue"),
        "data_folder_out": str(_celery_dir / "queue"),
        "processed_folder": str(_celery_dir / "processed"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{_celery_dir / 'results'}"
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = timedelta(days=1)
# Nothing reads task results: job runs, exports and e-mails record their outcome in the database. Kept, each .delay()
# in the web subscribed to its result in Redis first, which held the request about 20 s a call while Redis was away.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
# A worker killed half-way leaves its message to be delivered again: jobs are idempotent by design.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker that lost Redis keeps trying to reconnect however long it is away, rather than exiting after 100 tries.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# Authentication ------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Checked on every password set through a form: the password change page, the admin, createsuperuser.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
# Sessions are read from the cache (Redis) on every request and written through to the database, which keeps them
# across a Redis restart.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
# Lock the pair, so nobody can lock a colleague out from another machine by guessing their name.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = envint("AXES_PROXY_COUNT", 0) or None
AXES_VERBOSE = False
# Axes masks the typed user name and the address in its log lines; name them as the security log does (a hash of
# the name, the address) so the two can be read together.
AXES_CLIENT_STR_CALLABLE = "accounts.security_log.axes_client_str"

# Two-factor sign-in (accounts/): commission roles confirm a time-based one-time password after the password.
# On in production unless switched off; off in development and tests, where a test turns it on itself.
OTP_REQUIRED_FOR_COMMISSION = envbool("OTP_REQUIRED_FOR_COMMISSION", not DEBUG)
OTP_TOTP_ISSUER = "监察 Jiancha"
# Wrong codes count towards a lock-out of AXES_FAILURE_LIMIT per account (accounts/otp.py), not the library's
# doubling delay, which would make a person wait after one slip of the finger.
OTP_TOTP_THROTTLE_FACTOR = 0
# The admin may reset a device but never read its secret.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Staff sessions end after this long without a request, and this long after the login whatever happens.
STAFF_SESSION_IDLE_MINUTES = envint("STAFF_SESSION_IDLE_MINUTES", 30)
STAFF_SESSION_MAX_HOURS = envint("STAFF_SESSION_MAX_HOURS", 8)

# The public report form and query (cases.public_limits) -------------------------------
# Counted per client address in the cache, before any password hashing. The address is REMOTE_ADDR; behind a
# reverse proxy, name the header the proxy sets and clients cannot forge (e.g. HTTP_X_REAL_IP).
PUBLIC_SUBMIT_RATE = os.environ.get("PUBLIC_SUBMIT_RATE", "5/h")
PUBLIC_QUERY_RATE = os.environ.get("PUBLIC_QUERY_RATE", "20/h")
# The public satisfaction rating (rectification, 群众测评): one rating per phone is enforced apart from this.
PUBLIC_RATING_RATE = os.environ.get("PUBLIC_RATING_RATE", "10/h")
# Captcha challenges drawn per address: the form pages, "换一张", the image and the API each count one.
PUBLIC_CAPTCHA_RATE = os.environ.get("PUBLIC_CAPTCHA_RATE", "120/h")
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
# While the cache (Redis) is unreachable no count can be kept: let the public through rather than refuse every
# reporter. The captcha (in the database) still stands before every submission and the query's own lock-out after
# five wrong tries is in the database too; only the hourly budgets lapse until Redis is back.
RATELIMIT_FAIL_OPEN = True
# A reporter may take long over the form: the captcha drawn with the page stays valid for an hour.
CAPTCHA_TIMEOUT = envint("CAPTCHA_TIMEOUT_MINUTES", 60)
# Django's own RedisCache (ours keeps its clients) increments atomically, though django-ratelimit lists only
# django-redis; the development file cache does not, which only makes the limit approximate on a laptop.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + ([] if CACHE_URL else ["django_ratelimit.E003"])

# Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Static and uploaded files -----------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploads are never served by URL (no MEDIA_URL route, outside STATIC_ROOT): each download is a view that checks
# access and answers as an attachment (files/responses.py). Sizes are limited before and while the body is read.
FILE_UPLOAD_HANDLERS = [
    "files.limits.StreamLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files go to a temporary file, not memory
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # the fields of a form or a JSON body, files apart
DATA_UPLOAD_MAX_NUMBER_FILES = 20  # the most any form takes is 9
# Exports up to this many rows are written during the request; larger ones are prepared in the background.
EXPORT_SYNC_MAX_ROWS = envint("EXPORT_SYNC_MAX_ROWS", 500)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail ------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "jiancha@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A dotted path to a callable (phone, text); the default only logs, since no SMS gateway is contracted.
NOTIFICATIONS_SMS_SENDER = os.environ.get("NOTIFICATIONS_SMS_SENDER", "notifications.sms.log_sms")
ADMINS = [("管理员", addr) for addr in envlist("ADMINS")]

# Security (production) ----------------------------------------------------------------
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: forms carry the hidden input, the API docs the token in their script.
CSRF_COOKIE_HTTPONLY = True
# Lax, not Strict: a link to a page in a notification e-mail must open it signed in; Lax still withholds the cookies
# from other sites' POSTs.
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if envbool("SECURE_PROXY_SSL", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz is probed over plain HTTP by the orchestrator inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Content Security Policy (django-csp): scripts and styles only from our own static files, never inline, so an
# injected <script> or onclick="" does not run. Data for scripts travels in json_script blocks and data- attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# REST API ----------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous call gets 401 with a WWW-Authenticate header rather than 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.ListPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "jiancha.api.api_exception_handler",
}
# An empty filter means "all": say so, rather than django-filter's dashes.
FILTERS_EMPTY_CHOICE_LABEL = "全部"
SPECTACULAR_SETTINGS = {
    "TITLE": "监察 Jiancha API",
    "DESCRIPTION": "县纪委监委正风肃纪工作平台接口。所有列表按当前用户的单位与角色限定范围。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Served from our own static files: the docs must work without the outside network.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # The errors each operation can answer, beside its success (jiancha/api_schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "jiancha.api_schema.error_responses",
    ],
    # Several models have a "kind" or a "status"; name each choice set so the schema's enums do not collide.
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "orgs.models.Unit.Kind",
        "LetterKindEnum": "responsibility.models.ResponsibilityLetter.Kind",
        "RankingKindEnum": "responsibility.models.Ranking.Kind",
        "TaskStatusEnum": "responsibility.models.Task.Status",
        "ReportStatusEnum": "cases.models.Report.Status",
        "ClueStatusEnum": "cases.models.Clue.Status",
        "TransferStatusEnum": "cases.models.Transfer.Status",
        # The cases app's categories and clue dispositions keep their plain names beside the findings' own.
        "CategoryEnum": "cases.models.Category",
        "DispositionEnum": "cases.models.Clue.Disposition",
        "FindingCategoryEnum": "inspections.models.Finding.Category",
        "FindingDispositionEnum": "inspections.models.Finding.Disposition",
    },
}

# Logging ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # jiancha.security: authentication events and denied access (accounts/security_log.py), never personal data.
    "loggers": {"axes": {"level": "WARNING"}, "jiancha.security": {"level": "INFO"}},
}
