"""Changing many documents at once (the desk's bulk action, run as a job: jobs.py): a subject,
a place or a person in a role added or removed, the documents added to or removed from a
collection, their type, repository or classification set, or their state changed by the
publication workflow (sent to review, published, embargoed until a day, withdrawn with a
reason: workflow.py, which writes those change sets).

The documents are changed in parts of PART, each part one transaction holding the change, its
change set (the versions of the documents it changed, and of the collection it added them to)
and the job's progress: history always holds exactly what was committed, and a job taken again
after its worker was killed goes on from the first part not done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from readingroom.catalogue.models import (
    Collection,
    Document,
    DocumentPerson,
    Person,
    Place,
    Repository,
    Role,
    Status,
    Subject,
)
from readingroom.search.outbox import enqueue_documents

from . import members, workflow
from .history import Attribution, recording
from .jobs import JobRefused, enqueue, progress
from .models import Job, Source

BULK_CHANGE = "bulk-change"  # the kind of job
PART = 500  # documents changed in one transaction
LINKED = {"subject": Subject, "place": Place, "person": Person}
FIELDS = {"doc_type": "type", "classification": "classification"}
STATUSES = (Status.REVIEW, Status.PUBLISHED, Status.EMBARGOED, Status.WITHDRAWN)


@dataclass(frozen=True)
class Change:
    """What to do to each document: `operation` "add" or "remove" a `what` (subject, place,
    person with its `role`, collection: `value` is its public id), or "set" a field (doc_type,
    classification: `value` is the text; repository: its public id; status: the new state,
    with the day an embargo lifts or the reason for a withdrawal as its `detail`)."""

    operation: str
    what: str
    value: str
    role: str = ""
    detail: str = ""

    def record(self) -> Any:
        """The linked record, or None for a text field; JobRefused when it does not exist."""
        models: dict[str, Any] = {**LINKED, "collection": Collection, "repository": Repository}
        model = models.get(self.what)
        if model is None:
            return None
        found = model.objects.filter(public_id=int(self.value)).first() if self.value else None
        if found is None:
            raise JobRefused(f"there is no {self.what} with the id {self.value}")
        return found

    def describe(self) -> str:
        if self.what == "status":
            return STATE_CHANGES[self.value].format(detail=self.detail)
        record = self.record()
        name = str(record) if record is not None else repr(self.value)
        if self.operation == "set":
            return f"set the {FIELDS.get(self.what, self.what)} to {name}"
        role = f" as {self.role}" if self.role else ""
        if self.what == "collection":
            to = "added to" if self.operation == "add" else "removed from"
            return f"{to} the collection {name}"
        return f"{'added' if self.operation == 'add' else 'removed'} {self.what} {name}{role}"


STATE_CHANGES: dict[str, str] = {
    Status.REVIEW: "sent to review",
    Status.PUBLISHED: "published",
    Status.EMBARGOED: "embargoed until {detail}",
    Status.WITHDRAWN: "withdrawn: {detail}",
}


def bulk_job(documents: list[int], change: Change, user: Any, part: int = PART) -> Job:
    """The job of making `change` to these documents (database ids), `part` at a time."""
    _check(change)
    if change.what == "status" and not may_change_state(user, change.value):
        raise JobRefused(f"you may not put documents in the state {change.value}")
    text = f"{len(documents)} document(s): {change.describe()}"
    parameters = {"documents": documents, "change": asdict(change), "part": part}
    return enqueue(BULK_CHANGE, parameters, text[:1].upper() + text[1:], user)


def run_bulk_change(job: Job) -> str:
    """A bulk change job's work (jobs.Runner, committing in parts)."""
    change = Change(**job.parameters["change"])
    _check(change)
    record = change.record()
    ids: list[int] = job.parameters["documents"]
    part = int(job.parameters.get("part", PART))
    note = f"Bulk change: {change.describe()}"
    for start in range(job.done, len(ids), part):
        with transaction.atomic():
            chunk = list(Document.objects.filter(pk__in=ids[start : start + part]).order_by("pk"))
            _apply(change, record, chunk, Attribution(Source.ADMIN, job.created_by, note))
            progress(job, min(start + part, len(ids)), len(ids))
    return f"{len(ids)} document(s): {change.describe()}."


