"""Keyset pagination with opaque, signed cursors.

A page is "the first ``limit`` rows after this key" in a fixed ordering that ends in the
primary key, so every row has one place and a page costs the same at row 10 as at row
1 000 000: the database walks an index from the key and stops after ``limit + 1`` rows (the
extra row says whether there is a next page). No OFFSET, no COUNT.

The cursor is the last row's key, with the endpoint's name and its filters, as JSON signed
with ``django.core.signing`` (URL-safe base64, with a timestamp): a client cannot forge a
key, reuse a cursor with other filters, or keep one for longer than ``MAX_AGE``.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core import signing
from django.db.models import Q, QuerySet

SALT = "samverka.api.cursor"
MAX_AGE = datetime.timedelta(hours=24)


class CursorError(Exception):
    """A cursor that cannot be used; the message says why, for the client."""


@dataclass(frozen=True)
class Ordering:
    """Fields in order, each ``"name"`` or ``"-name"``; the last one must be the primary key."""

    fields: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        return [field.lstrip("-") for field in self.fields]

    def after(self, queryset: QuerySet, key: list) -> Q:
        """Rows strictly after ``key`` in this ordering, written for the planner.

        For (-start_date, -id): ``start_date <= d AND NOT (start_date = d AND id >= x)``. The
        first condition is a range the database walks the index from; the second removes the
        few rows of the same date already shown. The textbook ``d' < d OR (d' = d AND id < x)``
        means the same, but PostgreSQL misjudges how many rows it matches (one instead of
        thousands) and joins the page's tables row by row: 200 ms instead of 2 ms at 1 000 000.
        """
        fields = [(field.lstrip("-"), field.startswith("-")) for field in self.fields]

        def beyond(index: int) -> Q:
            name, descending = fields[index]
            if index == len(fields) - 1:
                return Q(**{f"{name}__{'lt' if descending else 'gt'}": key[index]})
            up_to = Q(**{f"{name}__{'lte' if descending else 'gte'}": key[index]})
            return up_to & ~(Q(**{name: key[index]}) & ~beyond(index + 1))

        return beyond(0)


def _fingerprint(endpoint: str, filters: dict) -> str:
    text = json.dumps([endpoint, sorted((k, str(v)) for k, v in filters.items() if v not in (None, ""))])
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _encode(value):
    return value.isoformat() if isinstance(value, datetime.date | datetime.datetime) else value


def read_cursor(cursor: str, *, endpoint: str, filters: dict, queryset: QuerySet, ordering: Ordering) -> list:
    """The key a cursor carries, as Python values of the ordering's fields; or CursorError."""
    try:
        payload = signing.loads(cursor, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise CursorError("The cursor has expired: start again from the first page.") from None
    except signing.BadSignature:
        raise CursorError("The cursor is not valid: use the 'next' link exactly as given.") from None
    if not isinstance(payload, dict) or payload.get("q") != _fingerprint(endpoint, filters):
        raise CursorError("The cursor belongs to another query: use it with the same endpoint and filters.")
    key = payload.get("k")
    if not isinstance(key, list) or len(key) != len(ordering.fields):
        raise CursorError("The cursor is not valid: use the 'next' link exactly as given.")
    model = queryset.model
    try:
        return [model._meta.get_field(name).to_python(value) for name, value in zip(ordering.names, key, strict=True)]
    except Exception:  # a signed cursor of an older ordering; tell the client, never a 500
        raise CursorError("The cursor is not valid: use the 'next' link exactly as given.") from None


def paginate(request, queryset: QuerySet, *, endpoint: str, ordering: Ordering, limit: int,
             cursor: str | None, filters: dict) -> tuple[list, str | None]:
    """One page of ``queryset``: its rows and the absolute ``next`` link (None on the last page).

    ``filters`` are the query's filter parameters as the client sent them; they are bound into
    the cursor and repeated in the ``next`` link.
    """
    queryset = queryset.order_by(*ordering.fields)
    if cursor:
        key = read_cursor(cursor, endpoint=endpoint, filters=filters, queryset=queryset, ordering=ordering)
        queryset = queryset.filter(ordering.after(queryset, key))
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    token = signing.dumps(
        {"q": _fingerprint(endpoint, filters), "k": [_encode(getattr(last, name)) for name in ordering.names]},
        salt=SALT,
    )
    params = {name: value for name, value in filters.items() if value not in (None, "")}
    query = urlencode({**params, "limit": limit, "cursor": token})
    return rows, request.build_absolute_uri(f"{request.path}?{query}")
