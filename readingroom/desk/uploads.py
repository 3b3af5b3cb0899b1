"""Files uploaded in the admin: judged by their content with the importer's `sniff()` (the same
rule imports follow), named by their checksum with the extension of what they really are, kept
in the media directory (outside the code) and never executed: no URL serves that directory, and
scans reach readers only through the document's own pages.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from readingroom.catalogue.models import Attachment, AttachmentKind
from readingroom.importers.scans import image_size, sniff

# What each allowed type may be called; any other name is refused.
EXTENSIONS = {
    "image/jpeg": ("jpg", "jpeg"),
    "image/png": ("png",),
    "image/tiff": ("tif", "tiff"),
    "image/gif": ("gif",),
    "image/webp": ("webp",),
    "application/pdf": ("pdf",),
    "text/plain": ("txt", "text"),
}
# Text that a browser or server could take for a page or a program is not a transcript.
MARKUP = (b"<?", b"<!doctype", b"<html", b"<script", b"<svg", b"<%", b"<body", b"<iframe")
DEFAULT_MAX_BYTES = 512 * 1024 * 1024


class UploadRefused(ValueError):
    """The file is not one the archive accepts; the message says why."""


def check_upload(upload: UploadedFile) -> tuple[bytes, str, str]:
    """(content, mime type, kind) of an acceptable upload; raises UploadRefused otherwise."""
    limit = getattr(settings, "READINGROOM_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES)
    if upload.size is not None and upload.size > limit:
        raise UploadRefused(f"the file is larger than {limit // (1024 * 1024)} MB")
    content = b"".join(upload.chunks())
    sniffed = sniff(content)
    if sniffed is None:
        raise UploadRefused(
            "only JPEG, PNG, TIFF, GIF and WebP images, PDF and UTF-8 text files are accepted, "
            "judged by their content"
        )
    mime, kind = sniffed
    name = (upload.name or "").rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS[mime]:
        raise UploadRefused(
            f"the file is called '{name}' but its content is {_describe(mime)}; "
            f"name it .{EXTENSIONS[mime][0]}"
        )
    if kind == AttachmentKind.TEXT and content.lstrip()[:9].lower().startswith(MARKUP):
        raise UploadRefused("the text looks like a web page or a program, not a transcript")
    return content, mime, kind


def _describe(mime: str) -> str:
    return {"text/plain": "plain text", "application/pdf": "a PDF"}.get(
        mime, f"a {mime.split('/')[1].upper()} image"
    )


class CheckedAttachmentForm(forms.ModelForm):
    """The admin's attachment row: the file decides its kind and type, not the editor."""

    class Meta:
        model = Attachment
        fields = ("label", "kind", "file", "position")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if isinstance(upload, UploadedFile):
            try:
                content, mime, kind = check_upload(upload)
            except UploadRefused as refusal:
                self.add_error("file", str(refusal))
                return cleaned
            if cleaned.get("kind") and cleaned["kind"] != kind:
                self.add_error("kind", f"the file's content is {_describe(mime)}, so: {kind}")
                return cleaned
            self._accept(upload, content, mime, kind)
            cleaned["kind"] = kind
        return cleaned

    def _accept(self, upload: UploadedFile, content: bytes, mime: str, kind: str) -> None:
        attachment = self.instance
        attachment.sha256 = hashlib.sha256(content).hexdigest()
        attachment.mime_type = mime
        attachment.kind = kind
        if kind == AttachmentKind.IMAGE:
            attachment.width, attachment.height = image_size(content)
        upload.name = f"upload.{EXTENSIONS[mime][0]}"  # stored as scans/<sha>/<sha>.<ext>
        upload.seek(0)
