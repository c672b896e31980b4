"""A quick walk over a PNG, JPEG or GIF's structure, before Pillow parses it: a file made of millions of
tiny blocks costs Pillow seconds and hundreds of megabytes in its header parsing alone (see
:func:`too_many_parts`). Pure Python on bytes; nothing is decoded."""
from __future__ import annotations

import re

MAX_PARTS = 4096              # small blocks (chunks, segments, sub-blocks, stray bytes) in a file Pillow reads
SMALL_PART = 255              # bytes of data under which a block counts: 5 MB hold at most 20,000 larger ones
MAX_SCANS = 32                # scans in a JPEG (libjpeg's progressive ones: 10; a scan costs 17 ms at 24 MP)


def too_many_parts(data: bytes) -> bool:
    """Whether ``data`` is a PNG, JPEG or GIF made of more than :data:`MAX_PARTS` small blocks, or a JPEG
    of more than :data:`MAX_SCANS` scans, from a walk over its structure before Pillow parses it.

    Pillow reads blocks one Python call at a time and keeps some: 5 MB hold 436,000 empty PNG chunks
    (1.2 s), 1.3 million JPEG comments (1.4 s, 93 MB), a million GIF comments (+201 MB), 5 million JPEG
    fill bytes (3.7 s), and Pillow skips stray bytes between GIF blocks one at a time. A block counts when
    it carries fewer than :data:`SMALL_PART` bytes: larger ones fit at most 20,000 times in 5 MB (50 ms of
    Pillow's time), and a real picture has a few dozen small ones (a GIF or PNG's pixels come in blocks of
    255 bytes or 8 KB and more). Every scan of a progressive JPEG makes libjpeg go over every coefficient
    of the picture (17 ms at 24 megapixels), whatever the scan's size; libjpeg writes 10.

    The walk goes as far as Pillow reads for the first frame: a PNG to IEND or an APNG's second frame, a
    JPEG to its first EOI (an MPO's other pictures are not read), a GIF to its second image. WebP is not
    walked: libwebp parses its RIFF chunks in C (650,000 empty chunks: 0.07 s); nor is BMP, a header and
    rows of pixels. A structure that makes no sense ends the walk and leaves the verdict to Pillow;
    nothing is raised from here, and every step moves forward, so the walk ends.
    """
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            return _png_too_many(data)
        if data.startswith(b"\xff\xd8\xff"):
            return _jpeg_too_many(data)
        if data.startswith((b"GIF87a", b"GIF89a")):
            return _gif_too_many(data)
    except Exception:  # noqa: BLE001 - a bug in the walk must not hide the picture: Pillow decides
        return False
    return False


def _png_too_many(data: bytes) -> bool:
    """More than MAX_PARTS small chunks (length, type, data, CRC) before IEND or an APNG's second frame."""
    pos, parts, idat = 8, 0, False
    while pos + 8 <= len(data):
        length, kind = int.from_bytes(data[pos:pos + 4], "big"), data[pos + 4:pos + 8]
        if kind == b"IEND" or (kind == b"fcTL" and idat):  # Pillow stops at the next frame
            return False
        idat = idat or kind == b"IDAT"
        if length < SMALL_PART:
            parts += 1
            if parts > MAX_PARTS:
                return True
        pos += 12 + length
    return False


_JPEG_FILL = re.compile(rb"\xff+")
_JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")  # in entropy-coded data: not a stuffed 0, not RSTn


def _jpeg_too_many(data: bytes) -> bool:
    """More than MAX_PARTS small segments, fill bytes and stray bytes, or more than MAX_SCANS scans, from
    SOI to the first EOI. Entropy-coded data (after each SOS) is jumped with a search for the next marker."""
    pos, parts, scans, n = 2, 0, 0, len(data)
    while pos < n:
        if data[pos] != 0xFF:  # stray bytes: Pillow skips them one at a time
            found = data.find(b"\xff", pos)
            if found < 0:
                return False
            parts += found - pos
            pos = found
        fill = _JPEG_FILL.match(data, pos).end()  # 0xFF fill bytes before the marker, one at a time too
        parts += fill - pos - 1
        if parts > MAX_PARTS:
            return True
        if fill >= n:
            return False
        marker, pos = data[fill], fill + 1
        if marker == 0xD9:  # EOI
            return False
        if marker in (0x00, 0x01) or 0xD0 <= marker <= 0xD8:  # no length: junk, TEM, RSTn, SOI
            parts += 1
            continue
        if pos + 2 > n:
            return False
        length = int.from_bytes(data[pos:pos + 2], "big")
        if length < 2:
            return False
        pos += length
        if length - 2 < SMALL_PART:
            parts += 1
        if marker == 0xDA:  # SOS: entropy-coded data up to the next marker
            scans += 1
            if scans > MAX_SCANS:
                return True
            found = _JPEG_MARKER.search(data, pos)
            if found is None:
                return False
            pos = found.start()
    return parts > MAX_PARTS


def _gif_too_many(data: bytes) -> bool:
    """More than MAX_PARTS extensions, images, sub-blocks under 255 bytes and stray bytes, from the
    header to the second image (Pillow reads that far to learn whether the GIF is animated)."""
    n = len(data)
    if n < 13:
        return False
    pos = 13 + (3 << ((data[10] & 7) + 1) if data[10] & 0x80 else 0)  # after the global colour table
    parts = images = 0
    while pos < n and parts <= MAX_PARTS:
        kind = data[pos]
        if kind == 0x3B:  # trailer
            return False
        if kind == 0x21:  # extension: introducer, label, sub-blocks
            pos += 2
        elif kind == 0x2C:  # image: descriptor, local colour table, LZW code size, sub-blocks
            images += 1
            if images == 2 or pos + 10 >= n:
                return False
            flags = data[pos + 9]
            pos += 11 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
        else:  # a stray byte: Pillow skips it and reads the next
            parts += 1
            pos += 1
            continue
        parts += 1
        while pos < n:  # sub-blocks: a size byte, then that many bytes; size 0 ends them
            size = data[pos]
            pos += 1 + size
            if size == 0:
                break
            if size < SMALL_PART:
                parts += 1
                if parts > MAX_PARTS:
                    return True
    return parts > MAX_PARTS
