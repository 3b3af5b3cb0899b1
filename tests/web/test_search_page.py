"""/search: the result list, facets, filters, sorting, pages and canonical URLs, on the archive
that reproduces the anchor's page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from readingroom.catalogue.models import Document
from readingroom.search.query import Lexer, Token

from .helpers import between, get, record, result_dates, result_titles, rid, seed_query, text_of
from .seed_archive import PAGE_FOUR_TITLES, SEED_DATES

pytestmark = pytest.mark.usefixtures("seed_archive")


def test_page_four_of_the_seed_filters_lists_results_31_to_40(client: Client) -> None:
    html = get(client, f"/search?{seed_query(page='4')}")
    assert re.search(r'class="count-line">31 - 40 of 43<', html)
    assert result_titles(html) == PAGE_FOUR_TITLES
    assert 'start="31"' in html  # the ordered list numbers its items 31 to 40


def test_every_date_is_shown_as_precisely_as_known_and_never_blank(client: Client) -> None:
    html = get(client, f"/search?{seed_query(page='4')}")
    assert result_dates(html) == list(SEED_DATES.values())
    assert "1936" in result_dates(html)  # the year-only telegram the anchor showed undated
    assert '<time datetime="1936">1936</time>' in html


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("", ["March 14, 1920", "November 1920", "1921", "circa 1922", "1924?"]),
        ("5", ["1950s", "June 25, 1950", "Undated"]),  # 195X may be January 1, 1950
    ],
)
def test_other_date_forms(client: Client, page: str, expected: list[str]) -> None:
    dates = result_dates(get(client, f"/search?{seed_query(**({'page': page} if page else {}))}"))
    assert dates[: len(expected)] == expected
    assert all(dates)


def test_a_range_within_a_month_reads_as_one(client: Client) -> None:
    dates = result_dates(get(client, f"/search?{seed_query()}"))
    assert "April 2–5, 1923" in dates


def test_undated_documents_come_last_in_both_date_orders(client: Client) -> None:
    oldest_last_page = result_dates(get(client, f"/search?{seed_query(page='5')}"))
    newest = result_dates(get(client, f"/search?{seed_query(sort='-date', page='5')}"))
    assert oldest_last_page[-1] == "Undated"
    assert newest[-1] == "Undated"
    first = result_dates(get(client, f"/search?{seed_query(sort='-date')}"))
    assert first[0] == "1950s"  # ends latest (1959-12-31)


def test_sort_by_title(client: Client) -> None:
    titles = result_titles(get(client, f"/search?{seed_query(sort='title', per_page='50')}"))
    assert len(titles) == 43
    assert titles == sorted(titles, key=str.casefold)


def test_more_per_page(client: Client) -> None:
    html = get(client, f"/search?{seed_query(page='2', per_page='25')}")
    assert "26 - 43 of 43" in html
    assert len(result_titles(html)) == 18


def test_pagination_links_first_previous_numbers_next_last(client: Client) -> None:
    html = get(client, f"/search?{seed_query(page='4')}")
    nav = between(html, '<nav class="pagination"', "</nav>")
    base = seed_query().replace("&", "&amp;")
    assert f'href="/search?{base}">« First' in nav
    assert f'href="/search?{base}&amp;page=3" rel="prev"' in nav
    assert f'href="/search?{base}&amp;page=5" rel="next"' in nav
    assert re.search(r'aria-current="page"[^>]*>4<', nav)
    numbers = re.findall(r'aria-label="Page (\d+)', nav)
    assert numbers == ["1", "2", "3", "4", "5"]


def test_each_result_links_to_its_document_carrying_the_search(client: Client) -> None:
    html = get(client, f"/search?{seed_query(page='4')}")
    document = record("doc:seed-08")
    link = re.search(rf'href="({re.escape(document.get_absolute_url())}\?from_search=[^"]+)"', html)
    assert link is not None
    response = client.get(link.group(1).replace("&amp;", "&"))
    assert response.status_code == 200
    assert "Result 34 of 43" in text_of(response.content.decode())


def test_facets_are_counted_over_the_whole_result_set_with_labels(client: Client) -> None:
    html = get(client, f"/search?{seed_query(page='4')}")
    people = text_of(between(html, 'id="facet-person"', "</section>"))
    assert "Joseph Stalin 43" in people and "Vyacheslav Molotov 43" in people
    assert "Kliment Voroshilov 7" in people and "Sheng Shicai 7" in people
    places = text_of(between(html, 'id="facet-place"', "</section>"))
    assert "Soviet Union 43" in places and "Xinjiang 7" in places
    kinds = text_of(between(html, 'id="facet-type"', "</section>"))
    assert "Telegram 1" in kinds
    languages = text_of(between(html, 'id="facet-language"', "</section>"))
    assert "Russian" in languages and "Chinese 4" in languages


def test_adding_a_facet_keeps_everything_else(client: Client) -> None:
    html = get(client, f"/search?{seed_query(sort='title', page='2', per_page='25')}")
    xinjiang = rid("place:xinjiang")
    places = between(html, 'id="facet-place"', "</section>")
    link = re.search(r'href="([^"]+)"><span class="facet-label">Xinjiang<', places)
    assert link is not None
    url = link.group(1).replace("&amp;", "&")
    assert f"place={xinjiang}" in url and "sort=title" in url and "per_page=25" in url
    assert "page=" not in url.replace("per_page", "")  # a new result set starts on page 1
    assert client.get(url).status_code == 200  # already canonical: no redirect


def test_active_filters_are_chips_that_remove_one_filter_each(client: Client) -> None:
    html = get(client, f"/search?q=Sheng&{seed_query(sort='title')}")
    chips = between(html, 'class="chips"', "</ul>")
    labels = [text_of(c) for c in re.findall(r'class="chip">(.*?)</li>', chips, re.S)]
    assert labels == [
        "Words: Sheng ×",
        "Person: Joseph Stalin ×",
        "Person: Vyacheslav Molotov ×",
        "Place: Soviet Union ×",
        "Repository: RGASPI ×",
    ]
    without_stalin = re.search(r'href="([^"]+)" aria-label="Remove Person: Joseph Stalin"', chips)
    assert without_stalin is not None
    url = without_stalin.group(1).replace("&amp;", "&")
    assert f"person={rid('person:stalin')}&" not in url + "&"
    assert f"person={rid('person:molotov')}" in url and "q=Sheng" in url and "sort=title" in url


def test_authors_and_recipients_are_facets_and_filters_with_chips(client: Client) -> None:
    stalin, molotov, sheng = rid("person:stalin"), rid("person:molotov"), rid("person:sheng")
    html = get(client, f"/search?{seed_query()}")
    authors = text_of(between(html, 'id="facet-author"', "</section>"))
    assert authors.endswith("Authors Vyacheslav Molotov 37 Sheng Shicai 4 Joseph Stalin 3 "
                            "Kliment Voroshilov 2 Harry S. Truman 1")  # fmt: skip
    assert "Recipients" in text_of(between(html, 'id="facet-recipient"', "</section>"))
    assert 'id="facet-discussed"' not in html  # a filter (and a person page tab), not a facet
    link = re.search(
        r'href="([^"]+)"><span class="facet-label">Joseph Stalin<',
        between(html, 'id="facet-author"', "</section>"),
    )
    assert link is not None  # adding him as author drops the person filter it implies
    assert f"author={stalin}" in link.group(1) and f"person={stalin}&" not in link.group(1)

    written = get(client, f"/search?author={stalin}&recipient={sheng}")
    assert re.search(r'class="count-line">1 - 1 of 1<', written)
    chips = between(written, 'class="chips"', "</ul>")
    labels = [text_of(c) for c in re.findall(r'class="chip">(.*?)</li>', chips, re.S)]
    assert labels == ["Author: Joseph Stalin ×", "Recipient: Sheng Shicai ×"]
    people = text_of(between(written, 'id="facet-person"', "</section>"))
    assert "Joseph Stalin" not in people and "Sheng Shicai" not in people  # their chips say so
    assert "Vyacheslav Molotov 1" in people

    discussed = get(client, f"/search?discussed={molotov}")
    assert "Discussed: Vyacheslav Molotov" in text_of(between(discussed, 'class="chips"', "</ul>"))
    values = get(client, f"/search/facets/author?person={molotov}")
    assert "Vyacheslav Molotov" in text_of(values) and "Authors" in text_of(values)


@pytest.mark.parametrize(
    ("asked", "canonical"),
    [
        ("person={s}&author={s}", "author={s}"),  # the role implies the person
        ("recipient={s}&author={m}&person={m}&person={s}", "author={m}&recipient={s}"),
        ("discussed={s}&q=korea", "q=korea&discussed={s}"),
    ],
)
def test_role_filters_have_one_canonical_url(client: Client, asked: str, canonical: str) -> None:
    ids = {"s": rid("person:stalin"), "m": rid("person:molotov")}
    response = client.get(f"/search?{asked.format(**ids)}")
    assert response.status_code == 301
    assert response["Location"] == f"/search?{canonical.format(**ids)}"


def test_the_date_histogram_counts_decades_years_and_undated(client: Client) -> None:
    html = get(client, f"/search?{seed_query()}")
    dates = text_of(between(html, 'id="facet-dates"', "</form>"))
    assert "1920s 15" in dates and "1930s 20" in dates and "1940s 5" in dates
    assert "1950s 2" in dates and "Undated: 1" in dates
    decade = get(client, f"/search?{seed_query()}&from=1940&to=1949")
    years = text_of(between(decade, 'id="facet-dates"', "</form>"))
    assert "By year" in years and "1942 2" in years and "1945 2" in years


def test_a_date_range_uses_overlap_and_shows_as_a_chip(client: Client) -> None:
    html = get(client, f"/search?{seed_query()}&from=1936&to=1936")
    assert result_dates(html) == ["1936"]
    assert "Dates: 1936" in text_of(between(html, 'class="chips"', "</ul>"))


def test_no_results_says_so_and_offers_to_remove_each_filter(client: Client) -> None:
    korea, xinjiang = rid("place:korea"), rid("place:xinjiang")
    low, high = sorted([int(korea), int(xinjiang)])
    html = get(client, f"/search?place={low}&place={high}")
    text = text_of(html)
    assert "No results" in text and "No documents match all of these filters" in text
    remove = text_of(between(html, 'class="remove-one"', "</ul>"))
    assert "Remove place: Xinjiang (2 documents without it)" in remove
    assert "Remove place: Korea (8 documents without it)" in remove


def test_offered_person_comes_first_when_the_words_name_one(client: Client) -> None:
    html = get(client, "/search?q=Filippov")
    offer = text_of(between(html, 'class="person-offer"', "</aside>"))
    assert "Looking for Joseph Stalin (1878–1953)? Their page has every document" in offer
    assert f'href="{record("person:stalin").get_absolute_url()}"' in html
    assert html.index('class="person-offer"') < html.index('class="result-list"')
    place = text_of(between(get(client, "/search?q=Urumchi"), 'class="person-offer"', "</aside>"))
    assert "Looking for Urumqi? Its page has every document about it" in place
    assert 'class="person-offer"' not in get(client, "/search?q=Hokkaido")


def test_a_page_past_the_end_is_404_with_a_way_back(client: Client) -> None:
    html = get(client, f"/search?{seed_query(page='9')}", status=404)
    assert "past the end" in html
    assert f'href="/search?{seed_query(page="5").replace("&", "&amp;")}"' in html


@pytest.mark.parametrize(
    "spelling",
    [
        "page=4&{q}",
        "{q}&page=4&per_page=10",
        "{q}&page=4&sort=date",
        "{q}&page=4&q=",
        "{q}&page=4&utm_source=newsletter",
        "{q}&page=4&person={stalin}",
    ],
)
def test_other_spellings_redirect_permanently_to_the_one_canonical_url(
    client: Client, spelling: str
) -> None:
    canonical = f"/search?{seed_query(page='4')}"
    url = "/search?" + spelling.format(q=seed_query(), stalin=rid("person:stalin"))
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == canonical
    assert client.get(canonical).status_code == 200


def test_reversed_repeated_values_redirect(client: Client) -> None:
    stalin, molotov = sorted([int(rid("person:stalin")), int(rid("person:molotov"))])
    response = client.get(f"/search?person={molotov}&person={stalin}")
    assert response.status_code == 301
    assert response["Location"] == f"/search?person={stalin}&person={molotov}"


def test_unusable_values_are_explained_not_redirected(client: Client) -> None:
    response = client.get(f"/search?{seed_query()}&sort=popularity&per_page=7")
    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert "there is no sort “popularity”" in text
    assert "Showing 10 per page" in text
    canonical = f'rel="canonical" href="http://127.0.0.1:8000/search?{seed_query()}"'
    assert canonical.replace("&", "&amp;") in response.content.decode()


def test_the_search_box_keeps_the_filters(client: Client) -> None:
    html = get(client, f"/search?{seed_query(sort='title')}")
    form = between(html, '<form class="search-form"', "</form>")
    hidden = re.findall(r'type="hidden" name="([^"]+)" value="([^"]+)"', form)
    assert ("place", rid("place:soviet-union")) in hidden and ("sort", "title") in hidden
    assert all(name != "q" for name, _ in hidden)


def test_unreleased_documents_never_appear(client: Client) -> None:
    html = get(client, "/search?per_page=100")
    assert "Draft report naming an informant" not in html
    assert "Embargoed report" not in html
    assert "Unreleased Informant" not in html
    public = Document.objects.public().count()
    assert public == 46
    assert re.search(rf"1 - {public} of {public}<", html)


def test_keyword_searches_show_why_each_document_matched(client: Client) -> None:
    html = get(client, "/search?q=Kurile")
    summaries = re.findall(r'<p class="result-summary">(.*?)</p>', html, re.S)
    assert any("<mark>Kurile</mark>" in s for s in summaries)
    passages = re.findall(r'<p class="result-passage">(.*?)</p>', html, re.S)
    assert any("<mark>Kurile</mark>" in p for p in passages)  # from the translation's text
    for summary in summaries:  # no passage repeats a summary
        plain = re.sub(r"</?mark>", "", summary)
        assert all(re.sub(r"<[^>]+>|…", "", p).strip() not in plain for p in passages)


def test_a_search_request_parses_its_words_once(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parameters parse the words (search.query); every layer below takes the parsed
    query: the search, the people and places it names, and, with nothing found, each chip's
    count without it. (Every parse runs the lexer once; it is counted, and still runs.)"""
    read: list[str] = []
    lex = Lexer.run

    def counted(lexer: Lexer) -> list[Token]:
        read.append(lexer.text)
        return lex(lexer)

    monkeypatch.setattr(Lexer, "run", counted)
    html = get(client, f"/search?q=Filippov+Urumchi&place={rid('place:korea')}")
    assert "No results" in text_of(html)
    assert "Looking for Joseph Stalin" in text_of(between(html, 'class="person-offer"', "</aside>"))
    assert "without it)" in text_of(between(html, 'class="remove-one"', "</ul>"))
    assert read == ["Filippov Urumchi"]


def test_each_result_names_its_type_and_repository(client: Client) -> None:
    """Under each title: the document's type in words and its repository's short name, as
    the document records them (and nothing for a document without them)."""
    html = get(client, "/search?per_page=100")
    items = re.findall(r'<li class="result">(.*?)</li>', html, re.S)
    shown = {
        text_of(re.search(r'class="result-title">(.*?)</h3>', item, re.S).group(1)): (  # type: ignore[union-attr]
            re.findall(r'<p class="result-meta">(.*?)</p>', item, re.S)
        )
        for item in items
    }
    for document in Document.objects.filter(title__in=list(shown)).select_related("repository"):
        kind = document.doc_type.replace("-", " ").capitalize() if document.doc_type else ""
        parts = [f"<span>{kind}</span>"] if kind else []
        parts += [f"<span>{document.repository.label()}</span>"] if document.repository else []
        assert shown[document.title] == (["".join(parts)] if parts else []), document.title
    assert any("<span>RGASPI</span>" in meta for metas in shown.values() for meta in metas)
