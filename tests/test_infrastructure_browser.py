"""The browser fixtures: Debian Chromium through Playwright, screenshots, the axe-core check."""

from __future__ import annotations

from typing import Any

import pytest
from support.browser import CHROMIUM, assert_no_axe_violations, run_axe
from support.server import LiveServer

pytestmark = pytest.mark.browser

ACCESSIBLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Accessible page</title></head>
<body><header><p>Reading Room</p></header>
<main><h1>A telegram</h1><p>Text of the telegram.</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="First page of the scan"></main>
</body></html>"""

INACCESSIBLE = """<!doctype html>
<html><head><title>Broken page</title></head>
<body><main><h1>Scans</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" class="second">
<input type="text"></main></body></html>"""


def test_browser_is_debian_chromium(browser: Any) -> None:
    assert CHROMIUM == "/usr/bin/chromium"
    assert browser.browser_type.name == "chromium"
    assert browser.version.split(".")[0].isdigit()


def test_page_renders_production_server_and_saves_screenshot(
    page: Any, production_server: LiveServer, artifacts_dir: Any
) -> None:
    response = page.goto(f"{production_server.url}/admin/login/")
    assert response is not None and response.status == 200
    assert response.headers["server"] == "gunicorn"
    assert "Log in" in page.title()
    # WhiteNoise served the admin's stylesheet to the browser
    header = "getComputedStyle(document.querySelector('#header')).backgroundColor"
    assert page.evaluate(header) not in ("", "rgba(0, 0, 0, 0)")
    shot = artifacts_dir / "infrastructure-admin-login.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 1000


def test_axe_passes_an_accessible_page(page: Any, axe: Any) -> None:
    page.set_content(ACCESSIBLE)
    axe(page)
    results = run_axe(page)
    assert results["passes"], "axe ran no rule at all"
    assert results["testEngine"]["version"] == "4.14.1"


def test_axe_lists_violations_with_their_elements(page: Any) -> None:
    page.set_content(INACCESSIBLE)
    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(page)
    message = str(failure.value)
    assert "image-alt (critical)" in message
    assert "[2 element(s)]" in message
    assert "img.second" in message or ".second" in message
    assert "html-has-lang" in message
    assert "label" in message
    # ignore= leaves named rules out; the rest still fail
    with pytest.raises(AssertionError) as still:
        assert_no_axe_violations(page, ignore=("image-alt", "html-has-lang"))
    assert "image-alt" not in str(still.value) and "label" in str(still.value)
    assert_no_axe_violations(page, options={"runOnly": ["document-title"]})


def test_axe_runs_despite_a_strict_content_security_policy(page: Any) -> None:
    csp = "default-src 'none'; style-src 'self'; img-src 'self' data:"
    page.route(
        "http://csp.test/",
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "text/html", "Content-Security-Policy": csp},
            body=INACCESSIBLE,
        ),
    )
    page.goto("http://csp.test/")
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page)
