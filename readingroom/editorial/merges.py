"""Merging two people into one, and undoing it: editorial acts whose documents are re-indexed
through the outbox in the same transaction.

A merge moves every link of the merged person to the survivor, keeps the merged person's names
as the survivor's variants, fills the survivor's empty fields (sort name, life dates, biography,
external ids) from the merged record and takes the values the editor chose where the two
disagree; the merged record itself is kept as it was, its URL redirecting to the survivor.
Everything it moved or changed is written down (`Merge`), so `unmerge` puts it all back: a merge
followed by an unmerge exports identically.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from readingroom.catalogue.authority import linked_document_ids
from readingroom.catalogue.models import DocumentPerson, Person, PersonVariant, VariantKind
from readingroom.search.outbox import enqueue_documents

from .history import Attribution, recording
from .jobs import JobRefused, enqueue
from .models import Job, Merge, Source

# The survivor's fields a merge may set from the merged record.
MERGED_FIELDS = ("sort_name", "dates_edtf", "biography", "wikidata", "viaf")
MERGE_PEOPLE = "merge-people"  # the kinds of job (jobs.py)
UNMERGE_PEOPLE = "unmerge-people"


class MergeRefused(ValueError):
    """A merge that would lose or confuse records."""


def disagreements(people: list[Person]) -> dict[str, list[str]]:
    """The fields on which the people hold different values (empty ones aside): where the
    editor chooses what the surviving record keeps."""
    found = {}
    for name in MERGED_FIELDS:
        values = list(dict.fromkeys(v for p in people if (v := _own(p, name))))
        if len(values) > 1:
            found[name] = values
    return found


def merge_job(
    survivor: Person, people: Iterable[Person], chosen: Mapping[str, str], user: Any
) -> Job:
    """The job of merging `people` into `survivor` (see merge_people), for the worker."""
    others = [p for p in people if p.pk != survivor.pk]
    names = ", ".join(p.name for p in others)
    parameters = {"survivor": survivor.pk, "merged": [p.pk for p in others], "chosen": dict(chosen)}
    return enqueue(MERGE_PEOPLE, parameters, f"Merge {names} into {survivor.name}", user)


def small(job: Job) -> bool:
    """Whether a merge job touches few enough documents to be done while the editor waits."""
    people = Person.objects.filter(pk__in=[job.parameters["survivor"], *job.parameters["merged"]])
    return sum(len(linked_document_ids(p)) for p in people) <= settings.JOBS_AT_ONCE


def run_merge(job: Job) -> str:
    """A merge job's work (jobs.Runner): every person merged into the survivor, with the
    versions of the people and their documents before and after, in the job's transaction."""
    survivor = Person.objects.filter(pk=job.parameters["survivor"]).first()
    merged = list(Person.objects.filter(pk__in=job.parameters["merged"]).order_by("pk"))
    if survivor is None or len(merged) != len(job.parameters["merged"]):
        raise JobRefused("a person to merge was deleted since the merge was asked for")
    names = ", ".join(p.name for p in merged)
    who = Attribution(Source.MERGE, job.created_by, f"Merged {names} into {survivor.name}")
    affected: set[int] = set()
    with recording_people(who, [survivor, *merged]) as recorder:
        for person in merged:
            try:
                affected |= merge_people(survivor, person, job.parameters.get("chosen"))
            except MergeRefused as refusal:
                raise JobRefused(str(refusal)) from refusal
    job.changeset = recorder.log.changeset
    # (still in the job's transaction: a merge is never committed without its change set)
    Merge.objects.filter(merged__in=merged, undone_at__isnull=True, changeset=None).update(
        changeset=job.changeset
    )
    job.done = job.total = len(merged)
    return f"Merged {names} into {survivor.name}; {len(affected)} documents re-indexed."


