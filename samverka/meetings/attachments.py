"""Attachments of an event: meeting notes, slides and reports.

The file checks (type by content, size limit, safe names) are shared with the knowledge bank
and live in ``samverka/uploads.py``; this module stores an event's attachment and describes it
as the network writes it.
"""

from django.db import transaction

from samverka.uploads import format_size, safe_filename, type_name, validate_upload

from .models import Attachment, Event


def add_attachment(*, event: Event, title: str, kind: str, file) -> Attachment:
    """Check ``file`` and store it as an attachment of ``event``.

    Side effects: the file is written to the default storage under meetings/<event id>/ and a
    row is created. If the row cannot be saved, the stored file is deleted again: nothing is
    left half-saved. Raises ValidationError (nothing stored) if the file is not acceptable.
    """
    file_type = validate_upload(file)
    attachment = Attachment(event=event, title=title, kind=kind, content_type=file_type.content_type, size=file.size)
    try:
        with transaction.atomic():
            attachment.file.save(safe_filename(file.name, file_type), file, save=False)
            attachment.save()
    except BaseException:
        if attachment.file.name:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def describe(attachment: Attachment) -> str:
    """``Anteckningar från träffen den 25 november, PDF, 271 kB``, as the network writes it."""
    return f"{attachment.title}, {type_name(attachment.content_type)}, {format_size(attachment.size)}"


def delete_stored_file(sender, instance: Attachment, **kwargs) -> None:
    """When an attachment row goes (also with its event), its file goes too, once the deletion
    has committed: a rolled-back delete must not lose the file. Connected in apps.py."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
