"""A representative point (longitude, latitude in WGS 84) for each programme area, by NUTS 2 code.

The GeoJSON download places each project at its programme area's point: a point inside the
area near its population centre, rounded to 0.1 degrees, chosen by hand from a map. It is
a place for a marker, not a boundary; areas without a point here (or projects without an
area, such as national ones) get a null geometry, which GeoJSON allows.
"""

AREA_POINTS = {
    "SE11": (18.1, 59.4),  # Stockholm
    "SE12": (16.4, 59.4),  # Östra Mellansverige
    "SE21": (15.2, 57.2),  # Småland och öarna
    "SE22": (13.6, 55.9),  # Skåne-Blekinge (Sydsverige)
    "SE23": (12.4, 58.0),  # Västsverige
    "SE31": (15.0, 60.6),  # Norra Mellansverige
    "SE32": (16.2, 63.0),  # Mellersta Norrland
    "SE33": (19.9, 66.0),  # Övre Norrland
}
