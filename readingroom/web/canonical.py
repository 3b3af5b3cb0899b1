"""One URL per page: where to send a request that spelled its page another way."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from readingroom.search.reading import pairs_of


def redirect_target(
    request_path: str,
    query_string: str,
    path: str,
    pairs: Sequence[tuple[str, str]],
    notices: Sequence[str] = (),
) -> str | None:
    """The canonical URL to redirect to, or None when the request is already there.

    `pairs`: the canonical parameters. A request with notices (values we could not use) keeps
    its parameters, so the page can say what it did with them; only its path is corrected.
    """
    if notices:
        if request_path == path:
            return None
        return f"{path}?{query_string}" if query_string else path
    if request_path == path and pairs_of(query_string) == list(pairs):
        return None
    query = urlencode(list(pairs))
    return f"{path}?{query}" if query else path
