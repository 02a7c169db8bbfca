"""Attachments in templates: ``{{ attachment|attachment_label }}`` →
"Anteckningar från träffen den 25 november, PDF, 271 kB"; ``file_size`` and ``file_type_name``."""

from django import template

from samverka import uploads
from samverka.meetings import attachments

register = template.Library()


@register.filter
def attachment_label(attachment) -> str:
    return attachments.describe(attachment)


@register.filter
def file_size(size) -> str:
    return uploads.format_size(int(size or 0))


@register.filter
def file_type_name(content_type) -> str:
    return uploads.type_name(content_type or "")


@register.filter
def with_notes(groups) -> list:
    """The discussion groups that have notes (for the event page after the event)."""
    return [group for group in groups or [] if group.notes.strip()]
