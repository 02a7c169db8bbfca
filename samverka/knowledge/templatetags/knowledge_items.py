"""Knowledge items and news in templates: ``{{ attachment|attachment_description }}`` →
"Anteckningar från träffen den 25 november, PDF, 271 kB"."""

from django import template

from samverka.knowledge import services

register = template.Library()


@register.filter
def attachment_description(attachment) -> str:
    return services.describe(attachment)
