"""The demo's texts: Markdown that renders as written, fields that fit, believable dates."""

import datetime
import re

import markdown
import pytest

from samverka.knowledge.demo_items import ITEMS, TAGS
from samverka.knowledge.demo_news import EMISSIONS_AVOIDED, NEWS
from samverka.knowledge.models import KnowledgeItem, NewsItem, Tag
from samverka.richtext import render_markdown

TAG = re.compile(r"<(/?)([a-z0-9]+)")
TEXTS = [pytest.param(spec, id=spec.title[:40]) for spec in [*ITEMS, *NEWS]]


@pytest.mark.parametrize("spec", TEXTS)
def test_the_markdown_renders_without_raw_html_and_loses_nothing_when_cleaned(spec):
    assert "<" not in spec.body and ">" not in spec.body.replace("\n> ", "\n")
    html = render_markdown(spec.body)
    tags = TAG.findall(html)
    # Nothing was dropped by the sanitiser: the same elements as plain Markdown gives.
    assert tags == TAG.findall(markdown.markdown(spec.body, extensions=["sane_lists"], output_format="html"))
    assert ("", "h2") in tags and ("", "h1") not in tags
    assert {name for _slash, name in tags} & {"ul", "ol"}
    assert "|" not in html and "**" not in html


@pytest.mark.parametrize("spec", TEXTS)
def test_fields_fit_their_columns(spec):
    model = KnowledgeItem if spec in ITEMS else NewsItem
    assert 10 <= len(spec.title) <= model._meta.get_field("title").max_length
    assert 40 <= len(spec.lead) <= model._meta.get_field("lead").max_length
    assert spec.lead.count(". ") <= 1  # one or two sentences
    assert all(slug in TAGS for slug in spec.tags)


def test_titles_and_tags_are_unique_since_they_are_what_the_demo_looks_up():
    titles = [spec.title for spec in [*ITEMS, *NEWS]]
    assert len(set(titles)) == len(titles)
    assert len(set(TAGS.values())) == len(TAGS)
    assert all(len(slug) <= Tag._meta.get_field("slug").max_length for slug in TAGS)


def test_dates_fall_in_2020_to_2026_and_in_the_past():
    today = datetime.date.today()
    for spec in [*ITEMS, *NEWS]:
        if spec.published:
            assert datetime.date(2020, 1, 1) <= spec.published <= min(today, datetime.date(2026, 12, 31)), spec.title
    for spec in ITEMS:
        for day in spec.events:
            assert spec.published is None or spec.published > day


def test_the_search_words_are_there():
    text = " ".join(f"{spec.title} {spec.lead} {spec.body}" for spec in [*ITEMS, *NEWS]).lower()
    for word in ("transporter", "transport", "laddstolpar", "laddstolpe", "energieffektivisering", "solceller",
                 "biogas", "vätgas", "spridning"):
        assert re.search(rf"\b{word}\b", text), word


def test_the_emissions_news_title_adds_up():
    total = sum(value for _name, value in EMISSIONS_AVOIDED)
    [spec] = [spec for spec in NEWS if spec.chart]
    assert f"{total:,}".replace(",", " ") in spec.title
