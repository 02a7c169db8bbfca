"""The index follows what is saved: publish, unpublish, delete, links, the registry import."""

import pytest
from django.core.management import call_command
from django.db import connection

from samverka.knowledge.models import KnowledgeItem, NewsItem, SearchEntry
from samverka.knowledge import search
from samverka.knowledge.search import index_events, index_projects, rebuild_index
from samverka.meetings.models import Event

pytestmark = pytest.mark.django_db


def entry(source, pk):
    return SearchEntry.objects.filter(source=source, object_id=pk).first()


def test_publishing_a_knowledge_item_indexes_it_and_unpublishing_removes_it(
    make_item, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = make_item(title="Solceller på taket", status=KnowledgeItem.Status.DRAFT, published_at=None)
    assert entry("knowledge", item.pk) is None

    with django_capture_on_commit_callbacks(execute=True):
        item.status = KnowledgeItem.Status.PUBLISHED
        item.published_at = item.created_at
        item.save()
    indexed = entry("knowledge", item.pk)
    assert indexed.title == "Solceller på taket" and indexed.kind == "tip"

    with django_capture_on_commit_callbacks(execute=True):
        item.status = KnowledgeItem.Status.DRAFT
        item.save()
    assert entry("knowledge", item.pk) is None


def test_an_edit_replaces_the_entry_and_markdown_goes_in_as_text(make_item, django_capture_on_commit_callbacks):
    item = make_item(title="Före")
    with django_capture_on_commit_callbacks(execute=True):
        item.title = "Efter"
        item.body = "## Rubrik\n\nEn **fet** [länk](https://example.org) <script>alert(1)</script>"
        item.save()
    indexed = entry("knowledge", item.pk)
    assert indexed.title == "Efter"
    assert indexed.body.startswith("Rubrik\nEn fet länk") and "<" not in indexed.body and "alert" not in indexed.body
    assert SearchEntry.objects.filter(source="knowledge").count() == 1


def test_deleting_removes_the_entry(make_item, make_project, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = make_item()
        project = make_project()
    assert entry("knowledge", item.pk) and entry("project", project.pk)
    item_pk, project_pk = item.pk, project.pk
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
        project.delete()
    assert entry("knowledge", item_pk) is None and entry("project", project_pk) is None


def test_links_change_the_facets(make_item, portfolio, other_portfolio, project_a, area, django_capture_on_commit_callbacks):
    item = make_item(portfolios=[])
    with django_capture_on_commit_callbacks(execute=True):
        item.portfolios.add(other_portfolio)
    assert entry("knowledge", item.pk).portfolio_ids == [other_portfolio.pk]
    with django_capture_on_commit_callbacks(execute=True):
        item.projects.add(project_a)  # the project's portfolio and programme area come along
    indexed = entry("knowledge", item.pk)
    assert indexed.portfolio_ids == sorted([portfolio.pk, other_portfolio.pk]) and indexed.area_ids == [area.pk]
    with django_capture_on_commit_callbacks(execute=True):
        portfolio.knowledge_items.remove(item)  # from the other side: still the item that changed
        item.projects.clear()
    assert entry("knowledge", item.pk).portfolio_ids == [other_portfolio.pk] and entry("knowledge", item.pk).area_ids == []


def test_many_saves_in_one_transaction_index_once(make_item, django_capture_on_commit_callbacks, django_assert_num_queries):
    with django_capture_on_commit_callbacks() as callbacks:
        items = [make_item(title=f"Tips {n}") for n in range(5)]
    flushes = [callback for callback in callbacks if callback is search.flush]
    assert len(flushes) >= 5
    # A savepoint, the old entries, the items and their links (4), the entries (their portfolio
    # and area ids in the same rows), their facet values (the missing rows, then the entries
    # pointed at them), the matchable text (one INSERT of FTS5 rows; on PostgreSQL the vectors
    # to their stage, the match rows, the stage emptied), the release.
    with django_assert_num_queries(13 if connection.vendor == "postgresql" else 11):
        flushes[0]()
    with django_assert_num_queries(0):
        for callback in flushes[1:]:
            callback()
    assert SearchEntry.objects.filter(source="knowledge", object_id__in=[i.pk for i in items]).count() == 5


def test_project_entry(make_project, portfolio, area):
    project = make_project(
        title="Vätgas i Norrbotten", summary="Vätgas i tunga transporter.", purpose="Minska utsläppen.", case_number="20200181"
    )
    index_projects([project.pk])
    indexed = entry("project", project.pk)
    assert (indexed.kind, indexed.language, indexed.year, indexed.lead) == ("project", "sv", 2019, "Vätgas i tunga transporter.")
    assert "Minska utsläppen." in indexed.body and "20200181" in indexed.body and "Norrbottens energikontor" in indexed.body
    assert indexed.portfolio_ids == [portfolio.pk] and indexed.area_ids == [area.pk]


def test_events_only_published_or_cancelled_and_never_the_video_link(make_event, portfolio):
    shown = make_event(
        title="Webbinarium om vätgas", video_url="https://video.example.org/hemligt", dial_in="Ring 010-123 45 67",
        place="Luleå tekniska universitet",
    )
    shown.invited_portfolios.set([portfolio])
    cancelled = make_event(title="Inställd träff", status=Event.Status.CANCELLED)
    draft = make_event(title="Utkast", status=Event.Status.DRAFT)
    index_events([shown.pk, cancelled.pk, draft.pk])
    indexed = entry("event", shown.pk)
    text = f"{indexed.title} {indexed.lead} {indexed.body}"
    assert "hemligt" not in text and "010-123" not in text and "Luleå tekniska universitet" in text
    assert indexed.portfolio_ids == [portfolio.pk] and indexed.area_ids == [] and indexed.published_at == shown.starts_at
    assert entry("event", cancelled.pk) and entry("event", draft.pk) is None


def test_news_drafts_are_not_indexed(make_news):
    make_news(title="Utkast", status=NewsItem.Status.DRAFT)
    assert rebuild_index()["news"] == 0


def test_the_import_indexes_what_it_wrote(programme, county, portfolio, theme, django_capture_on_commit_callbacks):
    from samverka.registry.import_jobs import import_file

    header = "Ärende-ID;Stödmottagare;Organisationsnummer;Projektnamn;Projektbeskrivning;Beviljat belopp;Total budget;" \
        "Projektstart;Projektslut;Län;Område;Portfölj"
    row = "20200199;Luleå tekniska universitet;202100-2841;Laddstolpar längs E4;Snabbladdning för lastbilar.;" \
        "4 000 000;10 000 000;2019-01-01;2021-12-31;Norrbottens län;Övre Norrland;Förnybar energi"
    with django_capture_on_commit_callbacks(execute=True):
        outcome = import_file(f"{header}\n{row}\n".encode())
    assert outcome.saved, outcome.problems
    indexed = SearchEntry.objects.get(source="project")
    assert indexed.title == "Laddstolpar längs E4" and indexed.lead == "Snabbladdning för lastbilar."


def test_rebuild_replaces_everything(make_item, make_project, make_news, make_event, reindex):
    make_item()
    make_project()
    make_news()
    make_event()
    assert reindex() == {"project": 1, "knowledge": 1, "news": 1, "event": 1}
    assert reindex() == {"project": 1, "knowledge": 1, "news": 1, "event": 1}
    assert SearchEntry.objects.count() == 4


def test_command_prints_a_summary(make_item, make_project, capsys):
    make_item()
    make_project()
    call_command("rebuild_search_index")
    assert capsys.readouterr().out.startswith(
        "Search index rebuilt: 1 projects, 1 knowledge items, 0 news items, 0 events (2 entries) in "
    )
