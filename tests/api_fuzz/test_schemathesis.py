"""Schemathesis against the API's own OpenAPI description, in-process through the WSGI app.

For every operation it generates valid and invalid parameters (types, ranges, enums; a forged
cursor is just another string to it) and checks every answer: never a server error, and
status, content type and body as the description says. The examples per operation are
bounded so the module takes well under two minutes on SQLite and on PostgreSQL.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from tests.api_endpoints.conftest import network, sole_trader  # noqa: F401

pytestmark = pytest.mark.django_db

EXAMPLES = 30


def operations():
    from samverka.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture
def keep_connection():
    """As Django's test client does: the WSGI app would close the test's database connection
    (and with it the test's transaction) at the end of each request."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("operation", operations(), ids=lambda operation: operation.label)
def test_api_conforms_to_its_description(operation, network, settings, keep_connection):  # noqa: F811
    settings.API_RATE_LIMIT = (0, 0)  # the fuzzer's hundreds of requests are not what is tested here

    @given(case=operation.as_strategy())
    @settings_for_fuzzing
    def check(case):
        # Schema-valid is not enough by design: a facet must name something that exists (an unknown
        # portfolio slug is a 400) and a cursor must carry our signature, which no schema can say.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    check()


settings_for_fuzzing = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                                derandomize=True, database=None)
