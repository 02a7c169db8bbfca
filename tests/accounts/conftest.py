import pytest


@pytest.fixture(autouse=True)
def _fresh_cache_and_immediate_tasks(settings):
    """allauth keeps rate limits and codes in the cache: every test starts with an empty one.
    Tasks run at once here, so a mail queued after commit is sent before the test looks."""
    from django.core.cache import cache

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mailbox(settings):
    """Django's in-memory outbox, for tests that do not need a real SMTP server."""
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox
