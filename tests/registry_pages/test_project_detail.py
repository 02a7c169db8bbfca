from decimal import Decimal

import pytest

from samverka.registry.models import CoFinancing, Project, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def financed_project(project_a):
    """Project A: 10 000 000 kr in all, 4 000 000 from the EU, the rest from two co-financiers."""
    CoFinancing.objects.create(project=project_a, financier="Region Norrbotten", kind="public", amount=Decimal("4500000"))
    CoFinancing.objects.create(project=project_a, financier="Vätgasbolaget AB", kind="private", amount=Decimal("1500000"))
    project_a.background = "Industrin i norr behöver fossilfri energi."
    project_a.website = "https://vatgas.example.org/"
    project_a.save()
    return project_a


def test_project_page_shows_the_registry_layout(client, financed_project):
    response = client.get(f"/projekt/{financed_project.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Vätgas i Norrbotten</h1>" in html
    assert "<h2>Bakgrund</h2>" in html
    assert "<h2>Syfte</h2>" not in html  # empty sections are left out
    for fact in ["20200181", "Norrbottens energikontor", "556036-0793", "2014SE16RFOP008", "2014–2020",
                 "Övre Norrland", "Norrbottens län", "Förnybar energi", "TO4", "1 januari 2019 – 31 december 2022",
                 "https://vatgas.example.org/"]:
        assert fact in html, fact


def test_financing_table_has_amounts_and_shares(client, financed_project):
    html = client.get(f"/projekt/{financed_project.pk}/").content.decode()

    assert "<caption" in html and '<th scope="row">Region Norrbotten</th>' in html
    assert "4\xa0000\xa0000\xa0kr" in html and "40,0\xa0%" in html
    assert "4\xa0500\xa0000\xa0kr" in html and "45,0\xa0%" in html
    assert "1\xa0500\xa0000\xa0kr" in html and "15,0\xa0%" in html
    assert "10\xa0000\xa0000\xa0kr" in html and "100,0\xa0%" in html
    assert "Offentlig medfinansiering" in html and "Privat medfinansiering" in html


def test_financing_table_in_english(client, financed_project):
    html = client.get(f"/en/projekt/{financed_project.pk}/").content.decode()

    assert "SEK 4,000,000" in html and "40.0%" in html


def test_missing_project_is_404(client, db):
    assert client.get("/projekt/999999/").status_code == 404


def test_project_page_refuses_post(client, project_a):
    assert client.post(f"/projekt/{project_a.pk}/").status_code == 405


@pytest.mark.parametrize(
    "person, sees_link",
    [
        ("coordinator_client", True),
        ("leader_a_client", True),
        ("leader_b_client", False),
        ("official_client", False),
        ("participant_client", False),
        ("client", False),
    ],
)
def test_edit_link_only_for_those_allowed(request, project_a, person, sees_link):
    client = request.getfixturevalue(person)

    html = client.get(f"/projekt/{project_a.pk}/").content.decode()

    assert (f'href="/projekt/{project_a.pk}/redigera/"' in html) is sees_link


@pytest.mark.parametrize("number", [3, 300])
def test_detail_query_count_does_not_grow(client, make_project, bulk_projects, django_assert_num_queries, number):
    bulk_projects(number)
    counties = Region.objects.bulk_create(
        Region(kind="county", code=f"{index:03d}", name=f"Län {index}", slug=f"lan-{index}") for index in range(number)
    )
    municipalities = Region.objects.bulk_create(
        Region(kind="municipality", code=f"{index:04d}", name=f"Kommun {index}", slug=f"kommun-{index}")
        for index in range(number)
    )
    project = make_project(counties=counties)
    project.municipalities.set(municipalities)
    CoFinancing.objects.bulk_create(
        CoFinancing(project=project, financier=f"Finansiär {index}", amount=Decimal("1000")) for index in range(number)
    )
    related_rows(project, number)

    # the project with its programme, owner, portfolio and area; counties; municipalities; co-financing;
    # the knowledge app's sections: the related rows, their projects, their items, the cooperation wishes
    with django_assert_num_queries(8):
        response = client.get(f"/projekt/{project.pk}/")
    assert response.status_code == 200
    assert "Projekt nummer 0" in response.content.decode()


def related_rows(project, number):
    """What the similarity task stores: up to 8 related projects and 8 related published items,
    and ``number`` cooperation wishes."""
    from django.utils import timezone

    from samverka.knowledge.models import CooperationWish, KnowledgeItem, Related

    others = list(Project.objects.exclude(pk=project.pk).order_by("pk")[:8])
    items = KnowledgeItem.objects.bulk_create(
        KnowledgeItem(title=f"Tips {index}", lead="Ett tips.", status="published", published_at=timezone.now())
        for index in range(min(number, 8))
    )
    Related.objects.bulk_create(
        [Related(source="project", source_id=project.pk, target="project", target_id=other.pk, rank=rank, score=0.5,
                 terms=["vätgas"], same_portfolio=True) for rank, other in enumerate(others, start=1)]
        + [Related(source="project", source_id=project.pk, target="knowledge", target_id=item.pk, rank=rank, score=0.4,
                   terms=["vätgas"]) for rank, item in enumerate(items, start=1)]
    )
    CooperationWish.objects.bulk_create(CooperationWish(project=project, text=f"Önskemål {index}") for index in range(number))


def test_detail_query_count_for_a_project_leader(leader_a_client, project_a, django_assert_num_queries):
    # + session, person, the role that allows editing; the knowledge app's sections: the related
    # rows, the cooperation wishes and the role that allows adding one
    with django_assert_num_queries(10):
        assert leader_a_client.get(f"/projekt/{project_a.pk}/").status_code == 200
