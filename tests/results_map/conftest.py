"""The frame of Sweden as the demo has it: programme areas with their counties, and projects in some."""

from decimal import Decimal

import pytest

from samverka.results.maps import AREA_COUNTIES


@pytest.fixture
def sweden(area, county):
    """Every programme area and county: the root conftest's Övre Norrland (SE33) and Norrbottens län
    (25), the others named after their codes (the names do not matter here)."""
    from samverka.registry.models import Region

    regions = {"SE33": area, "25": county}
    for area_code, county_codes in AREA_COUNTIES.items():
        if area_code not in regions:
            regions[area_code] = Region.objects.create(
                kind="area", code=area_code, name=f"Område {area_code}", slug=area_code.lower()
            )
        for code in county_codes:
            if code not in regions:
                regions[code] = Region.objects.create(
                    kind="county", code=code, name=f"Län {code}", slug=f"lan-{code}", parent=regions[area_code]
                )
    return regions


@pytest.fixture
def funded(sweden, make_project):
    """SE33: two projects (4 M and 2 M EU) in county 25; SE22: one project (1 M EU) in county 12."""
    make_project(area=sweden["SE33"], counties=[sweden["25"]], eu_funding=Decimal("4000000"))
    make_project(area=sweden["SE33"], counties=[sweden["25"]], eu_funding=Decimal("2000000"))
    make_project(area=sweden["SE22"], counties=[sweden["12"]], eu_funding=Decimal("1000000"))
