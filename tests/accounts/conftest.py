import pytest


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Tasks run at once here, so a mail queued after commit is sent before the test looks.
    (The root conftest empties the cache, where allauth keeps rate limits and codes.)"""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def mailbox(settings):
    """Django's in-memory outbox, for tests that do not need a real SMTP server."""
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox
