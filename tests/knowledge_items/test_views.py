"""The knowledge bank's pages: the list and its filters, an item's page, writing and editing an
item with its files, starting from a discussion group's notes; the "no" cases beside each."""

import re

import pytest
from django.urls import reverse

from samverka.knowledge.models import Attachment, KnowledgeItem, Tag

from .conftest import upload

pytestmark = pytest.mark.django_db

WRONG_TYPE = "The file is not one of PDF, DOCX, PPTX, XLSX, ODT, PNG or JPEG."


def url(name, **kwargs):
    return reverse(f"knowledge:{name}", kwargs=kwargs)


def form_data(**changes):
    data = {
        "kind": "tip",
        "title": "Spridningsfrukost med lokala företag",
        "lead": "En frukost i månaden gav fler företag i projektet.",
        "body": "Vi bjöd in **tio företag** varje månad.",
        "language": "sv",
        "action": "draft",
    }
    data.update(changes)
    return data


# --- The list ------------------------------------------------------------------------------------


def test_list_shows_published_items_only(client, make_item, project_a):
    make_item(title="Publicerat tips", projects=[project_a])
    make_item(title="Hemligt utkast", projects=[project_a], status=KnowledgeItem.Status.DRAFT)
    page = client.get(url("item_list")).content.decode()
    assert "Publicerat tips" in page and "Vätgas i Norrbotten" in page
    assert "Hemligt utkast" not in page and "Write a knowledge item" not in page


def test_list_offers_writing_and_the_drafts_to_a_member(leader_a_client, make_item, project_a, project_b):
    make_item(title="Alvas utkast", projects=[project_a], status=KnowledgeItem.Status.DRAFT)
    make_item(title="Bengts utkast", projects=[project_b], status=KnowledgeItem.Status.DRAFT)
    page = leader_a_client.get(url("item_list")).content.decode()
    assert "Write a knowledge item" in page and "Alvas utkast" in page and "Bengts utkast" not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=result", {"Resultat"}),
        ("language=en", {"English tip"}),
        ("portfolio=hallbara-transporter", {"Taggat transporter"}),
        ("portfolio=fornybar-energi", {"Resultat", "English tip"}),  # through project A's portfolio
        ("tag=spridning", {"English tip"}),
        ("kind=nonsense", {"Resultat", "English tip", "Taggat transporter"}),  # an invalid filter is left out
    ],
)
def test_list_filters(client, make_item, project_a, other_portfolio, query, expected):
    tag = Tag.objects.create(name="Spridning", slug="spridning")
    make_item(title="Resultat", kind=KnowledgeItem.Kind.RESULT, projects=[project_a])
    make_item(title="English tip", language="en", projects=[project_a], tags=[tag])
    make_item(title="Taggat transporter", portfolios=[other_portfolio])
    page = client.get(url("item_list") + "?" + query).content.decode()
    shown = set(re.findall(r'<h3 lang="\w\w"><a href="[^"]+">([^<]+)</a></h3>', page))
    assert shown == expected


def test_list_pages_twenty_at_a_time(client, make_item):
    for number in range(25):
        make_item(title=f"Tips nummer {number}")
    first = client.get(url("item_list")).content.decode()
    second = client.get(url("item_list") + "?page=2").content.decode()
    assert first.count('class="knowledge-item"') == 20 and second.count('class="knowledge-item"') == 5
    assert "Page 2 of 2" in second


@pytest.mark.parametrize("count", [1, 30])
def test_list_queries_do_not_grow_with_the_items(client, make_item, project_a, project_b, django_assert_num_queries, count):
    tag = Tag.objects.create(name="Spridning", slug="spridning")
    for number in range(count):
        make_item(title=f"Tips {number}", projects=[project_a, project_b], tags=[tag])
    # count, page, projects, tags, the portfolio and tag choices
    with django_assert_num_queries(6):
        assert client.get(url("item_list")).status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_list_queries_for_a_member_do_not_grow(leader_a_client, make_item, project_a, django_assert_num_queries, count):
    for number in range(count):
        make_item(title=f"Tips {number}", projects=[project_a])
        make_item(title=f"Utkast {number}", projects=[project_a], status=KnowledgeItem.Status.DRAFT)
    # session, person, the six of the list, may write, drafts
    with django_assert_num_queries(10):
        assert leader_a_client.get(url("item_list")).status_code == 200


