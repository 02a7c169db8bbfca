"""Samverka settings: one module, every deployment-specific value read from the environment.

The defaults give a safe demo on SQLite (``make run``). Production sets at least
SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and HTTPS=1; see docs/deploy.md.
"""

from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from samverka.env import (
    env_bool,
    env_choice,
    env_decimal,
    env_int,
    env_list,
    env_rate,
    env_str,
    media_storage,
    parse_database_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SAMVERKA_VAR_DIR", str(BASE_DIR / "var")))

DEMO_SECRET_KEY = "demo-only-not-secret-samverka-change-me-in-production-0123456789"
SECRET_KEY = env_str("SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Samverka")

INSTALLED_APPS = [
    "samverka.accounts",
    "samverka.registry",
    "samverka.pages",
    "samverka.meetings",
    "samverka.polls",
    "samverka.knowledge",
    "samverka.ops",
    "samverka.results",
    "samverka.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "samverka.ops.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "samverka.api.access.OpenDataMiddleware",
    "csp.middleware.CSPMiddleware",
    "samverka.middleware.AdminStylePolicy",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "samverka.urls"
WSGI_APPLICATION = "samverka.wsgi.application"

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
                "samverka.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'samverka.sqlite3'}"), base_dir=BASE_DIR
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    # Shared by every web process (sessions stay in the database); when Redis is away the
    # site serves without a cache instead of failing (samverka/ops/cache.py).
    CACHES = {"default": {"BACKEND": "samverka.ops.cache.ResilientRedisCache", "LOCATION": REDIS_URL}}
else:
    # One machine (the embedded default): files under var/cache, shared by the web processes and
    # the task worker that `make run` starts (rate limits, kept pages, statistics refreshed by
    # the worker); a memory cache would be one per process.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(VAR_DIR / "cache")}
    }
# Public pages and API answers kept this many seconds for visitors who are not signed in
# (samverka/ops/page_cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = max(0, env_int("PAGE_CACHE_SECONDS", 30))

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# A task still "running" after this many seconds belongs to a worker that died (killed, machine
# lost): ``manage.py requeue_stuck_tasks`` puts it back in the queue, and a mail claimed this long
# ago but never marked sent may be taken again. Keep it above the longest task (imports).
TASK_STUCK_AFTER = env_int("TASK_STUCK_AFTER", 600)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

# django-allauth: e-mail is the identity; sign in with a password or a one-time code by mail.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if env_bool("HTTPS", False) else "http"
ACCOUNT_ADAPTER = "samverka.accounts.adapter.AccountAdapter"
# Failed sign-ins: at most 5 per address in 5 minutes and 10 a minute per IP (allauth's own limits).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/300s/key", "login": "30/m/ip"}

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    # Local files by default; MEDIA_STORAGE=s3 for a bucket shared by every machine (env.py).
    "default": media_storage(),
    "staticfiles": {"BACKEND": env_str("STATIC_STORAGE", "whitenoise.storage.CompressedManifestStaticFilesStorage")},
}
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Mail: SMTP when EMAIL_HOST is set, otherwise printed to the console (the demo).
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Samverka <noreply@samverka.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. HTTPS=1 in production turns on redirects, secure cookies and HSTS.
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy: no inline scripts or styles anywhere; everything from our own origin.
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

# LOG_FORMAT=json writes one JSON object per line (for a log collector); every line carries
# the request id that the X-Request-ID response header shows (samverka/ops/request_log.py).
LOG_FORMAT = env_choice("LOG_FORMAT", "text", ["text", "json"])
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "samverka.ops.request_log.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "samverka.ops.request_log.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

DEMO_PASSWORD = env_str("DEMO_PASSWORD", "samverka-demo-2026")

# Statistics (samverka/results): the fixed rate for showing amounts in euros, in SEK per euro.
EUR_RATE = env_decimal("EUR_RATE", "11.00", minimum=Decimal("0.01"))
# The oldest statistics figures ever shown, in seconds; the task worker recomputes them after a
# change of the data and at half this age (samverka/results/freshness.py).
STATISTICS_MAX_AGE = env_int("STATISTICS_MAX_AGE", 600, minimum=60)

# Open data (samverka/api): requests per client address to the API and the data files, and
# what the DCAT-AP-SE catalogue says about the datasets.
API_RATE_LIMIT = env_rate("API_RATE_LIMIT", "300/m")
OPEN_DATA_LICENSE = env_str("OPEN_DATA_LICENSE", "http://creativecommons.org/publicdomain/zero/1.0/")
OPEN_DATA_PUBLISHER = env_str("OPEN_DATA_PUBLISHER", SITE_NAME)
OPEN_DATA_PUBLISHER_URL = env_str("OPEN_DATA_PUBLISHER_URL", SITE_URL)
OPEN_DATA_CONTACT_EMAIL = env_str("OPEN_DATA_CONTACT_EMAIL", "")
