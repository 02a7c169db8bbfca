"""System checks for settings that are valid Python but wrong for a deployment."""

from django.conf import settings
from django.core.checks import Warning, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "testserver"}


@register(deploy=True)
def demo_secret_key(app_configs, **kwargs):
    if settings.SECRET_KEY == settings.DEMO_SECRET_KEY and set(settings.ALLOWED_HOSTS) - LOCAL_HOSTS:
        return [
            Warning(
                "SECRET_KEY is the public demo key while the site answers on a public host name.",
                hint="Set SECRET_KEY in the environment to a long random value (python -c 'import secrets; print(secrets.token_urlsafe(50))').",
                id="samverka.W001",
            )
        ]
    return []


@register(deploy=True)
def mail_configured(app_configs, **kwargs):
    if not settings.DEBUG and settings.EMAIL_BACKEND.endswith("console.EmailBackend") and set(settings.ALLOWED_HOSTS) - LOCAL_HOSTS:
        return [
            Warning(
                "Mail is printed to the console, so sign-in codes and invitations never reach anyone.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS).",
                id="samverka.W002",
            )
        ]
    return []