def test_list_wrong_method(client):
    assert client.post(url("item_list")).status_code == 405


# --- An item's page -------------------------------------------------------------------------------


def test_item_page_shows_kind_lead_links_and_files(client, make_item, project_a, portfolio, past_event, media):
    from samverka.knowledge import services

    tag = Tag.objects.create(name="Spridning", slug="spridning")
    item = make_item(projects=[project_a], portfolios=[portfolio], events=[past_event], tags=[tag])
    services.add_attachment(owner=item, title="Anteckningar från projektledarträffen den 25 november", file=upload())
    page = client.get(url("item", pk=item.pk)).content.decode()
    assert "<h1" in page and page.count("<h1") == 1
    assert "Tip" in page and "En frukost i månaden gav fler företag i projektet." in page
    assert "<strong>tio företag</strong>" in page
    assert "Vätgas i Norrbotten" in page and "Renewable energy" in page and past_event.title in page and "Spridning" in page
    assert "Anteckningar från projektledarträffen den 25 november, PDF, 271 kB" in page
    assert "Edit the knowledge item" not in page


def test_item_page_strips_script_and_event_handlers(client, make_item):
    item = make_item(body='Hej <script>alert("x")</script> <img src=x onerror="alert(1)"> <a href="javascript:alert(1)" onclick="alert(2)">länk</a>')
    page = client.get(url("item", pk=item.pk)).content.decode()
    assert "alert" not in page.split("<main", 1)[1] and "onerror" not in page and "onclick" not in page
    assert "javascript:" not in page


@pytest.mark.parametrize("count", [1, 12])
def test_item_page_queries_are_fixed(client, make_item, project_a, portfolio, past_event, media, django_assert_num_queries, count):
    from samverka.knowledge import services

    tags = [Tag.objects.create(name=f"Tagg {n}", slug=f"tagg-{n}") for n in range(count)]
    item = make_item(projects=[project_a], portfolios=[portfolio], events=[past_event], tags=tags)
    for number in range(count):
        services.add_attachment(owner=item, title=f"Bilaga {number}", file=upload())
    # item, projects, portfolios, events, tags, attachments, the related rows (none here; with
    # rows, their projects and items: tests/knowledge_similar/test_pages.py)
    with django_assert_num_queries(7):
        assert client.get(url("item", pk=item.pk)).status_code == 200


@pytest.mark.parametrize("who", ["client", "participant_client", "leader_b_client"])
def test_a_draft_is_404_to_outsiders(request, make_item, project_a, who):
    item = make_item(projects=[project_a], status=KnowledgeItem.Status.DRAFT)
    assert request.getfixturevalue(who).get(url("item", pk=item.pk)).status_code == 404


def test_a_draft_is_shown_to_its_editors_marked(leader_a_client, coordinator_client, make_item, project_a):
    item = make_item(projects=[project_a], status=KnowledgeItem.Status.DRAFT)
    for client in (leader_a_client, coordinator_client):
        page = client.get(url("item", pk=item.pk)).content.decode()
        assert "Draft: only the editors of its projects" in page and "Edit the knowledge item" in page


def test_no_such_item(client):
    assert client.get(url("item", pk=999)).status_code == 404


def test_item_page_wrong_method(client, make_item):
    assert client.post(url("item", pk=make_item().pk)).status_code == 405


# --- Writing an item ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(url("item_new"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_person_without_a_project_may_not_write(participant_client):
    assert participant_client.get(url("item_new")).status_code == 403
    assert participant_client.post(url("item_new"), form_data()).status_code == 403
    assert not KnowledgeItem.objects.exists()


def test_new_item_wrong_method(leader_a_client):
    assert leader_a_client.delete(url("item_new")).status_code == 405