def unmerge_job(merges: list[Merge], user: Any) -> Job:
    """The job of undoing these merges (see unmerge), latest first, for the worker."""
    names = ", ".join(f"{m.merged.name} from {m.survivor.name}" for m in merges)
    parameters = {"merges": [m.pk for m in merges]}
    return enqueue(UNMERGE_PEOPLE, parameters, f"Undo the merges of {names}", user)


def small_unmerge(job: Job) -> bool:
    """Whether undoing these merges touches few enough documents to be done at once."""
    merges = Merge.objects.filter(pk__in=job.parameters["merges"]).select_related("survivor")
    people = {p for m in merges for p in (m.survivor, m.merged)}
    return sum(len(linked_document_ids(p)) for p in people) <= settings.JOBS_AT_ONCE


def run_unmerge(job: Job) -> str:
    """An unmerge job's work: each merge undone, with the versions of the people and their
    documents before and after, in the job's transaction; refused whole if one cannot be."""
    wanted = job.parameters["merges"]
    merges = list(Merge.objects.filter(pk__in=wanted).select_related("survivor", "merged"))
    if len(merges) != len(wanted):
        raise JobRefused("a merge to undo was deleted since")
    merges.sort(key=lambda m: wanted.index(m.pk))
    names = ", ".join(f"{m.merged.name} from {m.survivor.name}" for m in merges)
    who = Attribution(Source.MERGE, job.created_by, f"Undid the merges of {names}")
    affected: set[int] = set()
    with recording_people(who, {p for m in merges for p in (m.survivor, m.merged)}) as recorder:
        for merge in merges:
            try:
                affected |= unmerge(merge)
            except MergeRefused as refusal:
                raise JobRefused(str(refusal)) from refusal
    job.changeset = recorder.log.changeset
    job.done = job.total = len(merges)
    return f"Undid the merges of {names}; {len(affected)} documents re-indexed."


@contextmanager
def recording_people(who: Attribution, people: Iterable[Person]) -> Iterator[Any]:
    """Versions of the people and of every document linked to them, before and after the
    change made inside the block (a merge, or its undoing)."""
    people = list(people)
    with transaction.atomic(), recording(who) as recorder:
        recorder.watch_records(people)
        documents: set[int] = set()
        for person in people:
            documents |= linked_document_ids(person)
        recorder.watch("document", documents)
        yield recorder


def merge_people(
    survivor: Person, merged: Person, chosen: Mapping[str, str] | None = None
) -> set[int]:
    """Merge `merged` into `survivor`; `chosen` gives the values the survivor keeps where the
    two disagree (by default its own). Returns the documents to re-index."""
    with transaction.atomic():
        # (locked first: two merges of the same people wait for each other, and the second
        # sees what the first did)
        locked = Person.objects.select_for_update().filter(pk__in=[survivor.pk, merged.pk])
        fresh = {p.pk: p.merged_into_id for p in locked}
        survivor.merged_into_id, merged.merged_into_id = (
            fresh.get(survivor.pk),
            fresh.get(merged.pk),
        )
        _refuse_bad_merge(survivor, merged)
        affected = linked_document_ids(merged) | linked_document_ids(survivor)
        merge = Merge(survivor=survivor, merged=merged)
        _move_links(merge)
        _keep_names(merge)
        _take_fields(merge, chosen or {})
        merge.repointed = list(
            Person.objects.filter(merged_into=merged).values_list("pk", flat=True)
        )
        Person.objects.filter(pk__in=merge.repointed).update(merged_into=survivor)
        merged.merged_into = survivor
        merged.save(update_fields=["merged_into", "updated_at"])
        merge.save()
        enqueue_documents(affected)
    return affected


