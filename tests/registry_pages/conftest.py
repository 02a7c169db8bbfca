"""Fixtures for the registry pages: many projects at once, for pinned query counts."""

import datetime
from decimal import Decimal

import pytest


@pytest.fixture
def bulk_projects(programme, organisation, portfolio, area, county):
    """``bulk_projects(300)`` makes 300 projects in the shared portfolio, area and county."""
    from samverka.registry.models import Project

    def make(number: int, **fields):
        values = {
            "programme": programme,
            "owner": organisation,
            "portfolio": portfolio,
            "area": area,
            "start_date": datetime.date(2019, 1, 1),
            "end_date": datetime.date(2022, 12, 31),
            "total_budget": Decimal("2000000.00"),
            "eu_funding": Decimal("1000000.00"),
            **fields,
        }
        projects = Project.objects.bulk_create(
            Project(case_number=f"3{index:07d}", title=f"Projekt nummer {index}", **values) for index in range(number)
        )
        through = Project.counties.through
        through.objects.bulk_create(through(project_id=project.pk, region_id=county.pk) for project in projects)
        return projects

    return make