def test_a_member_chooses_among_her_own_projects(leader_a_client, project_a, project_b):
    page = leader_a_client.get(url("item_new")).content.decode()
    assert "Vätgas i Norrbotten" in page and "Energismarta småföretag" not in page


def test_a_member_saves_a_draft(leader_a_client, leader_a, project_a):
    response = leader_a_client.post(url("item_new"), form_data(projects=[project_a.pk]))
    item = KnowledgeItem.objects.get()
    assert response.status_code == 302 and response["Location"] == url("item_edit", pk=item.pk)
    assert item.status == KnowledgeItem.Status.DRAFT and item.created_by == leader_a
    assert list(item.projects.all()) == [project_a]


def test_a_member_publishes(leader_a_client, project_a, client):
    response = leader_a_client.post(url("item_new"), form_data(projects=[project_a.pk], action="publish"))
    item = KnowledgeItem.objects.get()
    assert response["Location"] == url("item", pk=item.pk)
    assert item.status == KnowledgeItem.Status.PUBLISHED and item.published_at
    assert "Spridningsfrukost med lokala företag" in client.get(url("item_list")).content.decode()


def test_a_coordinator_may_write_without_a_project(coordinator_client):
    response = coordinator_client.post(url("item_new"), form_data(action="publish"))
    assert response.status_code == 302 and KnowledgeItem.objects.get().projects.count() == 0


def test_script_is_stripped_from_title_and_lead(leader_a_client, project_a):
    leader_a_client.post(url("item_new"), form_data(
        projects=[project_a.pk], title='Frukost <script>alert(1)</script>med <b onclick="x()">företag</b>',
        lead='Ingress <img src=x onerror="alert(1)">här',
    ))
    item = KnowledgeItem.objects.get()
    assert item.title == "Frukost med företag" and item.lead == "Ingress här"


def errors_of(response):
    return re.findall(r'<p class="error-message" id="[^"]+">([^<]+)</p>', response.content.decode())


def test_a_title_is_required(leader_a_client, project_a):
    response = leader_a_client.post(url("item_new"), form_data(projects=[project_a.pk], title=""))
    assert response.status_code == 200 and errors_of(response) == ["This field is required."]


def test_a_too_long_title(leader_a_client, project_a):
    response = leader_a_client.post(url("item_new"), form_data(projects=[project_a.pk], title="x" * 201))
    assert errors_of(response) == ["Ensure this value has at most 200 characters (it has 201)."]


def test_a_too_long_lead(leader_a_client, project_a):
    response = leader_a_client.post(url("item_new"), form_data(projects=[project_a.pk], lead="x" * 601))
    assert errors_of(response) == ["Ensure this value has at most 600 characters (it has 601)."]


def test_a_member_must_choose_a_project(leader_a_client):
    response = leader_a_client.post(url("item_new"), form_data())
    assert errors_of(response) == ["Choose at least one of your projects: the one the item is about."]


def test_a_member_cannot_link_another_project(leader_a_client, project_b):
    response = leader_a_client.post(url("item_new"), form_data(projects=[project_b.pk]))
    assert errors_of(response) == [f"Select a valid choice. {project_b.pk} is not one of the available choices."]
    assert not KnowledgeItem.objects.exists()


def test_everything_typed_is_kept_on_an_invalid_form(leader_a_client, project_a, portfolio):
    tag = Tag.objects.create(name="Spridning", slug="spridning")
    response = leader_a_client.post(url("item_new"), form_data(
        title="", kind="story", lead="Min ingress", body="Min **text**", language="en",
        projects=[project_a.pk], portfolios=[portfolio.pk], tags=[tag.pk],
    ))
    page = response.content.decode()
    assert "The knowledge item was not saved" in page
    assert '<option value="story" selected>' in page and '<option value="en" selected>' in page
    assert "Min ingress</textarea>" in page and "Min **text**</textarea>" in page
    assert re.search(rf'value="{project_a.pk}"[^>]*checked', page)
    assert re.search(rf'value="{portfolio.pk}"[^>]*checked', page)
    assert re.search(rf'value="{tag.pk}"[^>]*checked', page)


