"""Site-wide behaviour: languages by address, the language switch link, the admin's style policy."""

import pytest


def test_the_language_switch_points_at_the_same_page_in_the_other_language(client, db):
    swedish = client.get("/projekt/?q=sol")
    assert swedish.headers["Content-Language"] == "sv"
    assert 'href="/en/projekt/?q=sol" lang="en" hreflang="en">In English</a>' in swedish.text
    english = client.get("/en/projekt/?q=sol")
    assert english.headers["Content-Language"] == "en"
    assert 'href="/projekt/?q=sol" lang="sv" hreflang="sv">På svenska</a>' in english.text


def test_an_unprefixed_address_is_swedish_whatever_the_browser_asks_for(client, db):
    response = client.get("/projekt/", headers={"Accept-Language": "en"})
    assert response.headers["Content-Language"] == "sv"
    assert "Hoppa till innehållet" in response.text


@pytest.mark.parametrize("path", ["/", "/projekt/", "/konto/login/"])
def test_public_pages_allow_no_inline_style_or_script(client, db, path):
    policy = client.get(path).headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "script-src 'self'" in policy


def test_only_the_back_office_allows_inline_styles_for_its_widgets(coordinator_client):
    policy = coordinator_client.get("/admin/").headers["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy


def test_uploaded_files_are_served_from_media_root(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "anteckningar.txt").write_text("Anteckningar", encoding="utf-8")
    response = client.get("/media/anteckningar.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == "Anteckningar".encode()
    assert client.get("/media/%2e%2e/conftest.py").status_code in (400, 404)
    assert client.get("/media/saknas.pdf").status_code == 404
