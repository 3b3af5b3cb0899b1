"""The publication workflow: who may put a document in which state, and the bulk acts
(send to review, publish, withdraw) with their history and re-indexing.

draft -> review -> published | embargoed (until a day) -> withdrawn.
Cataloguers move documents between draft and review; publishing, embargoing and taking a
document back from readers need `publish_document`; withdrawing needs `withdraw_document`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from readingroom.catalogue.models import Document, Status
from readingroom.search.outbox import enqueue_documents

from .history import Attribution, recording
from .models import Source
from .roles import PUBLISH, WITHDRAW

UNRELEASED = (Status.DRAFT, Status.REVIEW)


def allowed_statuses(user: Any, current: str | None = None) -> list[str]:
    """The states `user` may choose for a document now in state `current`."""
    allowed = {Status.DRAFT.value, Status.REVIEW.value}
    if user.has_perm(PUBLISH):
        allowed |= {Status.PUBLISHED.value, Status.EMBARGOED.value}
    if user.has_perm(WITHDRAW):
        allowed.add(Status.WITHDRAWN.value)
    if current:
        allowed.add(current)  # keeping the state as it is is never a transition
    return [value for value in Status.values if value in allowed]


def may_edit(user: Any, document: Document | None) -> bool:
    """Documents readers can see, or could once, are in editors' hands only."""
    return document is None or document.status in UNRELEASED or user.has_perm(PUBLISH)


def send_to_review(documents: Iterable[Document], user: Any) -> int:
    return _move(documents, user, Status.REVIEW, "Sent to review", wanted_from=(Status.DRAFT,))


def publish(documents: Iterable[Document], user: Any, note: str = "") -> int:
    """Publish drafts, documents in review, and embargoed documents before their day."""
    wanted_from = (*UNRELEASED, Status.EMBARGOED)
    return _move(documents, user, Status.PUBLISHED, note or "Published", wanted_from=wanted_from)


def withdraw(documents: Iterable[Document], user: Any, reason: str) -> int:
    if not reason.strip():
        raise ValueError("say why the documents are withdrawn")
    return _move(
        documents,
        user,
        Status.WITHDRAWN,
        f"Withdrawn: {reason.strip()}",
        wanted_from=(Status.PUBLISHED, Status.EMBARGOED),
        reason=reason.strip(),
    )


def embargo(documents: Iterable[Document], user: Any, until: dt.date) -> int:
    """Keep the documents from readers until `until` (the embargo step releases them then)."""
    return _move(
        documents,
        user,
        Status.EMBARGOED,
        f"Embargoed until {until.isoformat()}",
        wanted_from=(*UNRELEASED, Status.PUBLISHED, Status.EMBARGOED),
        until=until,
    )


def change_state(documents: Iterable[Document], user: Any, status: str, detail: str = "") -> int:
    """Put the documents in `status` by the step that leads there (a bulk change's part):
    `detail` is the release day of an embargo (YYYY-MM-DD) or the reason for a withdrawal."""
    if status == Status.REVIEW:
        return send_to_review(documents, user)
    if status == Status.PUBLISHED:
        return publish(documents, user)
    if status == Status.EMBARGOED:
        return embargo(documents, user, dt.date.fromisoformat(detail.strip()))
    if status == Status.WITHDRAWN:
        return withdraw(documents, user, detail)
    raise ValueError(f"no step leads to the state {status!r}")


def _move(
    documents: Iterable[Document],
    user: Any,
    status: str,
    note: str,
    wanted_from: tuple[str, ...],
    reason: str = "",
    until: dt.date | None = None,
) -> int:
    moving = [
        d
        for d in documents
        if d.status in wanted_from
        and (until is None or (d.status, d.embargo_until) != (Status.EMBARGOED, until))
    ]
    if not moving:
        return 0
    with transaction.atomic(), recording(Attribution(Source.WORKFLOW, user, note)) as recorder:
        recorder.watch_records(moving)
        for document in moving:
            document.status = status
            if until is not None:
                document.embargo_until = until
            document.note_publication(timezone.now())
            if status == Status.WITHDRAWN:
                document.withdrawn_reason = reason
            document.save()
        enqueue_documents(d.public_id for d in moving)
    return len(moving)