# --- Starting from a discussion group's notes ----------------------------------------------------


def test_the_note_taker_starts_from_her_groups_notes(leader_a_client, leader_a, make_group, future_event):
    group = make_group(future_event, note_taker=leader_a)
    page = leader_a_client.get(url("item_new") + f"?grupp={group.pk}").content.decode()
    assert "Based on the notes of group 1" in page
    assert f'value="{future_event.title}: Spridningsaktiviteter"' in page
    assert "- Bjud in företagen till frukost" in page
    assert re.search(rf'<option value="{future_event.pk}" selected>', page)


def test_the_group_item_is_linked_to_the_event(leader_a_client, leader_a, project_a, make_group, future_event):
    group = make_group(future_event, note_taker=leader_a)
    leader_a_client.post(url("item_new") + f"?grupp={group.pk}", form_data(projects=[project_a.pk], events=[future_event.pk]))
    assert list(KnowledgeItem.objects.get().events.all()) == [future_event]


def test_notes_not_yet_public_are_403_to_others(leader_b_client, leader_a, make_group, future_event):
    group = make_group(future_event, note_taker=leader_a)
    assert leader_b_client.get(url("item_new") + f"?grupp={group.pk}").status_code == 403


def test_notes_on_a_past_events_page_are_for_every_writer(leader_b_client, make_group, past_event):
    group = make_group(past_event)
    assert leader_b_client.get(url("item_new") + f"?grupp={group.pk}").status_code == 200


@pytest.mark.parametrize("value", ["999", "abc"])
def test_no_such_group(coordinator_client, value):
    assert coordinator_client.get(url("item_new") + f"?grupp={value}").status_code == 404


# --- Editing an item ------------------------------------------------------------------------------


def test_edit_page_shows_the_item(leader_a_client, make_item, project_a):
    item = make_item(projects=[project_a])
    page = leader_a_client.get(url("item_edit", pk=item.pk)).content.decode()
    assert 'value="Spridningsfrukost med lokala företag"' in page and "Return to draft" in page


def test_taking_an_item_back_to_draft(leader_a_client, make_item, project_a, client):
    item = make_item(projects=[project_a])
    leader_a_client.post(url("item_edit", pk=item.pk), form_data(projects=[project_a.pk], action="draft"))
    item.refresh_from_db()
    assert item.status == KnowledgeItem.Status.DRAFT and client.get(url("item", pk=item.pk)).status_code == 404


def test_an_edit_keeps_an_event_that_is_no_longer_a_choice(coordinator_client, make_item, future_event):
    item = make_item(events=[future_event])
    response = coordinator_client.post(url("item_edit", pk=item.pk), form_data(events=[future_event.pk], action="publish"))
    assert response.status_code == 302 and list(item.events.all()) == [future_event]


def test_another_projects_member_may_not_edit(leader_b_client, make_item, project_a):
    published = make_item(projects=[project_a])
    draft = make_item(projects=[project_a], status=KnowledgeItem.Status.DRAFT)
    assert leader_b_client.get(url("item_edit", pk=published.pk)).status_code == 403
    assert leader_b_client.post(url("item_edit", pk=published.pk), form_data(title="Kapat")).status_code == 403
    assert leader_b_client.get(url("item_edit", pk=draft.pk)).status_code == 404
    published.refresh_from_db()
    assert published.title == "Spridningsfrukost med lokala företag"


def test_edit_anonymous_and_wrong_method(client, leader_a_client, make_item, project_a):
    item = make_item(projects=[project_a])
    assert "/login/" in client.get(url("item_edit", pk=item.pk))["Location"]
    assert leader_a_client.put(url("item_edit", pk=item.pk)).status_code == 405


