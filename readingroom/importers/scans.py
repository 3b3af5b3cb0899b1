"""Scans and other files named by imported records: checked by content, stored by checksum."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.core.files.base import ContentFile

from readingroom.catalogue.models import Attachment, AttachmentKind, Document
from readingroom.interchange.problems import ImportFailed, ImportProblem

if TYPE_CHECKING:
    from readingroom.interchange.canonical import Record


class WrittenDocument(Protocol):
    """A document the writer has written: its primary key is all this module needs."""

    @property
    def pk(self) -> int: ...


# Magic numbers of the only kinds of file we accept; the extension is never trusted.
SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg", AttachmentKind.IMAGE),
    (b"\x89PNG\r\n\x1a\n", "image/png", AttachmentKind.IMAGE),
    (b"II*\x00", "image/tiff", AttachmentKind.IMAGE),
    (b"MM\x00*", "image/tiff", AttachmentKind.IMAGE),
    (b"GIF87a", "image/gif", AttachmentKind.IMAGE),
    (b"GIF89a", "image/gif", AttachmentKind.IMAGE),
    (b"%PDF-", "application/pdf", AttachmentKind.PDF),
)


def sniff(content: bytes) -> tuple[str, str] | None:
    """(mime type, kind) from the file's first bytes, or None when it is not allowed."""
    for magic, mime, kind in SIGNATURES:
        if content.startswith(magic):
            return mime, kind
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp", AttachmentKind.IMAGE
    try:
        content[:65536].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return ("text/plain", AttachmentKind.TEXT) if b"\x00" not in content[:65536] else None


def image_size(content: bytes) -> tuple[int | None, int | None]:
    from io import BytesIO

    from PIL import Image

    try:
        with Image.open(BytesIO(content)) as image:
            return image.size
    except Exception:  # Pillow raises many kinds for damaged images; the size is optional
        return None, None


def sync_scans(written: Sequence[tuple[WrittenDocument, Record]], base_dir: str | None) -> None:
    # One query for the batch, not one per document: most documents have no scans.
    pks = [d.pk for d, _ in written]
    with_files = set(
        Attachment.objects.filter(document_id__in=pks).values_list("document_id", flat=True)
    )
    todo = [(d.pk, r) for d, r in written if r.fields["scans"] or d.pk in with_files]
    documents = Document.objects.in_bulk([pk for pk, _ in todo]) if todo else {}
    for pk, record in todo:
        document = documents[pk]
        wanted = record.fields["scans"]
        current = [
            {"file": a.source, "kind": a.kind, "label": a.label} for a in document.attachments.all()
        ]
        if wanted == current:
            continue
        document.attachments.all().delete()
        for position, scan in enumerate(wanted):
            store_scan(document, scan, position, base_dir, record)


def store_scan(
    document: Document, scan: dict[str, str], position: int, base_dir: str | None, record: Record
) -> Attachment:
    path = _find(scan["file"], base_dir)
    if path is None:
        raise ImportFailed(
            [ImportProblem(record.location, f"scan file '{scan['file']}' was not found", "scans")]
        )
    content = path.read_bytes()
    sniffed = sniff(content)
    if sniffed is None or sniffed[1] != scan["kind"]:
        raise ImportFailed(
            [
                ImportProblem(
                    record.location,
                    f"'{scan['file']}' is not an allowed {scan['kind']} file "
                    "(JPEG, PNG, TIFF, GIF, "
                    "WebP images; PDF; UTF-8 text), judged by its content",
                    "scans",
                )
            ]
        )
    attachment = Attachment(
        document=document,
        source=scan["file"],
        kind=scan["kind"],
        label=scan["label"],
        position=position,
        sha256=hashlib.sha256(content).hexdigest(),
        mime_type=sniffed[0],
    )
    if sniffed[1] == AttachmentKind.IMAGE:
        attachment.width, attachment.height = image_size(content)
    name = attachment_name(attachment, path.name)
    if attachment.file.storage.exists(name):
        attachment.file.name = name
    else:
        attachment.file.save(path.name, ContentFile(content), save=False)
    attachment.save()
    return attachment


def attachment_name(attachment: Attachment, filename: str) -> str:
    return attachment.file.field.generate_filename(attachment, filename)


def _find(relative: str, base_dir: str | None) -> Path | None:
    if Path(relative).is_absolute() or ".." in Path(relative).parts:
        return None
    for root in (base_dir, str(settings.MEDIA_ROOT / "imports")):
        if root and (Path(root) / relative).is_file():
            return Path(root) / relative
    return None
