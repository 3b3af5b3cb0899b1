"""Page numbers for a result list: first, previous, a window of numbers, next, last."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from readingroom.search.params import MAX_PAGE


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    current: int
    last: int
    first_url: str | None  # None when already there
    previous_url: str | None
    next_url: str | None
    last_url: str | None
    numbers: tuple[PageLink, ...]  # page 1, a window around the current page, the last page
    gap_before: bool  # pages left out between 1 and the window
    gap_after: bool  # pages left out between the window and the last


def page_count(total: int, per_page: int) -> int:
    return max(1, min(MAX_PAGE, -(-total // per_page)))


def paginate(
    current: int, total: int, per_page: int, url_for: Callable[[int], str], window: int = 2
) -> Pagination | None:
    """Links for `total` results at `per_page`; None when everything fits on one page."""
    last = page_count(total, per_page)
    if last == 1 and current == 1:
        return None
    # the same count of numbers near the ends as in the middle: page 1 of 9 shows 1 to 5
    low = max(1, min(min(current, last) - window, last - 2 * window))
    high = min(last, max(max(current, 1) + window, 1 + 2 * window))
    shown = sorted({1, *range(low, high + 1), last})
    numbers = tuple(PageLink(n, url_for(n), n == current) for n in shown)
    return Pagination(
        current=current,
        last=last,
        first_url=url_for(1) if current > 1 else None,
        previous_url=url_for(min(current - 1, last)) if current > 1 else None,
        next_url=url_for(current + 1) if current < last else None,
        last_url=url_for(last) if current != last else None,
        numbers=numbers,
        gap_before=low > 2,
        gap_after=high < last - 1,
    )