run_bulk_change.in_parts = True  # type: ignore[attr-defined]


def _check(change: Change) -> None:
    known = {
        "add": (*LINKED, "collection"),
        "remove": (*LINKED, "collection"),
        "set": (*FIELDS, "repository", "status"),
    }
    if change.what not in known.get(change.operation, ()):
        raise JobRefused(f"documents cannot {change.operation} a {change.what} in bulk")
    if change.what == "person" and change.role not in Role.values:
        raise JobRefused(f"say in which role: {', '.join(Role.values)}")
    if change.what == "status":
        _check_state(change)


def _check_state(change: Change) -> None:
    if change.value not in STATUSES:
        raise JobRefused(f"documents cannot be put in the state {change.value!r} in bulk")
    if change.value == Status.WITHDRAWN and not change.detail.strip():
        raise JobRefused("say why the documents are withdrawn")
    if change.value == Status.EMBARGOED:
        try:
            until = dt.date.fromisoformat(change.detail.strip())
        except ValueError:
            raise JobRefused("give the day the embargo lifts, as YYYY-MM-DD") from None
        if until <= timezone.localdate():
            raise JobRefused("an embargo lifts on a day after today")


def may_change_state(user: Any, status: str) -> bool:
    """The workflow's rule (workflow.allowed_statuses) for every document at once."""
    return user is not None and status in workflow.allowed_statuses(user)


def _apply(change: Change, record: Any, chunk: list[Document], who: Attribution) -> None:
    if change.what == "collection":  # (members writes the collection's history too)
        (members.add if change.operation == "add" else members.remove_many)(record, chunk, who.user)
        return
    if change.what == "status":  # (the workflow writes its change set)
        workflow.change_state(chunk, who.user, change.value, change.detail)
        return
    with recording(who) as recorder:
        recorder.watch("document", [d.public_id for d in chunk])
        CHANGES[(change.operation, _family(change.what))](change, record, chunk)
    enqueue_documents(d.public_id for d in chunk)


def _family(what: str) -> str:
    return "person" if what == "person" else "field" if what in FIELDS else what


def _add_link(change: Change, record: Any, chunk: list[Document]) -> None:
    record.documents.add(*chunk)


def _remove_link(change: Change, record: Any, chunk: list[Document]) -> None:
    record.documents.remove(*chunk)


def _add_person(change: Change, person: Person, chunk: list[Document]) -> None:
    links = DocumentPerson.objects.filter(document__in=chunk, role=change.role)
    last = dict(links.values_list("document_id").annotate(last=Max("position")))
    present = set(links.filter(person=person).values_list("document_id", flat=True))
    DocumentPerson.objects.bulk_create(
        DocumentPerson(document=d, person=person, role=change.role, position=last.get(d.pk, -1) + 1)
        for d in chunk
        if d.pk not in present
    )


def _remove_person(change: Change, person: Person, chunk: list[Document]) -> None:
    DocumentPerson.objects.filter(document__in=chunk, person=person, role=change.role).delete()


def _set_field(change: Change, record: Any, chunk: list[Document]) -> None:
    Document.objects.filter(pk__in=[d.pk for d in chunk]).update(
        **{change.what: change.value.strip()}, updated_at=timezone.now()
    )


def _set_repository(change: Change, repository: Repository, chunk: list[Document]) -> None:
    Document.objects.filter(pk__in=[d.pk for d in chunk]).update(
        repository=repository, updated_at=timezone.now()
    )


CHANGES: dict[tuple[str, str], Callable[[Change, Any, list[Document]], None]] = {
    ("add", "subject"): _add_link,
    ("add", "place"): _add_link,
    ("remove", "subject"): _remove_link,
    ("remove", "place"): _remove_link,
    ("add", "person"): _add_person,
    ("remove", "person"): _remove_person,
    ("set", "field"): _set_field,
    ("set", "repository"): _set_repository,
}
