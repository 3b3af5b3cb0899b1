"""Resumption tokens that survive concurrent edits.

A token carries the whole state of a list request: the verb, metadataPrefix, set, the `from`
bound, an `until` bound frozen at the first request (so records edited during the harvest move
past it instead of shifting the pages; the next incremental harvest, from this one's
responseDate, picks them up), and the (datestamp, id) of the last record sent. Each page is a
keyset query after that record, so inserts, edits and deletions never repeat or skip a record
that the harvest is still to reach. Tokens are signed (never trusted), and do not expire.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.core import signing

from .errors import BAD_RESUMPTION_TOKEN, OAIError

SALT = "readingroom.oai.resumption"


@dataclass(frozen=True)
class ListState:
    verb: str
    prefix: str
    set_spec: str
    start: dt.datetime | None
    end: dt.datetime  # exclusive; frozen at the first request
    after: tuple[dt.datetime, int] | None = None  # the last record sent
    cursor: int = 0  # how many records were sent before this page


def encode(state: ListState) -> str:
    data = asdict(state)
    data["start"] = state.start.isoformat() if state.start else None
    data["end"] = state.end.isoformat()
    data["after"] = [state.after[0].isoformat(), state.after[1]] if state.after else None
    return signing.dumps(data, salt=SALT, compress=True)


def decode(token: str, verb: str) -> ListState:
    try:
        data = signing.loads(token, salt=SALT)
        state = ListState(
            verb=str(data["verb"]),
            prefix=str(data["prefix"]),
            set_spec=str(data["set_spec"]),
            start=dt.datetime.fromisoformat(data["start"]) if data["start"] else None,
            end=dt.datetime.fromisoformat(data["end"]),
            after=(dt.datetime.fromisoformat(data["after"][0]), int(data["after"][1]))
            if data["after"]
            else None,
            cursor=int(data["cursor"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError, IndexError):
        raise OAIError(BAD_RESUMPTION_TOKEN, "the resumptionToken is not one we issued") from None
    if state.verb != verb:
        raise OAIError(BAD_RESUMPTION_TOKEN, f"this resumptionToken belongs to {state.verb}")
    return state
