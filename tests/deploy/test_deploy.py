"""Production readiness: check --deploy with production settings from the environment,
the security headers on every response, and templates that a strict CSP can serve."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Variables that would leak the test run's own configuration into the subprocess. The
# browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; production never has it.
LEAKY_VARIABLES = {
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "HTTPS", "EMAIL_HOST", "EMAIL_BACKEND", "DATABASE_URL",
    "SECURE_HSTS_PRELOAD", "SECURE_HSTS_SECONDS", "SAMVERKA_VAR_DIR", "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def production_env(tmp_path, **overrides):
    env = {key: value for key, value in os.environ.items() if key not in LEAKY_VARIABLES}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "samverka.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "samverka.example.org",
            "HTTPS": "1",
            "SECURE_HSTS_PRELOAD": "1",
            "EMAIL_HOST": "smtp.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
            "SAMVERKA_VAR_DIR": str(tmp_path / "var"),
        }
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def check_deploy(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = check_deploy(production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_with_the_demo_secret_key(tmp_path):
    result = check_deploy(production_env(tmp_path, SECRET_KEY=None))
    assert result.returncode != 0
    assert "samverka.W001" in result.stderr
    assert "SECRET_KEY is the public demo key while the site answers on a public host name." in result.stderr


def test_check_deploy_fails_when_mail_goes_to_the_console(tmp_path):
    result = check_deploy(production_env(tmp_path, EMAIL_HOST=None))
    assert result.returncode != 0
    assert "samverka.W002" in result.stderr


def test_check_deploy_fails_without_https(tmp_path):
    result = check_deploy(production_env(tmp_path, HTTPS="0"))
    assert result.returncode != 0
    assert "security.W008" in result.stderr  # SECURE_SSL_REDIRECT


def test_check_deploy_fails_with_debug_on(tmp_path):
    result = check_deploy(production_env(tmp_path, DEBUG="1"))
    assert result.returncode != 0
    assert "security.W018" in result.stderr


def test_a_bad_boolean_stops_the_start_with_its_name(tmp_path):
    result = check_deploy(production_env(tmp_path, HTTPS="maybe"))
    assert result.returncode != 0
    assert "HTTPS must be one of 1/0, true/false, yes/no, on/off; got 'maybe'." in result.stderr


# Headers


@pytest.fixture
def response(client, db):
    from samverka.pages.models import Page

    Page.objects.create(slug="om", title="Om", body="Text.")
    return client.get("/om/")


def test_content_security_policy_without_unsafe_inline(response):
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_nosniff(response):
    assert response["X-Content-Type-Options"] == "nosniff"


def test_referrer_policy(response):
    assert response["Referrer-Policy"] == "same-origin"


def test_frames_denied(response):
    assert response["X-Frame-Options"] == "DENY"


def test_headers_on_a_404_too(client, db):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


# Templates


def project_templates():
    """Every template a browser renders. E-mail bodies (any ``emails/`` folder, and allauth's
    ``account/email/``) are left out: mail clients need inline styles, and no
    Content-Security-Policy applies to mail."""
    roots = [ROOT / "templates", *sorted((ROOT / "samverka").glob("*/templates"))]
    return sorted(
        path for root in roots for path in root.rglob("*.html") if not {"emails", "email"} & set(path.parts)
    )


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
EVENT_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def test_templates_exist_to_scan():
    assert len(project_templates()) >= 5


@pytest.mark.parametrize("path", project_templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_inline_script_or_style(path):
    text = path.read_text(encoding="utf-8")
    # A <script> without src carries inline code (JSON data blocks included): the CSP forbids it.
    assert not INLINE_SCRIPT.search(text), "inline <script>"
    assert not STYLE_ATTRIBUTE.search(text), 'style="" attribute'
    assert not STYLE_ELEMENT.search(text), "<style> element"
    assert not EVENT_ATTRIBUTE.search(text), "inline event handler (onclick=…)"
