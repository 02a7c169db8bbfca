"""Quality check on the demo data: projects of the same portfolio and theme area rank above
unrelated ones (another portfolio).

The figures print with ``pytest -s``. On the demo's texts today: 0.92 of the top-5 neighbours
share the portfolio; over every project's full ranking of the 119 others, the mean rank of the
projects of the same portfolio and theme area is about 13 (19 for the other theme area), and
of the unrelated ones about 69.
The assertions keep a margin below that. The theme area (the period's objective, TO4 or PO2)
is in no demo text, so within a portfolio only the small structural bonus tells the two apart.
"""

import statistics

import pytest
from django.core.management import call_command

from samverka.knowledge import related, similarity
from samverka.knowledge.models import Related, SimilarityProfile, SimilarityTerm
from samverka.knowledge.similarity import PROJECT
from samverka.registry.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)
    related.refresh_all()
    return {project.pk: project for project in Project.objects.all()}


def test_top_neighbours_share_the_portfolio(demo):
    rows = list(Related.objects.filter(source=PROJECT, target=PROJECT, rank__lte=5))
    same_portfolio = [demo[row.source_id].portfolio_id == demo[row.target_id].portfolio_id for row in rows]
    share = sum(same_portfolio) / len(rows)
    print(f"\ntop-5 neighbours in the same portfolio: {share:.2f} ({len(rows)} neighbours of {len(demo)} projects)")
    assert {row.source_id for row in rows} == set(demo)  # every project has neighbours
    assert all(row.same_portfolio == same for row, same in zip(rows, same_portfolio))
    assert share >= 0.8


def test_same_portfolio_and_theme_rank_above_unrelated_projects(demo):
    """Each project's full ranking of every other project from the stored profiles: the mean
    place of those in its portfolio and theme area, against those of other portfolios."""
    profiles = {p.object_id: related._stored(p) for p in SimilarityProfile.objects.filter(source=PROJECT)}
    frequencies = dict(SimilarityTerm.objects.values_list("stem", "documents"))
    total = SimilarityProfile.objects.count()

    def idf_of(stem):
        return similarity.idf(frequencies[stem], total)

    places = {"same portfolio and theme area": [], "same portfolio, other theme area": [], "other portfolio": []}
    for pk, document in profiles.items():
        ranking = similarity.rank(document, profiles.values(), idf_of, limit=len(profiles))
        ranked = {match.key[1]: place for place, match in enumerate(ranking, start=1)}
        for other_pk in profiles:
            if other_pk == pk:
                continue
            place = ranked.get(other_pk, len(profiles))  # not a neighbour at all: last
            if demo[other_pk].portfolio_id != demo[pk].portfolio_id:
                places["other portfolio"].append(place)
            elif demo[other_pk].theme_id == demo[pk].theme_id:
                places["same portfolio and theme area"].append(place)
            else:
                places["same portfolio, other theme area"].append(place)
    means = {group: statistics.mean(values) for group, values in places.items()}
    print("\nmean rank of " + "; ".join(f"{group}: {mean:.1f}" for group, mean in means.items())
          + f" (of {len(profiles) - 1})")
    assert means["same portfolio and theme area"] * 3 < means["other portfolio"]
    assert means["same portfolio and theme area"] <= means["same portfolio, other theme area"]
