from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
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

    def render_mail(self, template_prefix, email, context, headers=None):
        # allauth's mails are plain text; add an HTML part in the site's look, built from that
        # text, so every mail Samverka sends looks alike without copying allauth's wording.
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if isinstance(message, EmailMultiAlternatives) and not message.alternatives:
            paragraphs = [block.strip() for block in message.body.replace("\r\n", "\n").split("\n\n") if block.strip()]
            html = render_to_string(
                "account/email/site_layout.html",
                {"paragraphs": paragraphs, "subject": message.subject, "SITE_NAME": settings.SITE_NAME},
            )
            message.attach_alternative(html, "text/html")
        return message
