"""``src/`` is the single source of truth for types, and ``stubs/`` holds
only what inline annotations cannot say, each stub checked by mypy's
stubtest against the module it describes.

Today every module transom uses is typed where it is defined, so ``stubs/``
holds no stub and the stubtest test is skipped with that reason; a stub
added there is tested without further change (see docs/typing.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STUBS = ROOT / "stubs"
ALLOWLIST = STUBS / "stubtest-allowlist.txt"
"""Known, commented differences between a stub and its runtime, one
stubtest pattern a line."""


def stub_modules() -> list[str]:
    """The top-level modules or packages ``stubs/`` has stubs for."""
    found = {p.relative_to(STUBS).parts[0] for p in STUBS.rglob("*.pyi")}
    return sorted(name.removesuffix(".pyi") for name in found)


def test_no_module_is_typed_twice() -> None:
    """A module is typed inline or by a stub, never both: a ``.pyi`` next to
    transom's code, or a stub for transom in ``stubs/``, would hide the
    annotations of ``src/`` from the checkers."""
    shadows = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "src").rglob("*.pyi"))
    shadows += [f"stubs/{name}" for name in stub_modules() if name == "transom"]
    assert shadows == []


_MODULES = stub_modules()


@pytest.mark.parametrize(
    "module",
    _MODULES
    or [
        pytest.param(
            None,
            marks=pytest.mark.skip(
                reason="stubs/ holds no stub: every module is typed inline"
            ),
        )
    ],
)
def test_stub_matches_runtime(module: str) -> None:
    """stubtest finds no difference between the stub and the module."""
    command = [sys.executable, "-m", "mypy.stubtest", module]
    command += ["--mypy-config-file", str(ROOT / "mypy.ini")]
    if ALLOWLIST.exists():
        command += ["--allowlist", str(ALLOWLIST)]
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
