"""Headless Chromium for the browser tests: find it (installing Debian's ``chromium`` when missing), run it.

Only the command line is used (``--dump-dom``, ``--screenshot``, console messages logged to stderr):
no driver, no DevTools client, no network. Every run gets a new, temporary profile directory.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)
INSTALL_TIMEOUT = 1200
RUN_TIMEOUT = 120
# "[pid:tid:time:INFO:CONSOLE:1] "message", source: file:///... (1)" (older builds: "CONSOLE(1)]")
_CONSOLE = re.compile(r"[:\]]CONSOLE[:(]|Uncaught ")


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def find_chromium() -> str | None:
    """The Chromium binary: ``$XCHECK_CHROMIUM``, else /usr/bin/chromium or one on PATH; ``None`` if none."""
    override = os.environ.get("XCHECK_CHROMIUM")
    if override:
        return override if os.access(override, os.X_OK) else None
    for name in CANDIDATES:
        path = name if os.path.isabs(name) else shutil.which(name)
        if path and os.access(path, os.X_OK):
            return path
    return None


def install_chromium() -> str:
    """``apt-get update && apt-get install -y chromium`` (as root); returns the tail of its output."""
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    out = []
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, env=env, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            out.append(f"{' '.join(cmd)}: {exc}")
            break
        out.append(f"$ {' '.join(cmd)} (exit {proc.returncode})\n{proc.stdout[-1500:]}{proc.stderr[-1500:]}")
        if proc.returncode != 0:
            break
    return "\n".join(out)[-4000:]


def ensure_chromium() -> str:
    """The path of Chromium, installed with apt-get when it is missing and we are root.

    When it still cannot be found: the test fails if ``CI`` is set (CI must run the browser tests),
    and is skipped otherwise, with the reason and the command to install it.
    """
    path = find_chromium()
    if path:
        return path
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        log = install_chromium()
        path = find_chromium()
        if path:
            return path
        why = f"installing it failed:\n{log}"
    else:
        why = "not running as root with apt-get, so it was not installed"
    message = f"Chromium not found ({why}). Install Debian's package: apt-get install -y chromium"
    if _truthy("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    def console(self) -> list[str]:
        """Console messages and uncaught errors Chromium logged (any is a problem: the page has no script)."""
        return [line for line in self.stderr.splitlines() if _CONSOLE.search(line)]


def run_chromium(binary: str, url: str, *args: str, timeout: float = RUN_TIMEOUT) -> Run:
    """Run headless Chromium once on ``url`` with a fresh profile; kill it (and its children) on time-out."""
    profile = tempfile.mkdtemp(prefix="xcheck-chromium-")
    cmd = [binary, *FLAGS, f"--user-data-dir={profile}", *args, url]
    try:
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
            start_new_session=True,
        )
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.communicate()
            raise AssertionError(f"Chromium did not finish within {timeout:.0f} s: {' '.join(cmd)}") from None
        return Run(proc.returncode, stdout, stderr)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def dump_dom(binary: str, url: str, width: int = 1280, height: int = 900) -> Run:
    """The DOM after the page loaded (and ran what it runs), serialised, in ``stdout``."""
    return run_chromium(binary, url, f"--window-size={width},{height}", "--dump-dom")


def screenshot(binary: str, url: str, path: Path, width: int, height: int) -> Run:
    """A PNG of the first ``width`` x ``height`` CSS pixels of the page."""
    return run_chromium(binary, url, f"--window-size={width},{height}", f"--screenshot={path}")


# -- PNG ---------------------------------------------------------------------------------------------


@dataclass
class PngStats:
    width: int
    height: int
    colours: int  # distinct colours (capped)
    ink: float  # the share of pixels that differ from the most common colour (the background)


def png_stats(path: Path) -> PngStats:
    """Decode an 8-bit, non-interlaced RGB/RGBA/grey PNG (what Chromium writes) with the stdlib only."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, []
    width = height = depth = ctype = interlace = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
        pos += 12 + length
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(ctype)
    assert depth == 8 and channels and not interlace, f"unsupported PNG: depth {depth}, colour type {ctype}"
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    prev = bytearray(stride)
    counts: dict[bytes, int] = {}
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xFF
        prev = line
        if y % 2 == 0:  # every other row is plenty for statistics
            for x in range(0, stride, channels * 2):
                px = bytes(line[x : x + min(channels, 3)])
                counts[px] = counts.get(px, 0) + 1
    total = sum(counts.values()) or 1
    background = max(counts.values()) if counts else 0
    return PngStats(width, height, len(counts), (total - background) / total)
