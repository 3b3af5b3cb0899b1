"""Headless Chromium through Playwright, and the axe-core accessibility check.

We drive Debian's Chromium (/usr/bin/chromium, `apt-get install chromium`); Playwright's own
browser downloads (`playwright install`) are never used and cannot work offline.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

TESTS_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = TESTS_DIR.parent
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
AXE_JS = TESTS_DIR / "vendor" / "axe.min.js"

CHROMIUM = os.environ.get("READINGROOM_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's headless Chromium with the flags a root, offline, GPU-less machine needs."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"{CHROMIUM} not found: install Debian's Chromium (`apt-get install chromium`, "
            "which `make test` does); never `playwright install`"
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def artifact_path(name: str) -> Path:
    """A path in ./test-artifacts/ (created; gitignored) for a screenshot or other output."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR / re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")


@cache
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page: Page, context: Any = None, options: dict[str, Any] | None = None) -> Any:
    """Run axe-core in `page` and return its results object (violations, passes, ...).

    The script is evaluated through the DevTools protocol, so a page's Content-Security-Policy
    does not stop it (and needs no loosening for tests).
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(
        "([context, options]) => window.axe.run(context || document, options || {})",
        [context, options],
    )


def format_violations(violations: list[dict[str, Any]], max_nodes: int = 5) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'n/a'}): {violation['help']} "
            f"[{len(violation['nodes'])} element(s)] {violation['helpUrl']}"
        )
        for node in violation["nodes"][:max_nodes]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}: {node.get('html', '')[:160]}")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def assert_no_axe_violations(
    page: Page,
    *,
    context: Any = None,
    options: dict[str, Any] | None = None,
    ignore: tuple[str, ...] = (),
) -> None:
    """Fail, listing every violation with its elements, if axe-core finds any in `page`.

    `context`: what to check (a CSS selector or axe context object; default the document).
    `options`: axe.run options, e.g. {"runOnly": ["wcag2a", "wcag2aa"]}; default: all of
    axe's default rules (WCAG 2.x A/AA and best practices).
    `ignore`: rule ids to leave out; say why next to the call.
    """
    results = run_axe(page, context, options)
    violations = [v for v in results["violations"] if v["id"] not in ignore]
    if violations:
        raise AssertionError(
            f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
            + format_violations(violations)
        )
