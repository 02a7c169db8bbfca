"""When the database is away, answer 503 with ``Retry-After`` instead of a 500, and recover
by itself.

Django's error handling calls ``handler500`` for any exception a view or a middleware lets
through, while the exception is still being handled; ``server_error`` looks at it and answers
503 when the database could not be reached. Django closes a connection that failed once the
request finishes (``close_old_connections`` drops an unusable one), so the next request opens
a new one: when the database is back, the site serves again without a restart.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 10


def database_unreachable(exception: BaseException | None) -> bool:
    while exception is not None:
        if isinstance(exception, (OperationalError, InterfaceError)):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


def server_error(request):
    """``handler500``: 503 with ``Retry-After`` when the database is away, 500 otherwise. Renders
    without a request context, so it needs neither the database nor the session."""
    if database_unreachable(sys.exc_info()[1]):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
