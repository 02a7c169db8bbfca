"""Small, strict readers for settings that come from the environment.

Each helper refuses a value it cannot understand instead of guessing, so a
misconfigured deployment fails at start-up with the variable's name in the
message rather than behaving strangely later.
"""

import os
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """A whole number, refused when it is not one or is below ``minimum``."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or (minimum is not None and value < minimum):
        bound = f" of at least {minimum}" if minimum is not None else ""
        raise ImproperlyConfigured(f"{name} must be a whole number{bound}; got {raw!r}.")
    return value


def env_choice(name: str, default: str, choices: list[str]) -> str:
    raw = os.environ.get(name, default).strip()
    if raw not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; got {raw!r}.")
    return raw


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


RATE_PERIODS = {"s": 1, "m": 60, "h": 3600}


def env_rate(name: str, default: str) -> tuple[int, int]:
    """A rate such as ``300/m`` (requests per second, minute or hour) as ``(requests, seconds)``;
    ``0`` or ``off`` means no limit, ``(0, 0)``."""
    raw = os.environ.get(name, default).strip().lower()
    if raw in {"0", "off"}:
        return (0, 0)
    count, _, period = raw.partition("/")
    if count.isdigit() and int(count) > 0 and period in RATE_PERIODS:
        return (int(count), RATE_PERIODS[period])
    raise ImproperlyConfigured(
        f"{name} must be a number of requests per s, m or h (e.g. 300/m), or 0 for no limit; got {raw!r}."
    )


def env_decimal(name: str, default: str, *, minimum: Decimal | None = None) -> Decimal:
    """An exact decimal number such as ``11.5`` (a point, no thousands separators), refused when
    it is not one or is below ``minimum``."""
    raw = os.environ.get(name, default).strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or (minimum is not None and value < minimum):
        bound = f" of at least {minimum}" if minimum is not None else ""
        raise ImproperlyConfigured(
            f"{name} must be a decimal number{bound} written with a point, e.g. 11.5; got {raw!r}."
        )
    return value


def media_storage() -> dict:
    """The STORAGES entry for uploaded files.

    ``MEDIA_STORAGE`` unset or ``local``: files under MEDIA_ROOT. ``s3``: an S3-compatible
    bucket through django-storages, from ``S3_BUCKET`` (required), ``S3_ENDPOINT_URL`` (for
    providers other than AWS) and ``S3_REGION``; private objects served by signed links, and a
    new name for every upload. Credentials come the way boto3 finds them (``AWS_ACCESS_KEY_ID``
    and ``AWS_SECRET_ACCESS_KEY``, or the machine's role), never from the settings. Any other
    value is taken as a storage class's dotted path.
    """
    kind = os.environ.get("MEDIA_STORAGE", "local").strip()
    if kind in {"", "local"}:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        return {"BACKEND": kind}
    bucket = os.environ.get("S3_BUCKET", "").strip()
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET, the bucket's name.")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


def parse_database_url(url: str, *, base_dir: Path) -> dict:
    """Turn ``sqlite:///path`` or ``postgres://user:pw@host:port/name`` into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path and sqlite:////absolute/path, as dj-database-url reads them.
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        name = Path(path) if Path(path).is_absolute() else base_dir / path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(name),
            "OPTIONS": {
                # WAL lets readers continue while one writer writes; IMMEDIATE takes the
                # write lock at BEGIN, so concurrent writers queue instead of failing.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured("DATABASE_URL for PostgreSQL must name a database.")
        options = dict(parse_qsl(parts.query))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL must start with sqlite:// or postgres://; got scheme {parts.scheme!r}."
    )
