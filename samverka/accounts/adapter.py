from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Samverka's hooks into django-allauth."""

    def save_user(self, request, user, form, commit=True):
        # A new person gets their mail in the language they signed up in.
        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        if language in dict(settings.LANGUAGES):
            user.language = language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        # allauth greets "from <host name>" without the sites framework; greet from Samverka.
        request = context.get("request")
        domain = request.get_host() if request is not None else settings.SITE_URL.split("//", 1)[-1]
        context = {"current_site": SimpleNamespace(name=settings.SITE_NAME, domain=domain), **context}
        return super().send_mail(template_prefix, email, context)
