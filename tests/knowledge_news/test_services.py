"""News images and files through the workflows: PNG or JPEG with alt text, nothing stored on a
refusal, files gone with their rows; the writer's part of a data download and erasure."""

import pytest
from django.core.exceptions import ValidationError

from samverka.accounts import privacy
from samverka.accounts.services import erase_person
from samverka.knowledge import services
from samverka.knowledge.models import NewsImage

from .conftest import JPEG, PNG, upload

pytestmark = pytest.mark.django_db


def stored(media):
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def test_an_image_is_stored_with_its_alt_text(make_news, media):
    news_item = make_news()
    image = services.add_news_image(news_item=news_item, file=upload(JPEG, name="Träffen i Luleå.jpeg"), alt_text=" Deltagare ")
    assert image.alt_text == "Deltagare" and image.content_type == "image/jpeg"
    assert image.image.name == f"knowledge/news/{news_item.pk}/images/Traffen_i_Lulea.jpg"


def test_an_image_without_alt_text(make_news, media):
    with pytest.raises(ValidationError) as caught:
        services.add_news_image(news_item=make_news(), file=upload(PNG, name="bild.png"), alt_text="  ")
    assert caught.value.message_dict == {"alt_text": ["Describe what the image shows, for people who cannot see it."]}
    assert not NewsImage.objects.exists() and stored(media) == []


def test_a_pdf_is_no_image(make_news, media):
    with pytest.raises(ValidationError) as caught:
        services.add_news_image(news_item=make_news(), file=upload(name="bild.png"), alt_text="En bild")
    assert caught.value.messages == ["The image is not a PNG or JPEG file."]
    assert stored(media) == []


def test_a_deleted_news_item_takes_its_files_along(make_news, media, django_capture_on_commit_callbacks):
    news_item = make_news()
    services.add_news_image(news_item=news_item, file=upload(PNG, name="bild.png"), alt_text="En bild")
    services.add_attachment(owner=news_item, title="Anteckningar", file=upload())
    assert len(stored(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        news_item.delete()
    assert stored(media) == []


def test_news_writers_are_forgotten_but_the_news_stays(make_news, coordinator):
    news_item = make_news(created_by=coordinator)
    assert [row["title"] for row in privacy.export_person(coordinator)["knowledge_items"]["news_items"]] == [news_item.title]
    erase_person(person=coordinator)
    news_item.refresh_from_db()
    assert news_item.created_by is None and news_item.status == "published"
