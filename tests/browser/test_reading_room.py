"""A reader in headless Chromium, against the real production server (`readingroom serve`,
gunicorn) on an archive loaded with the seed's situation through the real importer:
search -> facets -> page 4 -> a document -> a person -> back. axe-core checks every page type;
screenshots of the search and document pages at desktop and phone widths go to test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support.server import Archive, LiveServer
from web.seed_archive import PAGE_FOUR_TITLES, SEED_DATES, write_seed_archive

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def seed_server(
    archive_factory: Callable[..., Archive],
    server_factory: Callable[..., LiveServer],
    tmp_path_factory: pytest.TempPathFactory,
) -> LiveServer:
    """`readingroom serve` on an archive holding the seed archive, imported by the console
    script (whose commit applies the search outbox, as for an operator)."""
    archive = archive_factory("seed-browser")
    source = write_seed_archive(tmp_path_factory.mktemp("seed-source"))
    archive.run("import", "jsonl", str(source), "--status", "published", "--no-progress")
    archive.run("dump")  # the bulk data (/data/), as serve's `dump --loop` builds it
    archive.run("shell", "--no-imports", "-c", LOCATE)  # two places on the maps
    server = server_factory(archive)
    assert '<span class="holding-count">46</span>' in server.get("/").text
    return server


def count_line(page: Any) -> str:
    return page.locator(".count-line").inner_text().strip()


def facet(page: Any, group: str, label: str) -> None:
    """Click a facet value in the sidebar (opening the group's "more" list if needed)."""
    link = page.locator(f"#facet-{group}").locator("xpath=..").get_by_role("link", name=label)
    if not link.first.is_visible():
        page.locator(f"#facet-{group}").locator("xpath=..").locator("summary").click()
    link.first.click()
    page.wait_for_load_state("load")


def walk_to_page_four(page: Any, server: LiveServer) -> str:
    """From /search, through the seed's four facets, to page 4; returns its URL."""
    page.goto(f"{server.url}/search")
    assert count_line(page) == "1 - 10 of 46"
    facet(page, "repository", "RGASPI")
    facet(page, "person", "Joseph Stalin")
    facet(page, "person", "Vyacheslav Molotov")
    facet(page, "place", "Soviet Union")
    assert count_line(page) == "1 - 10 of 43"
    chips = page.locator(".chip").all_inner_texts()
    assert len(chips) == 4 and any("Soviet Union" in c for c in chips)
    pages = page.get_by_role("navigation", name="Pages of results")
    pages.get_by_role("link", name="Page 4", exact=True).click()
    assert count_line(page) == "31 - 40 of 43"
    titles = page.locator(".result-title").all_inner_texts()
    assert [t.strip() for t in titles] == PAGE_FOUR_TITLES
    dates = [d.strip() for d in page.locator(".result-date").all_inner_texts()]
    assert dates == list(SEED_DATES.values())  # the 1936 telegram shows its year
    assert re.search(r"/search\?person=\d+&person=\d+&place=\d+&repository=\d+&page=4$", page.url)
    return str(page.url)


def test_reader_walks_search_facets_page_four_document_person_and_back(
    page: Any, seed_server: LiveServer, axe: Any, artifacts_dir: Path
) -> None:
    page.set_viewport_size(DESKTOP)
    search_url = walk_to_page_four(page, seed_server)
    axe(page)
    page.screenshot(path=artifacts_dir / "search-page-4-desktop.png", full_page=True)

    page.get_by_role("link", name=re.compile("^Telegram from Cdes. Stalin")).click()
    assert page.locator("h1").inner_text().startswith("Telegram from Cdes. Stalin")
    assert page.locator(".document-date").inner_text().strip() == "1936"
    assert "Result 34 of 43" in page.locator(".neighbours").inner_text()
    axe(page)
    document_url = page.url
    page.get_by_role("link", name=re.compile(r"^Next\W+Translation of a Letter")).click()
    assert "Result 35 of 43" in page.locator(".neighbours").inner_text()
    page.go_back()
    assert page.url == document_url

    page.locator(".document-facts").get_by_role("link", name="Joseph Stalin").click()
    assert page.locator("h1").inner_text() == "Joseph Stalin"
    assert "Filippov" in page.locator(".names").inner_text()
    axe(page)

    page.go_back()
    assert page.url == document_url
    page.get_by_role("link", name="← Back to results").click()
    assert page.url == search_url and count_line(page) == "31 - 40 of 43"
    page.go_back()
    page.go_back()
    assert page.url == search_url and count_line(page) == "31 - 40 of 43"


PAGE_TYPES = {
    "home": "/",
    "search": "/search",
    "search-words": "/search?q=Kurile",
    "no-results": "/search?q=zzzzzz",
    "help": "/search/help",
    "corrections": "/corrections",
    "facet-values": "/search/facets/person",
    "not-found": "/no-such-page",
    "people-index": "/people/",
    "data-and-apis": "/data-and-apis",
    "bulk-data": "/data/",
    "search-map": "/search/map",
    "places-index-by-letter": "/places/?letter=K",
    "search-one-year-by-month": "/search?year=1945",
}
LOCATE = (
    "from readingroom.catalogue.models import Place;"
    " Place.objects.filter(key='place:urumqi').update(latitude=43.8, longitude=87.6);"
    " Place.objects.filter(key='place:soviet-union').update(latitude=61.5, longitude=105.3)"
)
RECORD_PAGES = {
    "person": "Joseph Stalin",
    "place": "Urumqi",
    "subject": "Communism",
    "repository": "RGASPI",
    "collection": "Sino-Soviet Relations and Xinjiang",
}


def document_path(server: LiveServer) -> str:
    """The seed's first document (texts, a scan, every kind of fact), found by searching."""
    html = server.get("/search?q=Hokkaido+Molotov+cable").text
    found = re.search(r'href="(/documents/\d+/cable-from-vyacheslav-molotov[^"?]*)', html)
    assert found, html[:2000]
    return found.group(1)


def record_path(server: LiveServer, kind: str, label: str) -> str:
    """A record's page, found through the full list of its facet's values."""
    html = server.get(f"/search/facets/{kind}").text
    found = re.search(rf'href="/search\?{kind}=(\d+)"><span class="facet-label">{label}<', html)
    assert found, f"no {kind} {label}"
    prefix = {
        "person": "people",
        "place": "places",
        "subject": "subjects",
        "repository": "repositories",
        "collection": "collections",
    }[kind]
    response = server.get(f"/{prefix}/{found.group(1)}")
    assert response.status == 301
    return str(response.header("Location"))


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_axe_finds_nothing_on_each_page_type(
    page: Any, seed_server: LiveServer, axe: Any, artifacts_dir: Path, name: str
) -> None:
    response = page.goto(seed_server.url + PAGE_TYPES[name])
    assert response.status == (404 if name == "not-found" else 200)
    axe(page)
    page.screenshot(path=artifacts_dir / f"page-{name}-desktop.png", full_page=True)


@pytest.mark.parametrize("kind", sorted(RECORD_PAGES))
def test_axe_finds_nothing_on_record_pages(
    page: Any, seed_server: LiveServer, axe: Any, artifacts_dir: Path, kind: str
) -> None:
    path = record_path(seed_server, kind, RECORD_PAGES[kind])
    response = page.goto(seed_server.url + path)
    assert response.status == 200
    assert RECORD_PAGES[kind] in page.locator("h1").inner_text()
    axe(page)
    page.screenshot(path=artifacts_dir / f"page-{kind}-desktop.png", full_page=True)


def test_document_page_tabs_side_by_side_and_scan(
    page: Any, seed_server: LiveServer, axe: Any, artifacts_dir: Path
) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(seed_server.url + document_path(seed_server))
    tabs = page.get_by_role("tab")
    assert tabs.all_inner_texts() == ["Translation (English)", "Original (Russian)"]
    assert page.locator("#translation-en").is_visible()
    assert not page.locator("#original-ru").is_visible()
    tabs.first.focus()
    page.keyboard.press("ArrowRight")
    assert page.locator("#original-ru").is_visible()
    assert not page.locator("#translation-en").is_visible()
    assert (
        page.get_by_role("tab", name="Original (Russian)").get_attribute("aria-selected") == "true"
    )
    page.keyboard.press("ArrowLeft")
    image = page.locator(".scan-list img")
    image.scroll_into_view_if_needed()  # it loads lazily
    page.wait_for_function("() => document.querySelector('.scan-list img').naturalWidth > 0")
    assert image.evaluate("img => img.naturalWidth") == 600
    axe(page)
    page.screenshot(path=artifacts_dir / "document-desktop.png", full_page=True)
    page.get_by_role("link", name="Side by side").click()
    page.wait_for_url("**view=side-by-side**")
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready.then(() => true)")  # laid out in its own fonts
    columns = page.locator(".side-by-side .text-panel")
    assert columns.count() == 2
    page.screenshot(path=artifacts_dir / "document-side-by-side-desktop.png", full_page=True)
    left, right = (columns.nth(i).bounding_box() for i in range(2))
    assert left["y"] == right["y"] and left["x"] < right["x"]  # beside each other
    axe(page)


def test_phone_layout_collapses_facets_behind_a_button(
    browser: Any, seed_server: LiveServer, axe: Any, artifacts_dir: Path
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        search = seed_server.url + "/search?" + seed_query_string(seed_server) + "&page=4"
        page.goto(search)
        assert count_line(page) == "31 - 40 of 43"
        refine = page.locator("details.refine")
        assert refine.get_attribute("open") is None
        assert not page.locator("#facet-person").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        axe(page)
        page.screenshot(path=artifacts_dir / "search-page-4-phone.png", full_page=True)
        page.locator("summary.refine-toggle").click()
        assert page.locator("#facet-person").is_visible()
        page.goto(seed_server.url + document_path(seed_server))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        axe(page)
        page.screenshot(path=artifacts_dir / "document-phone.png", full_page=True)
        page.goto(seed_server.url + "/data/")  # checksums and all
        assert page.locator(".data-files > li").count() == 3
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        axe(page)
        page.screenshot(path=artifacts_dir / "bulk-data-phone.png", full_page=True)
    finally:
        context.close()


def seed_query_string(server: LiveServer) -> str:
    """The seed's four filters in canonical order, read from the server's own facet links."""
    html = server.get("/search").text
    ids = {
        name: re.search(rf'href="/search\?{kind}=(\d+)"><span class="facet-label">{label}<', html)
        for name, kind, label in (
            ("repository", "repository", "RGASPI"),
            ("stalin", "person", "Joseph Stalin"),
            ("molotov", "person", "Vyacheslav Molotov"),
            ("place", "place", "Soviet Union"),
        )
    }
    found = {name: match.group(1) for name, match in ids.items() if match}
    assert len(found) == 4, ids
    people = sorted([int(found["stalin"]), int(found["molotov"])])
    return (
        f"person={people[0]}&person={people[1]}&place={found['place']}"
        f"&repository={found['repository']}"
    )


def test_everything_works_without_javascript(browser: Any, seed_server: LiveServer) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(seed_server.url + "/search?" + seed_query_string(seed_server))
        assert page.locator("#facet-person").is_visible()  # wide screens show the facets
        page.get_by_role("link", name="Page 4", exact=True).click()
        assert count_line(page) == "31 - 40 of 43"
        more = page.locator(".facet-more summary").first
        more.click()  # <details> opens without script
        assert page.locator(".facet-more .facet-values").first.is_visible()
        page.goto(seed_server.url + document_path(seed_server))
        assert page.locator("#translation-en").is_visible()
        assert page.locator("#original-ru").is_visible()  # sections, each with its anchor
        page.get_by_role("link", name="Original (Russian)").click()
        assert page.url.endswith("#original-ru")
    finally:
        context.close()


def test_facet_more_list_filters_by_typing(page: Any, seed_server: LiveServer) -> None:
    page.goto(seed_server.url + "/search")
    group = page.locator("#facet-person").locator("xpath=..")
    group.locator("summary").click()
    box = group.get_by_label("Filter people")
    box.fill("apres")
    visible = [t for t in group.locator(".facet-more li:visible").all_inner_texts()]
    assert len(visible) == 1 and "Garegin Apresov" in visible[0]
    box.fill("")
    assert group.locator(".facet-more li:visible").count() == 2


def test_print_stylesheet_shows_the_document_without_navigation(
    page: Any, seed_server: LiveServer
) -> None:
    page.goto(seed_server.url + document_path(seed_server))
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".text-tabs").is_visible()
    assert page.locator("#original-ru").is_visible()  # every text prints
    assert page.locator(".cite").is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("where", ["search", "person"])
def test_the_first_result_is_three_key_presses_away(
    page: Any, seed_server: LiveServer, where: str
) -> None:
    """From the keyboard: Tab to "Skip to results" (the second stop), Enter, Tab: the first
    result's link, on a results page and on a record page's documents."""
    path = (
        "/search?q=Kurile"
        if where == "search"
        else record_path(seed_server, "person", "Joseph Stalin")
    )
    page.goto(seed_server.url + path)
    first = page.locator("ol.result-list li a").first.get_attribute("href")
    presses = 0
    while presses < 10:
        page.keyboard.press("Tab")
        presses += 1
        focused = page.evaluate("document.activeElement.textContent.trim()")
        if focused.startswith("Skip to") and focused != "Skip to main content":
            page.keyboard.press("Enter")
        if page.evaluate("document.activeElement.getAttribute('href')") == first:
            break
    assert presses == 3, presses
