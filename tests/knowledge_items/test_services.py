"""The item workflows: save with links, publish and take back, attachments stored and removed
with their files, and the writer's part of a data download and erasure."""

import pytest
from django.core.exceptions import ValidationError

from samverka.accounts import privacy
from samverka.accounts.services import erase_person
from samverka.knowledge import services
from samverka.knowledge.models import Attachment, KnowledgeItem

from .conftest import PNG, upload

pytestmark = pytest.mark.django_db

WRONG_TYPE = "The file is not one of PDF, DOCX, PPTX, XLSX, ODT, PNG or JPEG."


def save(item, person, *, projects=(), publish=False):
    return services.save_item(
        item=item, person=person, projects=projects, portfolios=[], events=[], tags=[], publish=publish
    )


def test_a_new_draft_is_the_writers(leader_a, project_a):
    item = save(KnowledgeItem(title="Tips", lead="Ingress"), leader_a, projects=[project_a])
    item.refresh_from_db()
    assert item.created_by == leader_a
    assert item.status == KnowledgeItem.Status.DRAFT and item.published_at is None
    assert list(item.projects.all()) == [project_a]


def test_publishing_sets_the_time_once(leader_a, project_a):
    item = save(KnowledgeItem(title="Tips", lead="Ingress"), leader_a, projects=[project_a], publish=True)
    first = item.published_at
    assert item.status == KnowledgeItem.Status.PUBLISHED and first is not None
    item.title = "Tips, rättat"
    save(item, leader_a, projects=[project_a], publish=True)
    item.refresh_from_db()
    assert item.published_at == first and item.title == "Tips, rättat"


def test_taking_back_to_draft_empties_the_time(make_item, leader_a, project_a):
    item = make_item(projects=[project_a])
    services.unpublish_item(item=item)
    item.refresh_from_db()
    assert item.status == KnowledgeItem.Status.DRAFT and item.published_at is None


def test_a_member_cannot_link_another_project(leader_a, project_a, project_b):
    item = save(KnowledgeItem(title="Tips", lead="Ingress"), leader_a, projects=[project_a, project_b])
    assert list(item.projects.all()) == [project_a]


def test_a_members_edit_keeps_the_projects_they_cannot_choose(make_item, leader_a, project_a, project_b):
    item = make_item(projects=[project_a, project_b])
    save(item, leader_a, projects=[project_a], publish=True)
    assert set(item.projects.all()) == {project_a, project_b}


def test_an_attachment_is_stored_with_a_safe_name_type_and_size(make_item, media):
    item = make_item()
    attachment = services.add_attachment(owner=item, title="Anteckningar", file=upload(name="Anteckningar från träffen.exe"))
    assert attachment.item == item and attachment.news_item is None
    assert attachment.content_type == "application/pdf" and attachment.size == 271_000
    assert attachment.file.name == f"knowledge/items/{item.pk}/Anteckningar_fran_traffen.pdf"
    assert (media / attachment.file.name).exists()


def test_an_attachment_is_described_as_the_network_writes_it(make_item, media):
    attachment = services.add_attachment(
        owner=make_item(), title="Anteckningar från projektledarträffen den 25 november", file=upload()
    )
    assert services.describe(attachment) == "Anteckningar från projektledarträffen den 25 november, PDF, 271 kB"


def test_a_wrong_file_is_refused_and_nothing_stored(make_item, media):
    with pytest.raises(ValidationError) as caught:
        services.add_attachment(owner=make_item(), title="Program", file=upload(b"MZ\x90\x00 a program", name="x.pdf"))
    assert caught.value.messages == [WRONG_TYPE]
    assert not Attachment.objects.exists()
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_a_removed_attachment_leaves_storage_on_commit(make_item, media, django_capture_on_commit_callbacks):
    attachment = services.add_attachment(owner=make_item(), title="Bild", file=upload(PNG, name="bild.png"))
    path = media / attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_attachment(attachment=attachment)
    assert not path.exists() and not Attachment.objects.exists()


def test_a_deleted_item_takes_its_files_along(make_item, media, django_capture_on_commit_callbacks):
    item = make_item()
    path = media / services.add_attachment(owner=item, title="Rapport", file=upload()).file.name
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert not path.exists()


def test_the_download_lists_the_items_a_person_wrote(leader_a, project_a):
    save(KnowledgeItem(title="Frukostmöten", lead="Ingress", body="Text"), leader_a, projects=[project_a])
    part = privacy.export_person(leader_a)["knowledge_items"]
    assert [item["title"] for item in part["knowledge_items"]] == ["Frukostmöten"]
    assert part["knowledge_items"][0]["status"] == "draft" and part["news_items"] == []


def test_erasure_keeps_the_item_without_the_writer(leader_a, project_a):
    item = save(KnowledgeItem(title="Frukostmöten", lead="Ingress"), leader_a, projects=[project_a], publish=True)
    erase_person(person=leader_a)
    item.refresh_from_db()
    assert item.created_by is None and item.status == KnowledgeItem.Status.PUBLISHED
    assert list(item.projects.all()) == [project_a]
