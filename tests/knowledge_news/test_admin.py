"""The back office of items and news: coordinators only; news with images (PNG or JPEG, alt
text required) and attachments checked like every other file; plain titles; publication."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.knowledge.models import Attachment, KnowledgeItem, NewsImage, NewsItem

from .conftest import JPEG, PNG, upload

pytestmark = pytest.mark.django_db

WRONG_TYPE = "The file is not one of PDF, DOCX, PPTX, XLSX, ODT, PNG or JPEG."


def management(prefix, total):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def news_data(*, images=(), attachments=(), **changes):
    publish = timezone.localtime() - datetime.timedelta(hours=1)
    data = {
        "title": "Två projektledarträffar i november",
        "lead": "42 projekt träffades digitalt.",
        "body": "Anteckningarna finns som bilaga.",
        "language": "sv",
        "status": "published",
        "publish_at_0": publish.strftime("%Y-%m-%d"),
        "publish_at_1": publish.strftime("%H:%M"),
        **management("images", len(images)),
        **management("attachments", len(attachments)),
    }
    for number, image in enumerate(images):
        data.update({f"images-{number}-{key}": value for key, value in image.items()})
    for number, attachment in enumerate(attachments):
        data.update({f"attachments-{number}-{key}": value for key, value in attachment.items()})
    data.update(changes)
    return data


def add(client, data):
    return client.post(reverse("admin:knowledge_newsitem_add"), data)


def inline_errors(response, prefix):
    for formset in response.context["inline_admin_formsets"]:
        if formset.formset.prefix == prefix:
            return formset.formset.errors
    raise AssertionError(prefix)


@pytest.mark.parametrize("model", ["knowledgeitem", "newsitem", "tag"])
def test_coordinators_have_the_lists(coordinator_client, model):
    assert coordinator_client.get(reverse(f"admin:knowledge_{model}_changelist")).status_code == 200
    assert coordinator_client.get(reverse(f"admin:knowledge_{model}_add")).status_code == 200


def test_others_are_not_let_in(leader_a_client):
    response = leader_a_client.get(reverse("admin:knowledge_newsitem_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_coordinator_writes_news_with_an_image_and_notes(coordinator_client, coordinator, media):
    response = add(coordinator_client, news_data(
        images=[{"image": upload(PNG, name="Träffen.png"), "alt_text": "Deltagarna i videomötet", "caption": "", "position": "0"}],
        attachments=[{"title": "Anteckningar", "file": upload(name="Anteckningar 25 nov.pdf")}],
    ))
    assert response.status_code == 302
    news_item = NewsItem.objects.get()
    assert news_item.created_by == coordinator
    image = NewsImage.objects.get()
    assert image.content_type == "image/png" and image.size == len(PNG) and image.alt_text == "Deltagarna i videomötet"
    attachment = Attachment.objects.get()
    assert attachment.news_item == news_item and attachment.content_type == "application/pdf" and attachment.size == 271_000
    assert attachment.file.name == f"knowledge/news/{news_item.pk}/Anteckningar_25_nov.pdf"


def test_an_image_without_alt_text(coordinator_client, media):
    response = add(coordinator_client, news_data(
        images=[{"image": upload(JPEG, name="bild.jpg"), "alt_text": " ", "caption": "", "position": "0"}]
    ))
    assert response.status_code == 200
    assert inline_errors(response, "images") == [{"alt_text": ["Describe what the image shows, for people who cannot see it."]}]
    assert not NewsItem.objects.exists()


def test_an_image_that_is_no_png_or_jpeg(coordinator_client, media):
    response = add(coordinator_client, news_data(
        images=[{"image": upload(name="bild.png"), "alt_text": "En bild", "caption": "", "position": "0"}]
    ))
    assert inline_errors(response, "images") == [{"image": ["The image is not a PNG or JPEG file."]}]
    assert not NewsImage.objects.exists()


def test_an_attachment_of_the_wrong_type(coordinator_client, media):
    response = add(coordinator_client, news_data(
        attachments=[{"title": "Program", "file": upload(b"MZ\x90\x00 program", name="program.pdf")}]
    ))
    assert inline_errors(response, "attachments") == [{"file": [WRONG_TYPE]}]
    assert not Attachment.objects.exists()


def test_a_too_long_title(coordinator_client):
    response = add(coordinator_client, news_data(title="x" * 201))
    assert response.context["adminform"].form.errors["title"] == ["Ensure this value has at most 200 characters (it has 201)."]


def test_script_is_stripped_from_the_title_and_lead(coordinator_client):
    add(coordinator_client, news_data(title="Nyhet <script>alert(1)</script>idag", lead='Ingress <img src=x onerror="alert(1)">'))
    news_item = NewsItem.objects.get()
    assert news_item.title == "Nyhet idag" and news_item.lead == "Ingress"


def test_a_published_knowledge_item_gets_a_publication_time(coordinator_client, coordinator):
    response = coordinator_client.post(reverse("admin:knowledge_knowledgeitem_add"), {
        "kind": "result", "title": "Resultat", "lead": "Ingress", "body": "", "language": "sv",
        "status": "published", "published_at_0": "", "published_at_1": "", **management("attachments", 0),
    })
    assert response.status_code == 302
    item = KnowledgeItem.objects.get()
    assert item.published_at is not None and item.created_by == coordinator


def test_the_news_list_shows_what_is_on_the_site(coordinator_client, make_news, scheduled):
    make_news(title="Utkast", status=NewsItem.Status.DRAFT)
    page = coordinator_client.get(reverse("admin:knowledge_newsitem_changelist")).content.decode()
    assert "scheduled" in page and "no (draft)" in page
