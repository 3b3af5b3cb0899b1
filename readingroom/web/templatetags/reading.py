"""Small template helpers for the reading room: dates as <time>, document types as words,
facet values and date bars as list items."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from readingroom.catalogue.models import Document, Place
from readingroom.search.facets import FACETS_BY_NAME
from readingroom.search.languages import language_name
from readingroom.web import maps
from readingroom.web.facetlist import DateBar, FacetGroup, FacetValue
from readingroom.web.listing import Entry, Option
from readingroom.web.pagination import Pagination

register = template.Library()


@register.simple_tag
def document_date(document: Document) -> SafeString:
    """The date as precise as known ("1936", "circa 1945", "Undated"), in a <time> element
    when it is a plain day, month or year a machine can read."""
    date = document.date
    if date.edtf and date.edtf.replace("-", "").isdigit():
        return format_html('<time datetime="{}">{}</time>', date.edtf, date.display)
    return format_html("{}", date.display)


# A result as a list item, written here for the reason facet values are (below): a page of
# results was about half of the search page's template time as template code.
RESULT = (
    '<li class="result"><p class="result-date">{date}</p>'
    '<h3 class="result-title"><a href="{url}">{title}</a></h3>{summary}{passages}{meta}</li>'
)
PASSAGE = '<p class="result-passage"><span class="visually-hidden">Matching text: </span>…{}…</p>'


@register.simple_tag
def result_items(entries: Iterable[Entry]) -> SafeString:
    """The <li> items of a result list (web.listing.Entry), escaped: date, title linking the
    document with its search, summary (with the words that matched marked), passages, type
    and repository."""
    return mark_safe("".join(_result_item(entry) for entry in entries))  # every part escaped


def _result_item(entry: Entry) -> str:
    document = entry.document
    summary = entry.summary if entry.summary else escape(document.summary)
    kind = doc_type(document.doc_type)
    repository = document.repository
    meta = f"<span>{escape(kind)}</span>" if kind else ""
    meta += f"<span>{escape(repository.label())}</span>" if repository else ""
    return RESULT.format(
        date=document_date(document),
        url=escape(entry.url),
        title=escape(document.title),
        summary=f'<p class="result-summary">{summary}</p>' if summary else "",
        passages="".join(PASSAGE.format(passage) for passage in entry.passages),
        meta=f'<p class="result-meta">{meta}</p>' if meta else "",
    )


@register.filter
def doc_type(value: str) -> str:
    """A document type code as words ("memorandum-of-conversation" -> "Memorandum of ...")."""
    if not value:
        return ""
    describe = FACETS_BY_NAME["type"].describe
    return describe(value) if describe else value


@register.filter
def language(code: str) -> str:
    return language_name(code)


# A facet value as a list item: the link adds the filter, or removes it when selected. Written
# here rather than as an included template: a sidebar has a couple of hundred values, and an
# {% include %} each cost about 10 ms a page. Escaped by `html.escape`, which is what Django's
# `escape` runs (without its checks for lazy strings, a fifth of a sidebar's time).
FACET_VALUE = (
    '<li><a href="{}"><span class="facet-label">{}</span> <span class="count">{}</span></a></li>'
)
SELECTED_FACET_VALUE = (
    '<li class="selected"><a href="{}" aria-current="true"><span class="facet-label">'
    '<span class="visually-hidden">Remove filter: </span>{}</span> <span class="count">{}</span>'
    "</a></li>"
)


@register.simple_tag
def facet_values(*groups: Iterable[FacetValue]) -> SafeString:
    """The <li> items of facet values (FacetValue), escaped, group after group."""
    return mark_safe(  # every argument escaped
        "".join(
            (SELECTED_FACET_VALUE if value.selected else FACET_VALUE).format(
                escape(value.url), escape(value.label), value.count
            )
            for values in groups
            for value in values
        )
    )


# A facet's section of the sidebar: the values shown, the rest behind "more" (with a filter box
# that JavaScript shows), and the links to every value and to the map. Written here for the
# reason its values are: as template code the sidebar's eight sections were a third of the
# search page's template time.
FACET_SECTION = (
    '<section class="facet" aria-labelledby="facet-{name}">\n'
    '<h3 id="facet-{name}">{label}</h3>\n'
    '<ul class="facet-values">{top}</ul>\n{more}{all}{map}</section>\n'
)
FACET_MORE = (
    '<details class="facet-more" data-facet-more>\n'
    "<summary>More {lower} ({count})</summary>\n"
    '<div class="facet-filter" data-facet-filter hidden>\n'
    '<label for="facet-filter-{name}">Filter {lower}</label>\n'
    '<input id="facet-filter-{name}" type="search" autocomplete="off">\n'
    "</div>\n"
    '<ul class="facet-values">{values}</ul>\n'
    "</details>\n"
)
FACET_LINK = '<p class="facet-all"><a href="{}">{}</a></p>\n'


@register.simple_tag
def facet_sections(groups: Iterable[FacetGroup], map_url: str) -> SafeString:
    """The sidebar's section of each facet (web.facetlist.FacetGroup), escaped; the places'
    links to `map_url` too."""
    return mark_safe("".join(_facet_section(group, map_url) for group in groups))  # escaped


def _facet_section(group: FacetGroup, map_url: str) -> str:
    name, lower = escape(group.name), escape(group.label.lower())
    more = ""
    if group.more:
        values = facet_values(group.more)
        more = FACET_MORE.format(name=name, lower=lower, count=len(group.more), values=values)
    every = FACET_LINK.format(escape(group.all_url), f"All {lower}…") if group.all_url else ""
    places = FACET_LINK.format(escape(map_url), "These places on a map")
    return FACET_SECTION.format(
        name=name,
        label=escape(group.label),
        top=facet_values(group.top),
        more=more,
        all=every,
        map=places if group.name == "place" else "",
    )


# A result list's sorts and page sizes, and its page numbers, written here for the reason facet
# values are: as template code they were a quarter of the search page's template time.
CHOICE = '<li><a href="{url}"{current}{label}>{text}</a></li>'


@register.simple_tag
def choices(options: Iterable[Option], suffix: str = "") -> SafeString:
    """The <li> items of a choice of sorts or page sizes (Option), the chosen one marked; with
    `suffix`, each link's accessible name is its label and the suffix ("20 per page")."""
    return mark_safe(  # every argument escaped
        "".join(
            CHOICE.format(
                url=escape(option.url),
                current=' aria-current="true"' if option.selected else "",
                label=f' aria-label="{escape(option.label)} {escape(suffix)}"' if suffix else "",
                text=escape(option.label),
            )
            for option in options
        )
    )


