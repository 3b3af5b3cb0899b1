"""The collection editor in Chromium: a curated order changed by Up and Down, by position and by
dragging a row, each saved at once, axe-clean, under the Content-Security-Policy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support.browser import artifact_path

from .conftest import PASSWORD
from .test_csp_browser import RECORD_VIOLATIONS, sign_in, violations

MEMBERS = 60  # more than a page of 50


@pytest.fixture(scope="module")
def served(archive_factory: Any, server_factory: Any, tmp_path_factory: Any) -> Any:
    archive = archive_factory("members")
    work: Path = tmp_path_factory.mktemp("members-input")
    keys = [f"letter-{n}" for n in range(1, MEMBERS + 1)]
    lines = [
        {"type": "collection", "key": "letters", "title": "Curated letters", "order": keys},
        *(
            {
                "type": "document",
                "key": key,
                "title": f"Letter number {n}",
                "date": f"1950-01-{n % 28 + 1:02d}",
                "collections": ["letters"],
                "status": "published",
            }
            for n, key in enumerate(keys, start=1)
        ),
    ]
    (work / "records.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    (work / "password").write_text(PASSWORD)
    archive.run("import", "jsonl", str(work / "records.jsonl"), "--no-progress")
    archive.run("createuser", "ed", "--role", "editor", "--password-file", str(work / "password"))
    return server_factory(archive, workers=1)


def titles(page: Any) -> list[str]:
    cells = page.locator("#members tbody tr td:nth-child(2)").all_inner_texts()
    return [cell.split(": ", 1)[1] for cell in cells]


def test_an_editor_reorders_a_collection_by_buttons_position_and_dragging(
    served: Any, page: Any, axe: Any
) -> None:
    page.add_init_script(RECORD_VIOLATIONS)
    sign_in(page, served)
    page.goto(f"{served.url}/admin/catalogue/collection/")
    page.click("text=Curated letters")
    page.click("text=list, reorder, add or remove")
    page.locator("#members").wait_for()
    assert page.locator("#members tbody tr").count() == 50
    assert titles(page)[:3] == ["Letter number 1", "Letter number 2", "Letter number 3"]
    assert page.locator("#members-drag").is_visible()
    axe(page)

    with page.expect_navigation():
        page.click("[aria-label='Move document 1 down']")
    assert titles(page)[:3] == ["Letter number 2", "Letter number 1", "Letter number 3"]
    with page.expect_navigation():
        page.click("[aria-label='Move document 3 up']")
    assert titles(page)[:3] == ["Letter number 2", "Letter number 3", "Letter number 1"]

    page.fill("#move-1", "45")
    with page.expect_navigation():
        page.locator("tr[data-document='1'] form.move input[type=submit]").click()
    assert titles(page)[44] == "Letter number 1"

    with page.expect_navigation():
        page.locator("tr[data-document='10']").drag_to(page.locator("tr[data-document='2']"))
    assert titles(page)[:3] == ["Letter number 10", "Letter number 2", "Letter number 3"]
    assert violations(page) == []
    page.screenshot(path=artifact_path("editorial-collection-members.png"), full_page=True)

    page.goto(f"{served.url}/collections/1")
    public = page.inner_text("main")
    assert public.index("Letter number 10") < public.index("Letter number 2\n")