def unmerge(merge: Merge) -> set[int]:
    """Undo a merge: the merged person is a record of its own again, with every link, name and
    field as before. Returns the documents to re-index."""
    if merge.undone_at is not None:
        raise MergeRefused(f"the merge of {merge.merged} into {merge.survivor} was undone already")
    later = Merge.objects.filter(survivor=merge.survivor, created_at__gt=merge.created_at)
    if later.filter(undone_at__isnull=True).exists() or merge.survivor.merged_into_id:
        raise MergeRefused(f"undo the later merges of {merge.survivor} first")
    survivor, merged = merge.survivor, merge.merged
    with transaction.atomic():
        # (locked: two editors undoing the same merge at once, the second finds it undone)
        if Merge.objects.select_for_update().get(pk=merge.pk).undone_at is not None:
            raise MergeRefused(f"the merge of {merged} into {survivor} was undone already")
        DocumentPerson.objects.filter(pk__in=merge.moved_links).update(person=merged)
        for document_id, role, position in merge.dropped_links:
            DocumentPerson.objects.create(
                document_id=document_id, person=merged, role=role, position=position
            )
        PersonVariant.objects.filter(pk__in=merge.added_variants).delete()
        for name, value in merge.replaced.items():
            setattr(survivor, name, value)
        survivor.save()
        Person.objects.filter(pk__in=merge.repointed).update(merged_into=merged)
        merged.merged_into = None
        merged.save(update_fields=["merged_into", "updated_at"])
        merge.undone_at = timezone.now()
        merge.save(update_fields=["undone_at"])
        affected = linked_document_ids(merged) | linked_document_ids(survivor)
        enqueue_documents(affected)
    return affected


def open_merges(people: Iterable[Person]) -> list[Merge]:
    """The merges, not undone, that made these people part of another record: latest first."""
    merged = [p.pk for p in people if p.merged_into_id is not None]
    found = Merge.objects.filter(merged_id__in=merged, undone_at__isnull=True)
    return list(found.select_related("survivor", "merged").order_by("-created_at", "-id"))


def _refuse_bad_merge(survivor: Person, merged: Person) -> None:
    if survivor.pk == merged.pk:
        raise MergeRefused("a person cannot be merged into themselves")
    if survivor.merged_into_id is not None:
        raise MergeRefused(f"{survivor} was itself merged into another record")
    if merged.merged_into_id is not None:
        raise MergeRefused(f"{merged} was merged into another record already")


def _move_links(merge: Merge) -> None:
    existing = set(merge.survivor.document_links.values_list("document_id", "role"))
    for link in DocumentPerson.objects.filter(person=merge.merged).order_by("pk"):
        if (link.document_id, link.role) in existing:
            merge.dropped_links.append([link.document_id, link.role, link.position])
            link.delete()
        else:
            merge.moved_links.append(link.pk)
            link.person = merge.survivor
            link.save(update_fields=["person"])


def _keep_names(merge: Merge) -> None:
    survivor, merged = merge.survivor, merge.merged
    known = {
        survivor.name.casefold(),
        *(n.casefold() for n in survivor.variants.values_list("name", flat=True)),
    }
    names: list[tuple[str, str]] = [(merged.name, VariantKind.ALTERNATE.value)]
    names += [(v.name, v.kind) for v in merged.variants.all()]
    for name, kind in names:
        if name.casefold() not in known:
            known.add(name.casefold())
            variant = PersonVariant.objects.create(person=survivor, name=name, kind=kind)
            merge.added_variants.append(variant.pk)


def _take_fields(merge: Merge, chosen: Mapping[str, str]) -> None:
    """Empty fields of the survivor filled from the merged record; chosen values set."""
    survivor, merged = merge.survivor, merge.merged
    for name in MERGED_FIELDS:
        value = chosen.get(name) or _own(survivor, name) or _own(merged, name)
        if value and value != getattr(survivor, name):
            merge.replaced[name] = getattr(survivor, name)
            setattr(survivor, name, value)
    survivor.save()


def _own(person: Person, name: str) -> Any:
    """The person's own value of a field ("" for a sort name that is only the name again)."""
    value = getattr(person, name)
    return "" if name == "sort_name" and value == person.name else value
