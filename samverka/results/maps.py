"""The map of Sweden on the statistics pages: counties or programme areas, shaded by a figure.

The outlines are ``geo/sweden_counties.json``, SVG path data made once from openly licensed
boundaries by ``scripts/build_sweden_map.py`` (source and licence in ``geo/README.md``). A
programme area (NUTS 2) is drawn as the counties it is made of (``AREA_COUNTIES``), so one file
serves both maps. Nothing is projected at run time: the page draws the paths as they are.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GEO = Path(__file__).resolve().parent / "geo" / "sweden_counties.json"

# NUTS 2 programme areas and their counties (two-digit county codes).
AREA_COUNTIES = {
    "SE11": ["01"],  # Stockholm
    "SE12": ["03", "04", "05", "18", "19"],  # Östra Mellansverige
    "SE21": ["06", "07", "08", "09"],  # Småland och öarna
    "SE22": ["10", "12"],  # Sydsverige (Skåne-Blekinge)
    "SE23": ["13", "14"],  # Västsverige
    "SE31": ["17", "20", "21"],  # Norra Mellansverige
    "SE32": ["22", "23"],  # Mellersta Norrland
    "SE33": ["24", "25"],  # Övre Norrland
}
SHADES = 4  # classes with projects; class 0 is "none"


@cache
def outlines() -> dict:
    """``{"view_box": "0 0 w h", "counties": {code: (name, path data)}}``, read once per process."""
    data = json.loads(GEO.read_text(encoding="utf-8"))
    return {"view_box": data["view_box"], "counties": {c["code"]: (c["name"], c["d"]) for c in data["counties"]}}


@dataclass
class Place:
    """One shaded shape of the map: an area or a county, with its figure and where it links."""

    code: str
    name: str
    paths: list
    value: object = 0
    shade: int = 0
    href: str = ""
    text: str = ""  # the figure as the page shows it


def shade_of(value, low, high) -> int:
    """0 for nothing, else 1…SHADES in equal steps from the smallest figure above nothing to the
    largest (regions often differ by little, and steps from zero would shade them all alike)."""
    if not value:
        return 0
    if high <= low:
        return SHADES
    return max(1, min(SHADES, math.ceil((value - low) * SHADES / (high - low)) or 1))


def legend(low, high) -> list[tuple[int, object, object]]:
    """``[(shade, from, to)]``: the figure range of each shade; shade 0 is nothing."""
    if not high:
        return [(0, 0, 0)]
    if high <= low:
        return [(0, 0, 0), (SHADES, low, high)]
    steps = [low + (high - low) * step / SHADES for step in range(SHADES + 1)]
    return [(0, 0, 0)] + [(shade, steps[shade - 1], steps[shade]) for shade in range(1, SHADES + 1)]


def extent(places) -> tuple:
    """The smallest figure above nothing and the largest, or (0, 0)."""
    figures = [place.value for place in places if place.value]
    return (min(figures), max(figures)) if figures else (0, 0)


def places(level: str, rows, value_of, link_of) -> list[Place]:
    """The map's places for ``level`` ("area" or "county"), from statistics rows with a ``code``.

    ``value_of(row)`` is the figure shaded; ``link_of(row)`` the address an area links to (a row
    without a slug is drawn but not linked). A place with no row is drawn empty.
    """
    counties = outlines()["counties"]
    by_code = {row.code: row for row in rows if row.code}
    if level == "area":
        shapes = [(code, [counties[c][1] for c in county_codes]) for code, county_codes in AREA_COUNTIES.items()]
    else:
        shapes = [(code, [path]) for code, (_name, path) in counties.items()]
    result = []
    for code, paths in shapes:
        row = by_code.get(code)
        name = row.label if row else (counties[code][0] if code in counties else code)
        result.append(
            Place(
                code=code,
                name=name,
                paths=paths,
                value=value_of(row) if row else 0,
                href=link_of(row) if row and row.slug else "",
            )
        )
    low, high = extent(result)
    for place in result:
        place.shade = shade_of(place.value, low, high)
    return result
