"""The DCAT-AP-SE catalogue of the open data, for harvesting by the national data portal.

One graph describes the catalogue, its publisher, each dataset (title and description in
Swedish and English, licence, modification date, keywords, theme) with a distribution per
file format (access and download URL, format and media type), and the API as a data service.
It is written as JSON-LD (``graph()``) and, from the same graph, as Turtle (``turtle()``).
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .datasets import DATASETS, MEDIA_TYPES

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPES = {"csv": "CSV", "json": "JSON", "geojson": "GEOJSON"}


def _both(sv: str, en: str) -> list[dict]:
    return [{"@value": sv, "@language": "sv"}, {"@value": en, "@language": "en"}]


def _ref(uri: str) -> dict:
    return {"@id": uri}


def _date(value) -> dict:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return {"@value": (value or timezone.localdate()).isoformat(), "@type": "xsd:date"}


def graph(site: str) -> dict:
    """The catalogue as a JSON-LD document; ``site`` is the site's address without a final slash."""
    page = site + reverse("opendata_page")
    catalogue_id = site + reverse("opendata_catalogue")
    publisher = {"@id": settings.OPEN_DATA_PUBLISHER_URL or site, "@type": "foaf:Agent",
                 "foaf:name": settings.OPEN_DATA_PUBLISHER}
    licence = _ref(settings.OPEN_DATA_LICENSE)
    contact = None
    if settings.OPEN_DATA_CONTACT_EMAIL:
        contact = {"@id": catalogue_id + "#contact", "@type": "vcard:Organization",
                   "vcard:fn": settings.OPEN_DATA_PUBLISHER,
                   "vcard:hasEmail": _ref("mailto:" + settings.OPEN_DATA_CONTACT_EMAIL)}
    nodes, dataset_ids = [publisher], []
    if contact:
        nodes.append(contact)
    modified_dates = []
    for dataset in DATASETS.values():
        dataset_id = f"{page}#{dataset.slug}"
        modified = _date(dataset.modified())
        modified_dates.append(modified["@value"])
        distributions = []
        for fmt in dataset.formats:
            url = site + reverse("opendata_download", kwargs={"dataset": dataset.slug, "fmt": fmt})
            distributions.append({
                "@id": url + "#distribution",
                "@type": "dcat:Distribution",
                "dcterms:title": _both(f"{dataset.title_sv} ({fmt.upper()})", f"{dataset.title_en} ({fmt.upper()})"),
                "dcat:accessURL": _ref(page),
                "dcat:downloadURL": _ref(url),
                "dcterms:format": _ref(f"{EU}file-type/{FILE_TYPES[fmt]}"),
                "dcat:mediaType": _ref(f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[fmt]}"),
                "dcterms:license": licence,
                "dcterms:modified": modified,
            })
        node = {
            "@id": dataset_id,
            "@type": "dcat:Dataset",
            "dcterms:title": _both(dataset.title_sv, dataset.title_en),
            "dcterms:description": _both(dataset.description_sv, dataset.description_en),
            "dcterms:publisher": _ref(publisher["@id"]),
            "dcterms:modified": modified,
            "dcterms:accessRights": _ref(f"{EU}access-right/PUBLIC"),
            "dcterms:language": [_ref(f"{EU}language/SWE"), _ref(f"{EU}language/ENG")],
            "dcat:theme": _ref(f"{EU}data-theme/ECON"),
            "dcat:keyword": _both("regionalfonden", "ERDF") + _both("projekt", "projects"),
            "dcat:landingPage": _ref(page),
            "dcat:distribution": [_ref(d["@id"]) for d in distributions],
        }
        if contact:
            node["dcat:contactPoint"] = _ref(contact["@id"])
        nodes += [node, *distributions]
        dataset_ids.append(dataset_id)
    api_root = site + reverse("api:api-root")
    service = {
        "@id": api_root,
        "@type": "dcat:DataService",
        "dcterms:title": _both("Samverkas API för öppna data", "Samverka open-data API"),
        "dcat:endpointURL": _ref(api_root),
        "dcat:endpointDescription": _ref(site + reverse("api:openapi-json")),
        "dcat:servesDataset": [_ref(dataset_id) for dataset_id in dataset_ids],
        "dcterms:license": licence,
        "dcterms:publisher": _ref(publisher["@id"]),
    }
    catalogue = {
        "@id": catalogue_id,
        "@type": "dcat:Catalog",
        "dcterms:title": _both(f"Öppna data från {settings.SITE_NAME}", f"Open data from {settings.SITE_NAME}"),
        "dcterms:description": _both(
            "Projekt, finansiering och resultat i ett tematiskt nätverk av projekt som regionalfonden finansierar.",
            "Projects, financing and results of a thematic network of projects financed by the Regional Fund.",
        ),
        "dcterms:publisher": _ref(publisher["@id"]),
        "dcterms:license": licence,
        "dcterms:language": [_ref(f"{EU}language/SWE"), _ref(f"{EU}language/ENG")],
        "dcterms:modified": {"@value": max(modified_dates), "@type": "xsd:date"},
        "foaf:homepage": _ref(page),
        "dcat:dataset": [_ref(dataset_id) for dataset_id in dataset_ids],
        "dcat:service": _ref(api_root),
    }
    return {"@context": PREFIXES, "@graph": [catalogue, *nodes, service]}


def _term(value) -> str:
    if isinstance(value, dict) and "@id" in value:
        return f"<{value['@id']}>"
    if isinstance(value, dict):
        text = _literal(value["@value"])
        if "@language" in value:
            return f"{text}@{value['@language']}"
        return f"{text}^^{value['@type']}"
    return _literal(value)


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def turtle(document: dict) -> str:
    """The same graph in Turtle: one block per node, a line per property."""
    lines = [f"@prefix {prefix}: <{uri}> ." for prefix, uri in document["@context"].items()]
    for node in document["@graph"]:
        properties = [f"a {node['@type']}"]
        for name, value in node.items():
            if name.startswith("@"):
                continue
            values = value if isinstance(value, list) else [value]
            properties.append(f"{name} " + ", ".join(_term(item) for item in values))
        lines.append("")
        lines.append(f"<{node['@id']}>\n    " + " ;\n    ".join(properties) + " .")
    return "\n".join(lines) + "\n"
