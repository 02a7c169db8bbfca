"""Attachments: type by content, a size limit, safe names, nothing half-saved, the label."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from samverka import uploads
from samverka.meetings import attachments
from samverka.meetings.models import Attachment

pytestmark = pytest.mark.django_db

WRONG_TYPE = "The file is not one of PDF, DOCX, PPTX, XLSX, ODT, PNG or JPEG."
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def office(*names, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first[0], first[1])
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = office("[Content_Types].xml", "_rels/.rels", "word/document.xml")
PPTX = office("[Content_Types].xml", "ppt/presentation.xml")
XLSX = office("[Content_Types].xml", "xl/workbook.xml")
ODT = office("content.xml", "META-INF/manifest.xml", first=("mimetype", "application/vnd.oasis.opendocument.text"))


def upload(content, name="anteckningar.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def page_url(event):
    return reverse("meetings:organise_attachments", kwargs={"pk": event.pk})


def stored_files(media):
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


# The check by content

@pytest.mark.parametrize(
    ("content", "expected"),
    [(PDF, "PDF"), (PNG, "PNG"), (JPEG, "JPEG"), (DOCX, "DOCX"), (PPTX, "PPTX"), (XLSX, "XLSX"), (ODT, "ODT")],
)
def test_allowed_types_are_known_by_content(content, expected):
    assert uploads.validate_upload(upload(content, name="utan-andelse")).name == expected


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00 not a pdf at all",  # a Windows program named .pdf
        b"<html><script>alert(1)</script></html>",
        office("word/document.xml"),  # a ZIP with word/ but no [Content_Types].xml
        office("[Content_Types].xml", "other/part.xml"),
        office("content.xml", first=("mimetype", "application/vnd.oasis.opendocument.spreadsheet")),  # ODS
        b"PK\x03\x04 broken zip",
    ],
)
def test_other_content_is_refused_whatever_the_name(content):
    with pytest.raises(Exception) as caught:
        uploads.validate_upload(upload(content, name="rapport.pdf"))
    assert caught.value.messages == [WRONG_TYPE]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Anteckningar från träffen 25 nov.PDF", "Anteckningar_fran_traffen_25_nov.pdf"),
        ("Årsrapport Östra Mälardalen.exe", "Arsrapport_Ostra_Malardalen.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\cora\\Bilder\\bild.png", "bild.pdf"),
        ("...", "bilaga.pdf"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
    ],
)
def test_file_names_are_made_safe_with_the_extension_of_the_content(name, expected):
    assert uploads.safe_filename(name, uploads.PDF) == expected


@pytest.mark.parametrize(
    ("size", "swedish", "english"),
    [(271_000, "271 kB", "271 kB"), (254_800, "254,8 kB", "254.8 kB"), (512, "0,5 kB", "0.5 kB"),
     (1_500_000, "1,5 MB", "1.5 MB"), (20_000_000, "20 MB", "20 MB")],
)
def test_sizes_as_the_network_writes_them(size, swedish, english):
    with translation.override("sv"):
        assert uploads.format_size(size) == swedish
    with translation.override("en"):
        assert uploads.format_size(size) == english


def test_the_label_of_the_reference_case(event):
    attachment = Attachment(event=event, title="Anteckningar från träffen den 25 november",
                            content_type="application/pdf", size=271_000)
    with translation.override("sv"):
        html = Template("{% load meetings_files %}{{ attachment|attachment_label }}").render(Context({"attachment": attachment}))
    assert html == "Anteckningar från träffen den 25 november, PDF, 271 kB"


# The coordinator's page

def test_coordinator_attaches_notes(coordinator_client, event, media):
    response = coordinator_client.post(
        page_url(event),
        {"title": "Anteckningar från träffen den 25 november", "kind": "notes",
         "file": upload(PDF, name="Anteckningar från träffen.pdf", content_type="text/plain")},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.event == event
    assert attachment.content_type == "application/pdf"  # what was checked, not what the browser said
    assert attachment.size == len(PDF)
    assert attachment.file.name.startswith(f"meetings/{event.pk}/")
    assert attachment.file.name.endswith("/Anteckningar_fran_traffen.pdf")
    assert (media / attachment.file.name).read_bytes() == PDF
    assert attachment.file.url == f"/media/{attachment.file.name}"


def test_the_page_lists_the_attachments_with_links(coordinator_client, event, media):
    attachments.add_attachment(event=event, title="Presentation", kind="slides", file=upload(PPTX, name="bilder.pptx"))
    page = coordinator_client.get(page_url(event)).content.decode()
    attachment = Attachment.objects.get()
    assert f'href="{attachment.file.url}"' in page
    assert "PPTX" in page


def post_bad(client, event, media, file, title="Anteckningar"):
    response = client.post(page_url(event), {"title": title, "kind": "notes", "file": file})
    assert response.status_code == 200
    assert not Attachment.objects.exists()
    assert stored_files(media) == []
    return response.context["form"].errors


def test_wrong_type_is_refused_next_to_the_field(coordinator_client, event, media):
    errors = post_bad(coordinator_client, event, media, upload(b"MZ\x90\x00", name="program.pdf"))
    assert errors["file"] == [WRONG_TYPE]


def test_too_large_names_the_limit(coordinator_client, event, media, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    errors = post_bad(coordinator_client, event, media, upload(PDF + b"0" * 1500))
    assert errors["file"] == ["The file is 1.5 kB; the largest allowed is 1 kB."]


def test_empty_file_is_refused(coordinator_client, event, media):
    errors = post_bad(coordinator_client, event, media, upload(b""))
    assert errors["file"] == ["The file is empty."]


def test_missing_file_is_refused(coordinator_client, event, media):
    response = coordinator_client.post(page_url(event), {"title": "Anteckningar", "kind": "notes"})
    assert response.context["form"].errors["file"] == ["This field is required."]


def test_missing_title_is_refused(coordinator_client, event, media):
    errors = post_bad(coordinator_client, event, media, upload(PDF), title="")
    assert errors["title"] == ["This field is required."]


def test_error_is_shown_next_to_the_field(coordinator_client, event, media):
    response = coordinator_client.post(page_url(event), {"title": "A", "kind": "notes", "file": upload(b"hello")})
    page = response.content.decode()
    assert f'<p class="error-message" id="id_file_error">{WRONG_TYPE}</p>' in page


def test_nothing_is_left_in_storage_when_the_row_fails(event, media, monkeypatch):
    def fail(*args, **kwargs):
        raise IntegrityError("the database said no")

    monkeypatch.setattr(Attachment, "save", fail)
    with pytest.raises(IntegrityError):
        attachments.add_attachment(event=event, title="Anteckningar", kind="notes", file=upload(PDF))
    assert stored_files(media) == []


def test_the_limit_defaults_to_20_mb(settings):
    del settings.UPLOAD_MAX_BYTES
    assert uploads.max_bytes() == 20_000_000


def test_attachments_page_makes_the_same_number_of_queries_for_many(
    coordinator_client, event, media, django_assert_num_queries
):
    attachments.add_attachment(event=event, title="Bilaga 0", kind="notes", file=upload(PDF))
    with django_assert_num_queries(QUERIES_ATTACHMENTS_PAGE):
        assert coordinator_client.get(page_url(event)).status_code == 200
    for number in range(1, 10):
        attachments.add_attachment(event=event, title=f"Bilaga {number}", kind="slides", file=upload(PNG, name="bild.png"))
    with django_assert_num_queries(QUERIES_ATTACHMENTS_PAGE):
        coordinator_client.get(page_url(event))


QUERIES_ATTACHMENTS_PAGE = 4


def test_anonymous_is_sent_to_sign_in_for_attachments(client, event):
    assert reverse("account_login") in client.get(page_url(event))["Location"]


def test_participant_may_not_attach(participant_client, event, media):
    response = participant_client.post(page_url(event), {"title": "A", "kind": "notes", "file": upload(PDF)})
    assert response.status_code == 403
    assert stored_files(media) == []


def test_attachments_of_an_unknown_event_is_404(coordinator_client):
    assert coordinator_client.get(reverse("meetings:organise_attachments", kwargs={"pk": 999})).status_code == 404


def test_attachments_page_refuses_other_methods(coordinator_client, event):
    assert coordinator_client.patch(page_url(event)).status_code == 405


# The admin's upload is checked the same way

def test_admin_refuses_a_file_of_the_wrong_type(coordinator_client, event, media):
    response = coordinator_client.post(
        reverse("admin:meetings_attachment_add"),
        {"event": event.pk, "title": "Program", "kind": "other", "file": upload(b"#!/bin/sh\n", name="program.pdf")},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"] == [WRONG_TYPE]
    assert not Attachment.objects.exists()


def test_admin_stores_type_and_size_from_the_content(coordinator_client, event, media):
    response = coordinator_client.post(
        reverse("admin:meetings_attachment_add"),
        {"event": event.pk, "title": "Bild", "kind": "other", "file": upload(JPEG, name="Bild på Åre.JPG", content_type="application/pdf")},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.content_type, attachment.size) == ("image/jpeg", len(JPEG))
    assert attachment.file.name.endswith("/Bild_pa_Are.jpg")


@pytest.mark.django_db(transaction=True)
def test_deleting_an_attachment_removes_its_file_from_storage(event, media):
    from samverka.meetings.attachments import add_attachment

    attachment = add_attachment(event=event, title="Anteckningar", kind="notes", file=upload(PDF))
    stored = media / attachment.file.name
    assert stored.exists()

    attachment.delete()

    assert not stored.exists()
