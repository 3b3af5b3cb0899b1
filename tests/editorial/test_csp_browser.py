"""The Content-Security-Policy in a real browser: the admin's scripts (date preview,
autocomplete, actions) and the public pages work, and Chromium reports no violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.browser import artifact_path

from .conftest import PASSWORD

RECORDS = """\
{"type":"person","key":"stalin","name":"Joseph Stalin"}
{"type":"document","key":"d1","title":"Cable under a strict policy","date":"1945-08-23","authors":["stalin"],"texts":[{"language":"en","body":"Text."}],"status":"published"}
{"type":"document","key":"d2","title":"Letter later withdrawn","date":"1936","authors":["stalin"],"status":"published"}
{"type":"document","key":"d3","title":"Memorandum still in draft","date":"1937-02","authors":["stalin"],"texts":[{"language":"ru","body":"Проект."}],"status":"draft"}
"""
CORRECTED = RECORDS.replace("1945-08-23", "1945-08-24").replace("Text.", "Text, corrected.")
WITHDRAW = (
    "from readingroom.catalogue.models import Document; from readingroom.editorial import workflow;"
    " workflow.withdraw(Document.objects.filter(key='d2'), None, 'The letter is a forgery.')"
)
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  (window.__violations = window.__violations || []).push(
    event.violatedDirective + " " + (event.blockedURI || "inline") + " " + event.sourceFile);
});
"""


@pytest.fixture(scope="module")
def served(archive_factory: Any, server_factory: Any, tmp_path_factory: Any) -> Any:
    archive = archive_factory("csp")
    work: Path = tmp_path_factory.mktemp("csp-input")
    (work / "records.jsonl").write_text(RECORDS)
    (work / "password").write_text(PASSWORD)
    archive.run("import", "jsonl", str(work / "records.jsonl"), "--no-progress")
    (work / "corrected.jsonl").write_text(CORRECTED)
    archive.run("import", "jsonl", str(work / "corrected.jsonl"), "--no-progress")
    archive.run("shell", "--no-imports", "-c", WITHDRAW)
    archive.run("createuser", "ed", "--role", "editor", "--password-file", str(work / "password"))
    return server_factory(archive, workers=1)


def sign_in(page: Any, served: Any) -> None:
    """Sign in to the admin as the editor, as a browser does."""
    page.goto(f"{served.url}/admin/login/")
    page.fill("#id_username", "ed")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{served.url}/admin/")


def violations(page: Any) -> list[str]:
    return list(page.evaluate("() => window.__violations || []"))


def test_admin_and_public_pages_run_under_the_policy(served: Any, page: Any) -> None:
    page.add_init_script(RECORD_VIOLATIONS)
    sign_in(page, served)
    assert violations(page) == []

    page.goto(f"{served.url}/admin/catalogue/document/")
    page.click("text=Cable under a strict policy")
    page.fill("#id_date_edtf", "1934-06")
    preview = page.locator("output[for=id_date_edtf]")
    preview.wait_for()
    page.wait_for_function(
        "() => document.querySelector('output').textContent.includes('June 1934')"
    )
    page.click(".field-repository .select2-selection")  # the autocomplete widget (jQuery, select2)
    page.locator(".select2-search__field[aria-controls=select2-id_repository-results]").wait_for()
    assert violations(page) == []

    page.goto(f"{served.url}/admin/catalogue/document/")
    page.click("text=Cable under a strict policy")
    page.click("a.historylink")
    assert "corrected.jsonl" in page.inner_text("#version-list")
    page.screenshot(path=artifact_path("editorial-admin-history.png"), full_page=True)
    page.click("#version-list a >> nth=0")
    page.screenshot(path=artifact_path("editorial-admin-version.png"), full_page=True)
    assert violations(page) == []

    page.goto(f"{served.url}/admin/catalogue/document/")
    page.check("input.action-select >> nth=0")
    page.select_option("select[name=action]", "withdraw_documents")
    page.click("button[name=index]")
    page.locator("#withdraw_form").wait_for()
    assert violations(page) == []

    page.goto(f"{served.url}/documents/1")
    assert page.title().startswith("Cable under a strict policy")
    policy = page.evaluate(
        "async () => (await fetch(location.href)).headers.get('content-security-policy')"
    )
    assert "script-src 'self'" in policy
    assert violations(page) == []

    # The policy is in force: an injected inline script does not run, and is reported.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.appendChild(s); }"
    )
    page.wait_for_function("() => (window.__violations || []).length > 0")
    assert page.evaluate("() => window.__ran") is None
    assert violations(page)[0].startswith("script-src")


def test_tombstone_version_and_corrections_are_accessible(served: Any, page: Any, axe: Any) -> None:
    page.goto(f"{served.url}/documents/1")
    corrections = page.locator("#corrections")
    assert "corrected the date" in corrections.inner_text()
    axe(page)
    page.screenshot(path=artifact_path("editorial-corrections.png"), full_page=True)
    page.click("text=Version 1, before this correction")
    assert "Version 1 of 2" in page.inner_text("main")
    axe(page)
    page.screenshot(path=artifact_path("editorial-version.png"), full_page=True)
    response = page.goto(f"{served.url}/documents/2")
    assert response.status == 410 and "The letter is a forgery." in page.inner_text("main")
    axe(page)
    page.screenshot(path=artifact_path("editorial-tombstone.png"), full_page=True)


def test_an_editor_previews_a_draft_from_the_admin(served: Any, page: Any, axe: Any) -> None:
    """ "View on site" on a draft opens staff's preview of its page, with a banner; readers get
    nothing at its address."""
    page.add_init_script(RECORD_VIOLATIONS)
    sign_in(page, served)
    page.goto(f"{served.url}/admin/catalogue/document/")
    page.click("text=Memorandum still in draft")
    page.click("a.viewsitelink")
    page.wait_for_url("**/preview/documents/*")
    assert page.locator("h1").inner_text() == "Memorandum still in draft"
    banner = page.locator(".preview-banner")
    assert "readers cannot see it" in banner.inner_text()
    assert violations(page) == []
    axe(page)
    page.screenshot(path=artifact_path("editorial-preview-draft.png"), full_page=True)
    public = page.request.get(page.url.replace("/preview/documents/", "/documents/"))
    assert public.status == 404


def test_an_editor_imports_a_file_in_the_browser(
    served: Any, page: Any, axe: Any, tmp_path: Path
) -> None:
    """Upload, the dry run's report, confirm: in Chromium, under the policy, axe-clean."""
    upload = tmp_path / "letters.jsonl"
    upload.write_text(
        '{"type":"document","key":"b1","title":"Letter from the browser","date":"1950-01",'
        '"authors":["stalin"],"status":"published"}\n'
    )
    page.add_init_script(RECORD_VIOLATIONS)
    sign_in(page, served)
    page.goto(f"{served.url}/admin/importers/importrun/add/")
    axe(page)
    page.set_input_files("#id_file", str(upload))
    page.click("#upload_form input[type=submit]")
    page.locator("#import-counts").wait_for()
    assert "checked: ready to import" in page.inner_text("#import-state")
    axe(page)
    page.screenshot(path=artifact_path("editorial-import-checked.png"), full_page=True)
    page.click("#run_form input[type=submit]")
    page.wait_for_function(
        "() => document.querySelector('#import-state').textContent === 'imported'"
    )
    assert "document" in page.inner_text("#import-counts")
    assert violations(page) == []
    page.screenshot(path=artifact_path("editorial-import-done.png"), full_page=True)
    assert served.get("/search?q=browser").text.count("Letter from the browser") >= 1