PREVIOUS = '<span aria-hidden="true">‹</span><span class="pager-word"> Previous</span>'
NEXT = '<span class="pager-word">Next </span><span aria-hidden="true">›</span>'
GAP = '<li class="gap" aria-hidden="true">…</li>'


PAGE = '<li><a href="{url}" aria-label="Page {number}">{number}</a></li>'
CURRENT_PAGE = (
    '<li><a href="{url}" aria-current="page" aria-label="Page {number}, current page">'
    "{number}</a></li>"
)


@register.simple_tag
def page_links(pages: Pagination) -> SafeString:
    """The <li> items of a result list's pages: first, previous, the numbers with a gap where
    pages are left out, next, last; an end already reached is shown, not linked."""
    items = [
        f'<li class="pager-end">{_pager(pages.first_url, "« First")}</li>',
        f"<li>{_pager(pages.previous_url, PREVIOUS, 'prev')}</li>",
    ]
    last = len(pages.numbers)
    for counter, link in enumerate(pages.numbers, start=1):
        if counter == 2 and pages.gap_before:
            items.append(GAP)
        if counter == last and pages.gap_after:
            items.append(GAP)
        page = CURRENT_PAGE if link.current else PAGE
        items.append(page.format(url=escape(link.url), number=link.number))
    items.append(f"<li>{_pager(pages.next_url, NEXT, 'next')}</li>")
    items.append(f'<li class="pager-end">{_pager(pages.last_url, "Last »")}</li>')
    return mark_safe("".join(items))  # every address escaped, the rest the archive's words


def _pager(url: str | None, words: str, rel: str = "") -> str:
    if url is None:
        return f'<span class="disabled">{words}</span>'
    related = f' rel="{rel}"' if rel else ""
    return f'<a href="{escape(url)}"{related}>{words}</a>'


DATE_BAR = (
    '<li><a href="{}"><span class="bar-label">{}</span><span class="bar" aria-hidden="true">'
    '<span class="w{}"></span></span><span class="count">{}</span></a></li>'
)


@register.simple_tag
def date_bars(bars: Iterable[DateBar]) -> SafeString:
    """The <li> items of a date histogram (DateBar), escaped, as `facet_values` and for the same
    reason: an {% include %} a bar cost more than the rest of the histogram."""
    return mark_safe(  # every argument escaped
        "".join(
            DATE_BAR.format(escape(bar.url), escape(bar.label), bar.percent, bar.count)
            for bar in bars
        )
    )


@register.simple_tag
def place_map(place: Place) -> SafeString:
    """The place on a map of its region (web/maps.py), or nothing without coordinates."""
    if place.latitude is None or place.longitude is None:
        return mark_safe("")
    spot = maps.Spot(place.longitude, place.latitude, place.name)
    return maps.svg([spot], f"Map: {place.name}", maps.frame_around([spot], margin=14))
