"""Reading an OAI-PMH request: the verb, its arguments (required, optional, exclusive), and
datestamps at day or second granularity."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .errors import BAD_ARGUMENT, BAD_VERB, OAIError

# verb -> (required, optional, exclusive)
VERBS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str | None]] = {
    "Identify": ((), (), None),
    "ListMetadataFormats": ((), ("identifier",), None),
    "ListSets": ((), (), "resumptionToken"),
    "GetRecord": (("identifier", "metadataPrefix"), (), None),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@dataclass(frozen=True)
class Request:
    verb: str
    arguments: dict[str, str]


@dataclass(frozen=True)
class Datestamp:
    """A from/until value: the instant it starts and the instant just after it ends."""

    text: str
    start: dt.datetime
    end: dt.datetime
    granularity: str


def read_request(pairs: Sequence[tuple[str, str]]) -> Request:
    """The verb and its arguments, or an OAIError (badVerb before badArgument)."""
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        values.setdefault(name, []).append(value)
    verbs = values.pop("verb", [])
    if len(verbs) != 1 or verbs[0] not in VERBS:
        said = "no verb" if not verbs else ("the verb twice" if len(verbs) > 1 else verbs[0])
        raise OAIError(BAD_VERB, f"{said!s} is not an OAI-PMH verb; try verb=Identify")
    verb = verbs[0]
    repeated = sorted(name for name, given in values.items() if len(given) > 1)
    if repeated:
        raise OAIError(BAD_ARGUMENT, f"the argument '{repeated[0]}' is repeated")
    arguments = {name: given[0] for name, given in values.items()}
    _check_arguments(verb, arguments)
    return Request(verb, arguments)


def _check_arguments(verb: str, arguments: Mapping[str, str]) -> None:
    required, optional, exclusive = VERBS[verb]
    allowed = {*required, *optional, *([exclusive] if exclusive else [])}
    unknown = sorted(set(arguments) - allowed)
    if unknown:
        raise OAIError(BAD_ARGUMENT, f"{verb} takes no argument '{unknown[0]}'")
    if exclusive and exclusive in arguments:
        if len(arguments) > 1:
            raise OAIError(BAD_ARGUMENT, f"'{exclusive}' must be the only argument besides verb")
        return
    missing = [name for name in required if not arguments.get(name)]
    if missing:
        raise OAIError(BAD_ARGUMENT, f"{verb} needs the argument '{missing[0]}'")


def read_datestamp(name: str, value: str) -> Datestamp:
    if DAY.match(value):
        try:
            day = dt.datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=dt.UTC)
        except ValueError:
            raise OAIError(BAD_ARGUMENT, f"'{name}' {value} is not a day") from None
        return Datestamp(value, day, day + dt.timedelta(days=1), "day")
    if SECOND.match(value):
        try:
            moment = dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        except ValueError:
            raise OAIError(BAD_ARGUMENT, f"'{name}' {value} is not a moment") from None
        return Datestamp(value, moment, moment + dt.timedelta(seconds=1), "second")
    raise OAIError(
        BAD_ARGUMENT,
        f"'{name}' must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC), not '{value}'",
    )


def read_range(
    arguments: Mapping[str, str],
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """[from, until) as instants: from's first instant, the instant after until ends."""
    start = read_datestamp("from", arguments["from"]) if "from" in arguments else None
    end = read_datestamp("until", arguments["until"]) if "until" in arguments else None
    if start and end and start.granularity != end.granularity:
        raise OAIError(BAD_ARGUMENT, "'from' and 'until' must have the same granularity")
    if start and end and start.start > end.start:
        raise OAIError(BAD_ARGUMENT, "'from' is later than 'until'")
    return (start.start if start else None, end.end if end else None)


def format_datestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