@pytest.mark.parametrize("count", [1, 10])
def test_edit_page_queries_are_fixed(leader_a_client, make_item, project_a, media, django_assert_num_queries, count):
    from samverka.knowledge import services

    item = make_item(projects=[project_a])
    for number in range(count):
        services.add_attachment(owner=item, title=f"Bilaga {number}", file=upload())
    # session, person, item, may edit, its events; its projects, portfolios, events, tags and
    # the choices of each; attachments
    with django_assert_num_queries(14):
        assert leader_a_client.get(url("item_edit", pk=item.pk)).status_code == 200


# --- Files on the edit page -----------------------------------------------------------------------


def test_a_member_attaches_a_file(leader_a_client, make_item, project_a, media):
    item = make_item(projects=[project_a])
    response = leader_a_client.post(
        url("item_attachment_add", pk=item.pk), {"attachment-title": "Anteckningar", "attachment-file": upload()}
    )
    assert response.status_code == 302 and response["Location"] == url("item_edit", pk=item.pk)
    assert Attachment.objects.get().item == item
    page = leader_a_client.get(url("item_edit", pk=item.pk)).content.decode()
    assert "Anteckningar, PDF, 271 kB" in page and "Anteckningar is attached." in page


def test_a_file_of_the_wrong_type(leader_a_client, make_item, project_a, media):
    item = make_item(projects=[project_a])
    response = leader_a_client.post(url("item_attachment_add", pk=item.pk), {
        "attachment-title": "Programmet", "attachment-file": upload(b"MZ\x90\x00 program", name="program.pdf"),
    })
    page = response.content.decode()
    assert response.status_code == 200 and errors_of(response) == [WRONG_TYPE]
    assert "The file was not attached" in page and 'value="Programmet"' in page
    assert not Attachment.objects.exists()


def test_an_empty_file(leader_a_client, make_item, project_a, media):
    item = make_item(projects=[project_a])
    response = leader_a_client.post(
        url("item_attachment_add", pk=item.pk), {"attachment-title": "Tom", "attachment-file": upload(b"", name="tom.pdf")}
    )
    assert errors_of(response) == ["The file is empty."]


def test_a_too_long_file_title(leader_a_client, make_item, project_a, media):
    item = make_item(projects=[project_a])
    response = leader_a_client.post(
        url("item_attachment_add", pk=item.pk), {"attachment-title": "x" * 201, "attachment-file": upload()}
    )
    assert errors_of(response) == ["Ensure this value has at most 200 characters (it has 201)."]


def test_a_member_removes_a_file(leader_a_client, make_item, project_a, media, django_capture_on_commit_callbacks):
    from samverka.knowledge import services

    item = make_item(projects=[project_a])
    attachment = services.add_attachment(owner=item, title="Gammal", file=upload())
    path = media / attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = leader_a_client.post(url("item_attachment_remove", pk=item.pk, attachment_pk=attachment.pk))
    assert response.status_code == 302 and not Attachment.objects.exists() and not path.exists()


def test_files_are_not_for_others(leader_b_client, client, make_item, project_a, media):
    from samverka.knowledge import services

    item = make_item(projects=[project_a])
    attachment = services.add_attachment(owner=item, title="Kvar", file=upload())
    remove = url("item_attachment_remove", pk=item.pk, attachment_pk=attachment.pk)
    assert leader_b_client.post(remove).status_code == 403
    assert leader_b_client.post(url("item_attachment_add", pk=item.pk), {"attachment-title": "x", "attachment-file": upload()}).status_code == 403
    assert "/login/" in client.post(remove)["Location"]
    assert Attachment.objects.count() == 1


def test_file_pages_wrong_method(leader_a_client, make_item, project_a):
    item = make_item(projects=[project_a])
    assert leader_a_client.get(url("item_attachment_add", pk=item.pk)).status_code == 405


def test_a_linked_draft_event_is_not_shown(client, make_item, future_event):
    from samverka.meetings.models import Event

    Event.objects.filter(pk=future_event.pk).update(status=Event.Status.DRAFT)
    item = make_item(events=[future_event])
    assert future_event.title not in client.get(url("item", pk=item.pk)).content.decode()
