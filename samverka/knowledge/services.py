"""Workflows of knowledge items and news: save, publish and take back an item; attach files and
images. Keyword-only functions; each docstring lists its side effects.

Files are checked by ``samverka/uploads.py`` (type by content, size, safe name) before anything
is stored, and a stored file leaves storage with its row once the deletion has committed
(``delete_stored_file``, connected in apps.py).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.uploads import format_size, safe_filename, type_name, validate_upload

from .models import Attachment, KnowledgeItem, NewsImage, NewsItem
from .rules import can_link_project

ALT_TEXT_REQUIRED = _("Describe what the image shows, for people who cannot see it.")


def save_item(*, item: KnowledgeItem, person, projects, portfolios, events, tags, publish: bool) -> KnowledgeItem:
    """Save a knowledge item written on the site, with its links, as a draft or published.

    ``item`` carries the typed fields (unsaved changes); ``projects`` are those chosen. The
    person may link only projects they may link (their own, or any for a coordinator); links to
    other projects already on the item stay as they were, so a member's edit never drops a
    project they cannot see in their choices.

    Side effects, in one transaction: the row is saved (``created_by`` set to ``person`` when it
    is new); projects, portfolios, events and tags are replaced; then :func:`publish_item` or
    :func:`unpublish_item`.
    """
    chosen = [project for project in projects if can_link_project(person, project)]
    with transaction.atomic():
        if item.pk is None:
            item.created_by = person
            kept = []
        else:
            kept = [project for project in item.projects.all() if not can_link_project(person, project)]
        item.save()
        item.projects.set([*chosen, *kept])
        item.portfolios.set(portfolios)
        item.events.set(events)
        item.tags.set(tags)
        if publish:
            publish_item(item=item)
        else:
            unpublish_item(item=item)
    return item


def publish_item(*, item: KnowledgeItem) -> None:
    """Side effects: status published; ``published_at`` set to now when the item was a draft
    (a published item keeps its date when it is saved again)."""
    if item.status == KnowledgeItem.Status.PUBLISHED and item.published_at:
        return
    item.status = KnowledgeItem.Status.PUBLISHED
    item.published_at = timezone.now()
    item.save(update_fields=["status", "published_at", "updated_at"])


def unpublish_item(*, item: KnowledgeItem) -> None:
    """Side effects: status draft and ``published_at`` emptied; the page is hidden again from
    everyone who may not edit it."""
    if item.status == KnowledgeItem.Status.DRAFT and item.published_at is None:
        return
    item.status = KnowledgeItem.Status.DRAFT
    item.published_at = None
    item.save(update_fields=["status", "published_at", "updated_at"])


def add_attachment(*, owner: KnowledgeItem | NewsItem, title: str, file) -> Attachment:
    """Check ``file`` and store it as an attachment of a knowledge item or a news item.

    Side effects: the file is written to the default storage under knowledge/items/<id>/ or
    knowledge/news/<id>/ with a safe name, and a row is created with the type and size found.
    If the row cannot be saved, the stored file is deleted again. Raises ValidationError
    (nothing stored) if the file is not acceptable.
    """
    file_type = validate_upload(file)
    owner_field = "news_item" if isinstance(owner, NewsItem) else "item"
    attachment = Attachment(title=title, content_type=file_type.content_type, size=file.size, **{owner_field: owner})
    _store(attachment, attachment.file, file, safe_filename(file.name, file_type))
    return attachment


def add_news_image(*, news_item: NewsItem, file, alt_text: str, caption: str = "", position: int = 0) -> NewsImage:
    """Check ``file`` (PNG or JPEG only) and the alt text, and store the image on ``news_item``.

    Side effects: the file is written under knowledge/news/<id>/images/ and a row is created; if
    the row cannot be saved the file is deleted again. Raises ValidationError (nothing stored)
    when the alt text is empty or the file is no PNG or JPEG picture.
    """
    if not alt_text.strip():
        raise ValidationError({"alt_text": ALT_TEXT_REQUIRED}, code="required")
    file_type = validate_upload(file, images_only=True)
    image = NewsImage(
        news_item=news_item, alt_text=alt_text.strip(), caption=caption, position=position,
        content_type=file_type.content_type, size=file.size,
    )
    _store(image, image.image, file, safe_filename(file.name, file_type))
    return image


def _store(row, field_file, file, name: str) -> None:
    try:
        with transaction.atomic():
            field_file.save(name, file, save=False)
            row.save()
    except BaseException:
        if field_file.name:
            field_file.storage.delete(field_file.name)
        raise


def remove_attachment(*, attachment: Attachment) -> None:
    """Side effects: the row is deleted; its file leaves storage once the deletion commits."""
    attachment.delete()


def describe(attachment: Attachment) -> str:
    """``Anteckningar från träffen den 25 november, PDF, 271 kB``, as the network writes it."""
    return f"{attachment.title}, {type_name(attachment.content_type)}, {format_size(attachment.size)}"


def delete_stored_file(sender, instance, **kwargs) -> None:
    """When an attachment or image row goes (also with its item), its file goes too, once the
    deletion has committed: a rolled-back delete must not lose the file. Connected in apps.py."""
    field_file = instance.image if isinstance(instance, NewsImage) else instance.file
    name, storage = field_file.name, field_file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
