"""The knowledge app's sections on the project page (through samverka/registry/sections.py) and
the related block of a knowledge item's page: stored rows only, fixed queries."""

import pytest
from django.utils import timezone

from samverka.knowledge import related
from samverka.knowledge.models import CooperationWish, KnowledgeItem, Related
from samverka.registry import sections

pytestmark = pytest.mark.django_db


def test_project_page_shows_projects_like_it_with_reasons(client, corpus, make_item):
    item = make_item(title="Tips: provkörning med vätgaslastbilar", projects=[corpus["a"]])
    related.refresh_all()

    page = client.get(f"/en/projekt/{corpus['a'].pk}/").content.decode()

    section = page.split('<h2 id="projects-like-yours">Projects like this one</h2>', 1)[1].split("</section>", 1)[0]
    assert section.index("Vätgas för tunga transporter i Luleå") < section.index("Vätgaslastbilar i hamnen")
    assert "Energismarta småföretag" not in section
    assert 'Shared words: <span lang="sv">' in section and "vätgas" in section
    assert "Same portfolio" in section
    assert f'href="/en/samverkan/projekt/{corpus["a"].pk}/"' in section
    related_knowledge = page.split('<h2 id="related-knowledge">Related knowledge</h2>', 1)[1]
    assert item.title in related_knowledge


def test_project_page_without_related_rows_or_wishes_shows_no_sections(client, project_a):
    page = client.get(f"/en/projekt/{project_a.pk}/").content.decode()

    assert "Projects like this one" not in page and "Related knowledge" not in page
    assert 'id="cooperation-wishes"' not in page


def test_project_page_shows_the_wishes_and_offers_members_to_add_one(client, leader_a_client, leader_b_client, project_a):
    wish = CooperationWish.objects.create(project=project_a, text="Vi söker partner för en spridningskonferens.")
    CooperationWish.objects.create(project=project_a, text="Ett stängt önskemål.", active=False)

    for who, manages in ((client, False), (leader_b_client, False), (leader_a_client, True)):
        page = who.get(f"/en/projekt/{project_a.pk}/").content.decode()
        assert wish.text in page and "Ett stängt önskemål." not in page
        assert (f'href="/en/samverkan/projekt/{project_a.pk}/onskemal/ny/"' in page) is manages
        assert (f'href="/en/samverkan/onskemal/{wish.pk}/"' in page) is manages


def test_a_member_is_invited_to_state_a_wish(leader_a_client, project_a):
    page = leader_a_client.get(f"/en/projekt/{project_a.pk}/").content.decode()

    assert "Tell other projects what you would like to do together, and they can find you." in page


def test_a_section_provider_is_registered_once():
    names = [name for _order, name, _func in sections._providers]

    assert len(names) == len(set(names))
    assert "samverka.knowledge.project_sections.projects_like_yours" in names


@pytest.mark.parametrize("number", [1, 8])
def test_item_page_with_related_rows_makes_fixed_queries(client, make_item, make_project, django_assert_num_queries, number):
    item = make_item()
    projects = [make_project(title=f"Projekt {n}") for n in range(number)]
    items = KnowledgeItem.objects.bulk_create(
        KnowledgeItem(title=f"Tips {n}", lead="Ett tips.", status="published", published_at=timezone.now())
        for n in range(number)
    )
    Related.objects.bulk_create(
        [Related(source="knowledge", source_id=item.pk, target="project", target_id=p.pk, rank=r, score=0.5, terms=["vätgas"])
         for r, p in enumerate(projects, start=1)]
        + [Related(source="knowledge", source_id=item.pk, target="knowledge", target_id=i.pk, rank=r, score=0.5, terms=["vätgas"])
           for r, i in enumerate(items, start=1)]
    )

    # the item, its projects, portfolios, events, tags, attachments; the related rows, their
    # projects with their portfolios, their items
    with django_assert_num_queries(9):
        response = client.get(f"/en/kunskapsbank/{item.pk}/")
    page = response.content.decode()
    assert '<h2 id="related-projects">Related projects</h2>' in page and "Projekt 0" in page
    assert '<h2 id="related-items">Related knowledge</h2>' in page and "Tips 0" in page


def test_item_page_leaves_out_a_related_item_no_longer_published(client, make_item):
    item, other = make_item(), make_item(title="Ett utkast nu")
    Related.objects.create(source="knowledge", source_id=item.pk, target="knowledge", target_id=other.pk, rank=1, score=0.5)
    KnowledgeItem.objects.filter(pk=other.pk).update(status="draft")

    page = client.get(f"/en/kunskapsbank/{item.pk}/").content.decode()

    assert "Ett utkast nu" not in page and "Related knowledge" not in page
