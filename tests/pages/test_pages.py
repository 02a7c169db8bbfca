"""Content pages and the accessibility statement, for the named people of conftest.py."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.pages.models import AccessibilityStatement, Page

SLUGS = ["om", "sok-finansiering", "personuppgifter"]


@pytest.fixture
def pages(db):
    for slug in SLUGS:
        Page.objects.create(
            slug=slug,
            title=f"Svensk rubrik {slug}",
            title_en=f"English title {slug}",
            body="# Avsnitt\n\nHär är **svensk** text med [en länk](https://example.org/).",
            body_en="# Section\n\nHere is **English** text.",
        )


@pytest.fixture
def statement(db):
    return AccessibilityStatement.objects.create(
        organisation="Klimatnätverkets kansli",
        website="samverka.example.org",
        compliance=AccessibilityStatement.Compliance.PARTIAL,
        non_accessible="PDF-bilagor är inte taggade.",
        non_accessible_en="PDF attachments are not tagged.",
        disproportionate_burden="Gamla PDF-filer från 2016.",
        disproportionate_burden_en="Old PDF files from 2016.",
        assessment_method=AccessibilityStatement.Method.SELF,
        assessment_description="Axe-core och tangentbord.",
        assessment_description_en="Axe-core and keyboard.",
        assessed_on=datetime.date(2026, 11, 16),
        statement_prepared_on=datetime.date(2026, 11, 20),
        contact_email="tillganglighet@example.org",
        contact_phone="08-465 004 50",
        response_time="Vi svarar inom fem arbetsdagar.",
        response_time_en="We reply within five working days.",
    )


def page_url(slug, language="sv"):
    with translation.override(language):
        return reverse("pages:page", kwargs={"slug": slug})


def statement_url(language="sv"):
    with translation.override(language):
        return reverse("pages:accessibility")


# Content pages


@pytest.mark.parametrize("slug", SLUGS)
def test_anonymous_reads_each_page_in_swedish(client, pages, slug):
    response = client.get(page_url(slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>Svensk rubrik {slug}</h1>" in html
    assert "<strong>svensk</strong>" in html
    assert "Redigera sidan" not in html


@pytest.mark.parametrize("slug", SLUGS)
def test_anonymous_reads_each_page_in_english(client, pages, slug):
    response = client.get(page_url(slug, "en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>English title {slug}</h1>" in html
    assert "<strong>English</strong>" in html
    assert "Edit this page" not in html


def test_english_url_is_under_en(pages):
    assert page_url("om", "en") == "/en/om/"
    assert page_url("om") == "/om/"


def test_markdown_headings_start_below_the_h1(client, pages):
    html = client.get(page_url("om")).content.decode()
    assert html.count("<h1") == 1
    assert "<h2>Avsnitt</h2>" in html


def test_links_get_rel_noopener(client, pages):
    html = client.get(page_url("om")).content.decode()
    assert '<a href="https://example.org/" rel="noopener">en länk</a>' in html


def test_english_falls_back_to_swedish_marked_as_swedish(client, db):
    Page.objects.create(slug="om", title="Om nätverket", body="Bara svensk text.")
    html = client.get(page_url("om", "en")).content.decode()
    assert '<article class="content-page" lang="sv">' in html
    assert "Bara svensk text." in html


def test_coordinator_sees_the_edit_link(coordinator_client, pages):
    page = Page.objects.get(slug="om")
    html = coordinator_client.get(page_url("om")).content.decode()
    assert f'<a href="/admin/pages/page/{page.pk}/change/">Redigera sidan</a>' in html


@pytest.mark.parametrize("person_client", ["leader_a_client", "official_client", "participant_client"])
def test_others_signed_in_see_no_edit_link(request, pages, person_client):
    html = request.getfixturevalue(person_client).get(page_url("om")).content.decode()
    assert "Redigera sidan" not in html
    assert "/admin/pages/page/" not in html


def test_coordinator_can_open_the_edit_link(coordinator_client, pages):
    page = Page.objects.get(slug="om")
    response = coordinator_client.get(reverse("admin:pages_page_change", args=[page.pk]))
    assert response.status_code == 200


def test_coordinator_can_save_a_page_in_the_admin(coordinator_client, pages):
    page = Page.objects.get(slug="om")
    response = coordinator_client.post(
        reverse("admin:pages_page_change", args=[page.pk]),
        {"slug": "om", "title": "Ny rubrik", "body": "Ny text.", "title_en": "", "body_en": ""},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Ny rubrik"


def test_project_leader_cannot_open_the_admin_page(leader_a_client, pages):
    page = Page.objects.get(slug="om")
    response = leader_a_client.get(reverse("admin:pages_page_change", args=[page.pk]))
    assert response.status_code == 302  # to the admin's sign-in page
    assert "/admin/login/" in response["Location"]


def test_unknown_slug_is_404(client, pages):
    assert client.get("/okand-sida/").status_code == 404
    assert client.get("/en/okand-sida/").status_code == 404


def test_known_slug_without_a_row_is_404(client, db):
    assert client.get(page_url("personuppgifter")).status_code == 404


def test_post_is_not_allowed_on_a_page(client, pages):
    assert client.post(page_url("om")).status_code == 405


def test_post_is_not_allowed_on_the_statement(client, statement):
    assert client.post(statement_url()).status_code == 405


def test_script_in_the_body_never_reaches_the_html(client, db):
    Page.objects.create(
        slug="om",
        title="Om",
        body=(
            "Hej <script>alert('x')</script> och <img src=x onerror=alert(1)> "
            "[klick](javascript:alert(1)) <a href=\"https://example.org\" onclick=\"alert(1)\">a</a> "
            "<p style=\"color:red\">stil</p>"
        ),
    )
    html = client.get(page_url("om")).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "<script" not in main
    assert "alert" not in main
    assert "onerror" not in main
    assert "onclick" not in main
    assert "javascript:" not in main
    assert "style=" not in main


def test_anonymous_page_query_count(client, pages, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(page_url("om"))


def test_coordinator_page_query_count(coordinator_client, pages, django_assert_num_queries):
    with django_assert_num_queries(3):  # session, person, page
        coordinator_client.get(page_url("om"))


# The accessibility statement


def test_statement_in_swedish_has_every_required_field(client, statement):
    response = client.get(statement_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Tillgänglighetsredogörelse för samverka.example.org</h1>" in html
    assert "Klimatnätverkets kansli står bakom samverka.example.org." in html
    assert "delvis förenlig med lagen om tillgänglighet till digital offentlig service" in html
    assert "PDF-bilagor är inte taggade." in html
    assert "Gamla PDF-filer från 2016." in html
    assert "Vi har själva granskat webbplatsen (självskattning)." in html
    assert "Den senaste granskningen gjordes den 16 november 2026." in html
    assert "Axe-core och tangentbord." in html
    assert "Redogörelsen publicerades första gången den 20 november 2026" in html
    assert "uppdaterades senast den" in html
    assert '<a href="mailto:tillganglighet@example.org">tillganglighet@example.org</a>' in html
    assert '<a href="tel:08-46500450">08-465 004 50</a>' in html
    assert "Vi svarar inom fem arbetsdagar." in html
    assert '<a href="https://www.digg.se/tdosanmalan">Anmäl till Myndigheten för digital förvaltning (DIGG)</a>' in html
    assert "Redigera sidan" not in html


def test_statement_in_english(client, statement):
    html = client.get(statement_url("en")).content.decode()
    assert "<h1>Accessibility statement for samverka.example.org</h1>" in html
    assert "partially compliant with the Act on accessibility to digital public services" in html
    assert "PDF attachments are not tagged." in html
    assert "Old PDF files from 2016." in html
    assert "We reply within five working days." in html
    assert "Report to the Agency for Digital Government (DIGG)" in html


@pytest.mark.parametrize(
    ("compliance", "swedish", "english"),
    [
        ("full", "helt förenlig med lagen om tillgänglighet till digital offentlig service", "fully compliant"),
        ("partial", "delvis förenlig med lagen om tillgänglighet till digital offentlig service", "partially compliant"),
        ("none", "inte förenlig med lagen om tillgänglighet till digital offentlig service", "not compliant"),
    ],
)
def test_compliance_is_worded_as_the_law_asks(client, statement, compliance, swedish, english):
    AccessibilityStatement.objects.filter(pk=statement.pk).update(compliance=compliance)
    assert swedish in client.get(statement_url()).content.decode()
    assert english in client.get(statement_url("en")).content.decode()


def test_statement_without_disproportionate_burden_says_so(client, statement):
    AccessibilityStatement.objects.filter(pk=statement.pk).update(disproportionate_burden="", disproportionate_burden_en="")
    html = client.get(statement_url()).content.decode()
    assert "Vi åberopar inte oskälig belastning för något innehåll på den här webbplatsen." in html


def test_statement_by_third_party(client, statement):
    AccessibilityStatement.objects.filter(pk=statement.pk).update(assessment_method="third_party")
    html = client.get(statement_url()).content.decode()
    assert "Webbplatsen har granskats av en extern part." in html


def test_coordinator_sees_the_statement_edit_link(coordinator_client, statement):
    html = coordinator_client.get(statement_url()).content.decode()
    assert f'<a href="/admin/pages/accessibilitystatement/{statement.pk}/change/">Redigera sidan</a>' in html


def test_official_sees_no_statement_edit_link(official_client, statement):
    assert "Redigera sidan" not in official_client.get(statement_url()).content.decode()


def test_no_statement_is_404(client, db):
    assert client.get(statement_url()).status_code == 404


def test_statement_query_count(client, statement, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(statement_url())


def test_only_one_statement_can_be_added(coordinator_client, statement):
    response = coordinator_client.get(reverse("admin:pages_accessibilitystatement_add"))
    assert response.status_code == 403


def test_coordinator_may_add_the_first_statement(coordinator_client, db):
    response = coordinator_client.get(reverse("admin:pages_accessibilitystatement_add"))
    assert response.status_code == 200


def test_statement_cannot_be_deleted(coordinator_client, statement):
    response = coordinator_client.get(reverse("admin:pages_accessibilitystatement_delete", args=[statement.pk]))
    assert response.status_code == 403
