"""The editors' daily screens in Chromium against a running `serve` with its background worker:
the dashboard and its index check, the documents list filtered by a person, a bulk change, a
merge and its undoing from history. Each page axe-clean, under the Content-Security-Policy."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from support.browser import artifact_path

from .conftest import PASSWORD
from .test_csp_browser import RECORD_VIOLATIONS, violations
from .test_csp_browser import sign_in as signed_in_as_editor

LIFTS = (dt.date.today() + dt.timedelta(days=10)).isoformat()


def records() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = [
        {"type": "person", "key": "gromyko", "name": "Andrei Gromyko"},
        {"type": "person", "key": "gromyko-dup", "name": "A. A. Gromyko"},
        {"type": "subject", "key": "treaties", "name": "Treaties"},
    ]
    for n in range(1, 9):
        found.append(
            {
                "type": "document",
                "key": f"note-{n}",
                "title": f"Note number {n}",
                "date": f"1957-0{n}",
                "authors": ["gromyko" if n % 2 else "gromyko-dup"],
                "status": "draft" if n == 8 else "published",
            }
        )
    found.append(
        {"type": "document", "key": "held", "title": "Held telegram", "date": "1958",
         "status": "embargoed", "embargo_until": LIFTS}
    )  # fmt: skip
    return found


@pytest.fixture(scope="module")
def served(archive_factory: Any, server_factory: Any, tmp_path_factory: Any) -> Any:
    archive = archive_factory("desk")
    work: Path = tmp_path_factory.mktemp("desk-input")
    (work / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records()))
    (work / "password").write_text(PASSWORD)
    archive.run("import", "jsonl", str(work / "records.jsonl"), "--no-progress")
    archive.run("createuser", "ed", "--role", "editor", "--password-file", str(work / "password"))
    return server_factory(archive, workers=1, jobs=True)


def sign_in(page: Any, served: Any) -> None:
    page.add_init_script(RECORD_VIOLATIONS)
    signed_in_as_editor(page, served)


def test_the_dashboard_and_a_check_of_the_index_in_the_background(
    served: Any, page: Any, axe: Any
) -> None:
    sign_in(page, served)
    assert "Held telegram" in page.inner_text("#embargoes-lifting")
    assert "Working: 7 of 7 public documents indexed" in page.inner_text("#index-health")
    axe(page)
    page.click("text=Check the index now")
    page.wait_for_url("**/admin/editorial/job/*/change/")
    for _ in range(120):  # the worker `serve` started takes it
        if "agrees with the database" in page.inner_text("#content-main"):
            break
        page.wait_for_timeout(500)
        page.reload()
    assert "The search index agrees with the database." in page.inner_text("#content-main")
    axe(page)
    page.goto(f"{served.url}/admin/")
    assert "the index agrees with the database" in page.inner_text("#last-check")
    assert violations(page) == []
    page.screenshot(path=artifact_path("desk-dashboard.png"), full_page=True)


def test_a_persons_documents_changed_in_bulk_then_a_merge_undone_from_history(
    served: Any, page: Any, axe: Any
) -> None:
    sign_in(page, served)
    page.goto(f"{served.url}/admin/catalogue/person/?q=Gromyko")
    page.click("#result_list >> text=Andrei Gromyko")
    page.click("text=4 documents")
    page.locator("#result_list").wait_for()
    assert page.locator("#result_list tbody tr").count() == 4  # notes 1, 3, 5, 7
    axe(page)

    page.check("#action-toggle")
    page.select_option("select[name=action]", "change_documents")
    page.click("button[name=index]")
    page.locator("#bulk_change_form").wait_for()
    axe(page)
    page.select_option("#id_change", "add:subject")
    page.fill("#id_value", "1")
    page.click("#bulk_change_form input[type=submit]")
    assert "4 document(s): added subject Treaties." in page.inner_text(".messagelist")

    page.goto(f"{served.url}/admin/catalogue/person/?q=Gromyko")
    page.check("#action-toggle")
    page.select_option("select[name=action]", "merge_people")
    page.click("button[name=index]")
    page.check("input[name=survivor] >> nth=0")
    page.click("input[type=submit][value=Merge]")
    assert "Merged" in page.inner_text(".messagelist")

    page.goto(f"{served.url}/admin/editorial/changeset/?q=Merged")
    page.locator("#result_list tbody tr a").first.click()
    page.click("text=Undo…")
    assert "merged into" in page.inner_text("#merges-to-undo")
    axe(page)
    page.click("#undo_form input[type=submit]")
    assert "Undid the merges of" in page.inner_text(".messagelist")
    assert "(undone " in page.inner_text("#content-main")
    assert violations(page) == []
    page.screenshot(path=artifact_path("desk-merge-undone.png"), full_page=True)
