"""related.py: profiles, document frequencies, the index and the stored lists; refreshing one
source against rebuilding everything; the signals and the task; the command."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from samverka.knowledge import related
from samverka.knowledge.models import CooperationWish, KnowledgeItem, Related, SimilarityPosting, SimilarityProfile, SimilarityTerm
from samverka.knowledge.similarity import KNOWLEDGE, PROJECT

pytestmark = pytest.mark.django_db


def targets(source, object_id, kind=PROJECT):
    return [row.target_id for row in Related.objects.filter(source=source, source_id=object_id, target=kind).order_by("rank")]


def refreshes(callbacks):
    """Our callbacks among those of the other areas (search, subscriptions) on the same saves."""
    return [callback for callback in callbacks if "schedule_refresh" in callback.__qualname__]


def frequencies_from_profiles():
    """What the document frequencies should be, counted afresh (the empty stem: the profiles)."""
    profiles = list(SimilarityProfile.objects.values_list("counts", flat=True))
    return Counter(stem for counts in profiles for stem in counts) + Counter({"": len(profiles)})


def test_refresh_all_stores_ranked_lists_with_reasons(corpus, make_item):
    item = make_item(projects=[corpus["a"]])

    summary = related.refresh_all()

    a = corpus["a"]
    assert summary.documents == 6 and summary.rows == Related.objects.count()
    assert targets(PROJECT, a.pk)[:2] == [corpus["hydrogen"].pk, corpus["hydrogen_elsewhere"].pk]
    assert targets(PROJECT, a.pk, KNOWLEDGE) == [item.pk]
    best = Related.objects.get(source=PROJECT, source_id=a.pk, rank=1, target=PROJECT)
    assert "vätgas" in best.terms and best.same_portfolio and best.same_theme and best.same_area
    other = Related.objects.get(source=PROJECT, source_id=a.pk, target_id=corpus["hydrogen_elsewhere"].pk)
    assert not other.same_portfolio
    # An item is related to projects too, and shares its project's portfolio.
    assert targets(KNOWLEDGE, item.pk)[0] in {corpus["a"].pk, corpus["hydrogen"].pk}
    assert Related.objects.get(source=KNOWLEDGE, source_id=item.pk, target_id=a.pk).same_portfolio
    assert dict(SimilarityTerm.objects.values_list("stem", "documents")) == frequencies_from_profiles()


@pytest.mark.parametrize("champions", [200, 2])
def test_refreshing_one_source_finds_what_a_full_rebuild_finds(corpus, make_item, monkeypatch, champions):
    """The database's champion lists and the in-memory index read the same postings (with 2,
    a list is cut: fewer candidates, and the same ones both ways)."""
    from samverka.knowledge import similarity

    monkeypatch.setattr(similarity, "CHAMPIONS", champions)
    make_item(projects=[corpus["a"]])
    related.refresh_all()
    before = list(Related.objects.order_by("source", "source_id", "target", "rank").values_list(
        "source_id", "target", "target_id", "rank", "terms", "same_portfolio"))

    for project in corpus.values():
        related.refresh_source(source=PROJECT, object_id=project.pk, force=True)

    after = list(Related.objects.order_by("source", "source_id", "target", "rank").values_list(
        "source_id", "target", "target_id", "rank", "terms", "same_portfolio"))
    assert after == before


def test_a_new_project_is_profiled_and_counted_without_the_others(corpus, make_project):
    related.refresh_all()
    fresh = make_project(title="Vätgas i gruvan", summary="Vätgas och bränsleceller i gruvans tunga fordon.")

    rows = related.refresh_source(source=PROJECT, object_id=fresh.pk)

    assert rows > 0
    assert targets(PROJECT, fresh.pk)[0] in {corpus["hydrogen"].pk, corpus["hydrogen_elsewhere"].pk, corpus["a"].pk}
    assert dict(SimilarityTerm.objects.values_list("stem", "documents")) == frequencies_from_profiles()
    assert SimilarityPosting.objects.filter(source=PROJECT, object_id=fresh.pk).exists()


def test_changed_text_moves_the_document_frequencies(corpus):
    related.refresh_all()
    a = corpus["a"]
    a.summary = "Solceller på ladugårdstak hos lantbruk."
    a.purpose = ""
    a.save()

    related.refresh_source(source=PROJECT, object_id=a.pk)

    assert dict(SimilarityTerm.objects.filter(documents__gt=0).values_list("stem", "documents")) == frequencies_from_profiles()
    assert targets(PROJECT, a.pk)[0] == corpus["solar"].pk


def test_unchanged_text_leaves_the_lists_alone_unless_forced(corpus):
    related.refresh_all()
    a = corpus["a"]

    assert related.refresh_source(source=PROJECT, object_id=a.pk) == 0
    assert related.refresh_source(source=PROJECT, object_id=a.pk, force=True) == Related.objects.filter(source_id=a.pk, source=PROJECT).count()


def test_an_unpublished_item_leaves_every_list(corpus, make_item):
    item = make_item(projects=[corpus["a"]])
    related.refresh_all()
    assert targets(PROJECT, corpus["a"].pk, KNOWLEDGE) == [item.pk]

    KnowledgeItem.objects.filter(pk=item.pk).update(status=KnowledgeItem.Status.DRAFT)
    related.refresh_source(source=KNOWLEDGE, object_id=item.pk)

    assert not SimilarityProfile.objects.filter(source=KNOWLEDGE, object_id=item.pk).exists()
    assert not SimilarityPosting.objects.filter(source=KNOWLEDGE, object_id=item.pk).exists()
    assert not Related.objects.filter(target=KNOWLEDGE, target_id=item.pk).exists()
    assert not Related.objects.filter(source=KNOWLEDGE, source_id=item.pk).exists()
    assert dict(SimilarityTerm.objects.filter(documents__gt=0).values_list("stem", "documents")) == frequencies_from_profiles()


def test_a_deleted_project_leaves_every_list(corpus):
    related.refresh_all()
    gone = corpus["hydrogen"].pk
    corpus["hydrogen"].delete()

    related.refresh_source(source=PROJECT, object_id=gone)

    assert not Related.objects.filter(target=PROJECT, target_id=gone).exists()
    assert not SimilarityProfile.objects.filter(source=PROJECT, object_id=gone).exists()


def test_a_projects_wish_is_part_of_its_text(corpus):
    related.refresh_all()
    b = corpus["b"]
    CooperationWish.objects.create(project=b, text="Vi söker partner med vätgas och bränsleceller för tunga transporter.")

    related.refresh_source(source=PROJECT, object_id=b.pk)

    assert targets(PROJECT, b.pk)[0] in {corpus["hydrogen"].pk, corpus["hydrogen_elsewhere"].pk}


# --- Signals and the task ---------------------------------------------------------------------


def test_saving_a_project_refreshes_it_after_commit(corpus, immediate_tasks, django_capture_on_commit_callbacks):
    related.refresh_all()
    b = corpus["b"]
    b.summary = "Vätgas och bränsleceller i tunga transporter."

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        b.save()
        assert not Related.objects.filter(source=PROJECT, source_id=b.pk, target_id=corpus["hydrogen_elsewhere"].pk).exists()

    assert len(refreshes(callbacks)) == 1
    assert Related.objects.filter(source=PROJECT, source_id=b.pk, target_id=corpus["hydrogen_elsewhere"].pk).exists()


def test_a_save_of_other_fields_enqueues_nothing(project_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        project_a.save(update_fields=["website"])

    assert refreshes(callbacks) == []


def test_publishing_an_item_and_adding_a_wish_enqueue_refreshes(corpus, make_item, immediate_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        item = make_item(projects=[corpus["a"]])
        CooperationWish.objects.create(project=corpus["b"], text="Vi vill ordna en gemensam spridningskonferens.")

    assert len(refreshes(callbacks)) == 2
    assert SimilarityProfile.objects.filter(source=KNOWLEDGE, object_id=item.pk).exists()
    assert SimilarityProfile.objects.filter(source=PROJECT, object_id=corpus["b"].pk).exists()


def test_the_task_is_enqueued_on_the_database_backend(project_a, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        project_a.save()

    task = DBTaskResult.objects.get()
    assert task.task_path == "samverka.knowledge.tasks.refresh_related"
    assert task.args_kwargs["args"] == [PROJECT, project_a.pk]


# --- The command ------------------------------------------------------------------------------


def test_command_rebuilds_everything_with_a_summary(corpus, capsys):
    call_command("refresh_related", "--all")

    assert capsys.readouterr().out.startswith("Related: 5 projects and knowledge items, ")
    assert Related.objects.filter(source=PROJECT, source_id=corpus["a"].pk).exists()


def test_command_refreshes_one_project(corpus, capsys):
    related.refresh_all()

    call_command("refresh_related", "--project", str(corpus["a"].pk))

    rows = Related.objects.filter(source=PROJECT, source_id=corpus["a"].pk).count()
    assert capsys.readouterr().out == f"Related: project {corpus['a'].pk} refreshed, {rows} related rows.\n"


def test_command_needs_a_choice(db):
    with pytest.raises(CommandError, match="Give --all, --project ID or --item ID."):
        call_command("refresh_related")


def test_a_bulk_import_refreshes_each_project(corpus, immediate_tasks, django_capture_on_commit_callbacks):
    from samverka.registry.models import Project
    from samverka.registry.signals import projects_changed

    related.refresh_all()
    Project.objects.filter(pk=corpus["b"].pk).update(summary="Vätgas och bränsleceller i tunga transporter.")
    assert not targets(PROJECT, corpus["b"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        projects_changed.send(sender=Project, ids=[corpus["b"].pk])

    assert targets(PROJECT, corpus["b"].pk)


def test_a_large_bulk_import_rebuilds_everything_once(corpus, immediate_tasks, django_capture_on_commit_callbacks, monkeypatch):
    from samverka.registry.models import Project
    from samverka.registry.signals import projects_changed

    monkeypatch.setattr(related, "BULK_REFRESH", 2)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        projects_changed.send(sender=Project, ids=[project.pk for project in corpus.values()])

    assert len([c for c in callbacks if "projects_changed_in_bulk" in c.__qualname__]) == 1
    assert SimilarityProfile.objects.count() == len(corpus)
