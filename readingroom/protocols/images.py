"""Scans as IIIF Image API 3.0 images: info.json and image requests, cut with Pillow and
cached on disk, so each tile is made once.

The service declares level 0 and serves what that promises, nothing more: the whole image at
each size info.json lists, and the tiles of its tile grid at each scale factor (a size may
be written in any IIIF form, and be a pixel off by rounding). Any other region or size is
refused with 400, so that no request can make the server decode a scan for a derivative no
viewer asks for, and the cache holds at most the advertised images. An image not cut yet counts
against the client's limit of cuts (`conf.image_rate_limit`: a cut decodes the whole scan);
one cut before is served from the cache without limit.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from PIL import Image

from readingroom.catalogue.ids import read_public_id
from readingroom.catalogue.models import Attachment, AttachmentKind, Document

from .iiif import image_service_url

TILE = 512
MAX_PIXELS = 100_000_000
REGION = re.compile(r"^(full|square|(\d+),(\d+),(\d+),(\d+))$")
SIZE = re.compile(r"^(max|\^?max|(\d*),(\d*)|!(\d+),(\d+)|pct:(\d+(?:\.\d+)?))$")


class BadRequest(ValueError):
    """A region, size, rotation or format we cannot give."""


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int


def find_image(identifier: str) -> Attachment | None:
    """The page image `<document id>-<attachment id>` of a public document, or None."""
    document_text, _, attachment_text = identifier.partition("-")
    document_id, attachment_id = read_public_id(document_text), read_public_id(attachment_text)
    if document_id is None or attachment_id is None:
        return None
    return (
        Attachment.objects.select_related("document")
        .filter(
            pk=attachment_id,
            kind=AttachmentKind.IMAGE,
            document__public_id=document_id,
            document__in=Document.objects.public(),
        )
        .exclude(width__isnull=True)
        .first()
    )


def scale_factors(width: int, height: int) -> list[int]:
    factors = [1]
    while max(width, height) / factors[-1] > TILE:
        factors.append(factors[-1] * 2)
    return factors


def info(attachment: Attachment) -> dict[str, Any]:
    width, height = attachment.width or 1, attachment.height or 1
    factors = scale_factors(width, height)
    scaled = [_scaled(width, height, factor) for factor in reversed(factors)]
    sizes = [{"width": w, "height": h} for w, h in scaled]
    return {
        "@context": "http://iiif.io/api/image/3/context.json",
        "id": image_service_url(attachment),
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": width,
        "height": height,
        "sizes": sizes,
        "tiles": [{"width": TILE, "scaleFactors": factors}],
    }


def advertised(box: Box, target: tuple[int, int], width: int, height: int) -> bool:
    """Whether info.json offers this region at this size: the full image at one of `sizes`,
    or a tile of the grid at one of the scale factors (each side within a pixel)."""

    def near(expected: tuple[int, int]) -> bool:
        return all(abs(a - b) <= 1 for a, b in zip(target, expected, strict=True))

    for factor in scale_factors(width, height):
        if box == Box(0, 0, width, height) and near(_scaled(width, height, factor)):
            return True
        side = TILE * factor
        tile = Box(box.x, box.y, min(side, width - box.x), min(side, height - box.y))
        on_grid = box.x % side == 0 and box.y % side == 0 and box == tile
        if on_grid and near(_scaled(tile.w, tile.h, factor)):
            return True
    return False


def _scaled(width: int, height: int, factor: int) -> tuple[int, int]:
    return math.ceil(width / factor), math.ceil(height / factor)


def region_box(region: str, width: int, height: int) -> Box:
    match = REGION.match(region)
    if not match:
        raise BadRequest(f"region '{region}' is not full, square or x,y,w,h")
    if region == "full":
        return Box(0, 0, width, height)
    if region == "square":
        side = min(width, height)
        return Box((width - side) // 2, (height - side) // 2, side, side)
    x, y, w, h = (int(match.group(n)) for n in range(2, 6))
    if w == 0 or h == 0 or x >= width or y >= height:
        raise BadRequest("the region is empty or outside the image")
    return Box(x, y, min(w, width - x), min(h, height - y))


def output_size(size: str, box: Box) -> tuple[int, int]:
    match = SIZE.match(size)
    if not match:
        raise BadRequest(f"size '{size}' is not a IIIF size")
    if "max" in size:
        return box.w, box.h
    if match.group(6):
        ratio = min(float(match.group(6)), 100.0) / 100
        return max(1, round(box.w * ratio)), max(1, round(box.h * ratio))
    if match.group(4):
        ratio = min(int(match.group(4)) / box.w, int(match.group(5)) / box.h, 1.0)
        return max(1, round(box.w * ratio)), max(1, round(box.h * ratio))
    w, h = match.group(2), match.group(3)
    if not w and not h:
        raise BadRequest("a size needs a width or a height")
    width = int(w) if w else round(box.w * int(h) / box.h)
    height = int(h) if h else round(box.h * int(w) / box.w)
    if width < 1 or height < 1 or width > box.w or height > box.h:
        raise BadRequest("sizes larger than the region are not served")
    return width, height


def cache_path(attachment: Attachment, region: str, size: str) -> Path:
    key = hashlib.sha256(f"{region}/{size}".encode()).hexdigest()[:24]
    digest = attachment.sha256 or str(attachment.pk)
    return Path(settings.DATA_DIR) / "iiif-cache" / digest[:2] / digest / f"{key}.jpg"


@dataclass(frozen=True)
class Derivative:
    """One image the service may serve: a region of a scan at a size info.json lists."""

    attachment: Attachment
    box: Box
    target: tuple[int, int]

    @property
    def path(self) -> Path:
        box, (width, height) = self.box, self.target
        return cache_path(self.attachment, f"{box.x},{box.y},{box.w},{box.h}", f"{width},{height}")

    @property
    def kept(self) -> bool:
        """Cut before: served from the cache at no cost."""
        return self.path.exists()


def derivative(
    attachment: Attachment, region: str, size: str, rotation: str, name: str
) -> Derivative:
    """The image a request asks for; BadRequest for anything info.json does not offer."""
    if rotation != "0" or name not in ("default.jpg", "color.jpg"):
        raise BadRequest("only rotation 0 and default.jpg are served")
    width, height = attachment.width or 1, attachment.height or 1
    box = region_box(region, width, height)
    target = output_size(size, box)
    if not advertised(box, target, width, height):
        raise BadRequest("only the sizes and tiles info.json lists are served (level 0)")
    return Derivative(attachment, box, target)


def image_bytes(image: Derivative) -> bytes:
    """The image as JPEG, from the cache or cut now (and cached)."""
    path = image.path
    if path.exists():
        return path.read_bytes()
    data = _cut(image.attachment, image.box, image.target)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".part")
    temporary.write_bytes(data)
    temporary.replace(path)
    return data


def _cut(attachment: Attachment, box: Box, target: tuple[int, int]) -> bytes:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with attachment.file.open("rb") as stream, Image.open(stream) as image:
        picture = image.convert("RGB").crop((box.x, box.y, box.x + box.w, box.y + box.h))
        if picture.size != target:
            picture = picture.resize(target, Image.Resampling.LANCZOS)
        out = BytesIO()
        picture.save(out, "JPEG", quality=85)
    return out.getvalue()
