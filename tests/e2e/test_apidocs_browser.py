"""The HTML documentation page in a real headless browser.

Needs a Chromium binary (Debian: ``apt-get install chromium``); the tests
skip, saying so, when none is found. ``TRANSOM_CHROMIUM`` names another
binary.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from tests.golden.sample_app import app
from transom.apidocs import render_docs

pytestmark = pytest.mark.slow

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_WIDTH, _HEIGHT = 1280, 900


def _browser() -> str:
    named = os.environ.get("TRANSOM_CHROMIUM")
    for name in (named,) if named else _NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(
        f"no Chromium binary found (looked for {', '.join(named and [named] or _NAMES)});"
        " install one (Debian: apt-get install chromium) or set TRANSOM_CHROMIUM"
    )


def _run_browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    page = tmp_path / "docs.html"
    page.write_text(render_docs(app, "html"), encoding="utf-8")
    command = [
        _browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, timeout=120, check=False)


def _decode_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """Width, height, unfiltered rows and bytes per pixel of an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position = 8
    chunks: list[bytes] = []
    width = height = depth = color = 0
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            chunks.append(body)
    assert depth == 8 and color in (2, 6), (depth, color)
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    rows: list[bytes] = []
    previous = bytearray(stride)
    offset = 0
    for _ in range(height):
        kind_of_filter = raw[offset]
        line = bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up = previous[x]
            if kind_of_filter == 1:
                line[x] = (line[x] + left) & 255
            elif kind_of_filter == 2:
                line[x] = (line[x] + up) & 255
            elif kind_of_filter == 3:
                line[x] = (line[x] + ((left + up) >> 1)) & 255
            elif kind_of_filter == 4:
                corner = previous[x - bpp] if x >= bpp else 0
                guess = left + up - corner
                a, b, c = abs(guess - left), abs(guess - up), abs(guess - corner)
                nearest = left if a <= b and a <= c else up if b <= c else corner
                line[x] = (line[x] + nearest) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows, bpp


def test_screenshot_shows_a_styled_page(tmp_path: Path) -> None:
    shot = tmp_path / "docs.png"
    result = _run_browser(
        tmp_path, f"--window-size={_WIDTH},{_HEIGHT}", f"--screenshot={shot}"
    )
    assert shot.exists(), result.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert len(data) > 20_000, "the screenshot is suspiciously small"
    width, height, rows, bpp = _decode_png(data)
    assert (width, height) == (_WIDTH, _HEIGHT)
    pixels = [row[x : x + 3] for row in rows[::4] for x in range(0, len(row), bpp * 4)]
    colors: dict[bytes, int] = {}
    for pixel in pixels:
        colors[pixel] = colors.get(pixel, 0) + 1
    background = max(colors.values())
    assert len(colors) > 50, "too few colours for rendered text"
    assert background < 0.9 * len(pixels), "the page is almost one colour"
    # The stylesheet applied: the header band is dark, the page below it light.
    header = rows[40][100 * bpp : 100 * bpp + 3]
    body = rows[_HEIGHT - 20][(_WIDTH - 20) * bpp : (_WIDTH - 20) * bpp + 3]
    assert sum(header) < 3 * 100, header
    assert sum(body) > 3 * 200, body


def test_dom_holds_the_routes(tmp_path: Path) -> None:
    result = _run_browser(tmp_path, "--dump-dom")
    dom = result.stdout.decode()
    assert "<title>Bookshop 1.2.0</title>" in dom, result.stderr.decode()[-2000:]
    for text in (
        "Search the catalogue.",
        '/books/<span class="var">{book_id}</span>',
        "words in the title.",
        "GET</span> /shelves/fiction/1 HTTP/1.1",
        'id="schema-book"',
    ):
        assert text in dom
