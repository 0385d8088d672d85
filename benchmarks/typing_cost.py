"""What typing costs: mypy over ``examples/`` with and without transom's
plugin, and the import time of transom against the other frameworks."""

from __future__ import annotations

import configparser
import dataclasses
import importlib.util
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import typing as t

ROOT: t.Final = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN: t.Final = "transom.mypy"


@dataclasses.dataclass
class MypyRun:
    """One configuration of mypy over the examples."""

    plugin: bool
    cold: float
    """Seconds with an empty cache."""
    warm: float
    """Seconds for the same run again, with the cache the cold run left."""
    status: int
    """mypy's exit status of the cold run (0: no errors)."""
    output: str


def plugin_available() -> bool:
    """Whether ``transom.mypy`` exists in this checkout."""
    try:
        return importlib.util.find_spec(PLUGIN) is not None
    except ImportError:
        return False


def _config(directory: str, plugin: bool) -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(os.path.join(ROOT, "mypy.ini"))
    section = parser["mypy"]
    section.pop("files", None)
    section["mypy_path"] = os.path.join(ROOT, "stubs")
    if plugin:
        section["plugins"] = PLUGIN
    else:
        section.pop("plugins", None)
    path = os.path.join(directory, "mypy.ini")
    with open(path, "w") as f:
        parser.write(f)
    return path


def _mypy(config: str, cache: str, target: str) -> tuple[float, int, str]:
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        config,
        "--cache-dir",
        cache,
        target,
    ]
    begin = time.perf_counter()
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    return time.perf_counter() - begin, result.returncode, result.stdout + result.stderr


def mypy_cost(target: str = "examples") -> list[MypyRun]:
    """Time mypy over ``target`` without the plugin, and with it when it
    exists."""
    runs: list[MypyRun] = []
    for plugin in (False, True):
        if plugin and not plugin_available():
            continue
        with tempfile.TemporaryDirectory() as directory:
            config = _config(directory, plugin)
            cache = os.path.join(directory, "cache")
            cold, status, output = _mypy(config, cache, target)
            warm, _, _ = _mypy(config, cache, target)
        runs.append(MypyRun(plugin, cold, warm, status, output.strip()))
    return runs


_IMPORT_LINE = re.compile(r"import time:\s+\d+\s+\|\s+(\d+)\s+\|\s*(\S+)\s*$")


def import_time(module: str, repeats: int = 7) -> float | None:
    """The median cumulative import time of ``module`` in seconds (from
    ``python -X importtime``), or ``None`` when it is not installed.

    Every module is timed with its bytecode cached, in a cache of its own
    that a first, untimed import fills: an editable install (or
    ``PYTHONDONTWRITEBYTECODE``) would otherwise compile the source on
    every import, while a package pip installed has its bytecode already.
    """
    if importlib.util.find_spec(module) is None:
        return None
    samples: list[float] = []
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        for attempt in range(repeats + 1):
            result = subprocess.run(
                [sys.executable, "-X", "importtime", "-c", f"import {module}"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            for line in result.stderr.splitlines():
                match = _IMPORT_LINE.match(line)
                if attempt and match and match.group(2) == module:
                    samples.append(int(match.group(1)) / 1e6)
    return statistics.median(samples) if samples else None
