"""What typing costs: mypy with and without transom's plugin, over
``examples/`` and over one generated module of many routes, and the import
time of transom against the other frameworks.

Run alone, it prints mypy's figures::

    python -m benchmarks.typing_cost [ROUTES]
"""

from __future__ import annotations

import configparser
import dataclasses
import importlib.util
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import typing as t

ROOT: t.Final = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN: t.Final = "transom.mypy"


@dataclasses.dataclass
class MypyRun:
    """One configuration of mypy over one target."""

    plugin: bool
    cold: float
    """Seconds with an empty cache."""
    warm: float
    """Seconds for the same run again, with the cache the cold run left."""
    status: int
    """mypy's exit status of the cold run (0: no errors)."""
    output: str
    changed: float | None = None
    """Seconds for a run after the checked module changed (a comment added):
    mypy checks it again, with all it imports loaded from the cache."""


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


def _mypy(
    config: str, cache: str, target: str, cwd: str = ROOT
) -> tuple[float, int, str]:
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
    # CPU time (user and system) of mypy's process, not the wall clock, so
    # that other processes on a shared machine do not inflate it.
    begin = _children_cpu()
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )
    return _children_cpu() - begin, result.returncode, result.stdout + result.stderr


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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


def routes_module(routes: int) -> str:
    """A module of ``routes`` views, each building its own URL by endpoint
    name and by verb method, as a large application's module does."""
    parts = [
        "from __future__ import annotations\n\n"
        "from transom import App, View, url_for\n\n"
        "app = App(__name__)\n"
    ]
    for n in range(routes):
        parts.append(
            f"\n\n@app.route('/items{n}/<item_id>')\n"
            f"class Items{n}(View):\n"
            f"    def get(self, item_id: int, page: int = 1) -> str:\n"
            f"        return url_for('items{n}', item_id=item_id, page=page)\n\n"
            f"    def delete(self, item_id: int) -> tuple[str, int]:\n"
            f"        return url_for(Items{n}.get, item_id=item_id), 204\n"
        )
    return "".join(parts)


def large_module_cost(routes: int = 400) -> list[MypyRun]:
    """Time mypy over :func:`routes_module` without the plugin, and with it
    when it exists: cold, warm, and after the module changes."""
    runs: list[MypyRun] = []
    for plugin in (False, True):
        if plugin and not plugin_available():
            continue
        with tempfile.TemporaryDirectory() as directory:
            config = _config(directory, plugin)
            cache = os.path.join(directory, "cache")
            module = os.path.join(directory, "routes.py")
            with open(module, "w") as f:
                f.write(routes_module(routes))
            cold, status, output = _mypy(config, cache, module, cwd=directory)
            warm, _, _ = _mypy(config, cache, module, cwd=directory)
            with open(module, "a") as f:
                f.write("# changed\n")
            changed, _, _ = _mypy(config, cache, module, cwd=directory)
        runs.append(MypyRun(plugin, cold, warm, status, output.strip(), changed))
    return runs


def main(argv: list[str] | None = None) -> int:
    """Print mypy's figures, for a quick comparison of two checkouts."""
    args = sys.argv[1:] if argv is None else argv
    routes = int(args[0]) if args else 400
    for title, runs in (
        ("examples/", mypy_cost()),
        (f"{routes} routes in one module", large_module_cost(routes)),
    ):
        for run in runs:
            changed = "" if run.changed is None else f"  changed {run.changed:.2f}"
            print(
                f"{title:28} {'plugin' if run.plugin else 'plain ':6}"
                f"  cold {run.cold:.2f}  warm {run.warm:.2f}{changed}"
                f"  exit {run.status}"
            )
    return 0


_IMPORT_LINE = re.compile(r"import time:\s+\d+\s+\|\s+(\d+)\s+\|( *)(\S+)\s*$")
"""A line of ``-X importtime``: the cumulative microseconds, the indent
(one space at the top level, two more for each level of nesting), the name."""


def import_time(module: str, repeats: int = 7) -> float | None:
    """The median cumulative import time of ``module`` in seconds (from
    ``python -X importtime``), or ``None`` when it is not installed.

    Every module is timed with its bytecode cached, in a cache of its own
    that a first, untimed import fills: an editable install (or
    ``PYTHONDONTWRITEBYTECODE``) would otherwise compile the source on
    every import, while a package pip installed has its bytecode already.

    The public names are imported too (``from module import *``): a
    package that imports them when first used, as transom does, pays for
    them then, in imports of their own, which count.
    """
    if importlib.util.find_spec(module) is None:
        return None
    samples: list[float] = []
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        for attempt in range(repeats + 1):
            result = subprocess.run(
                [
                    sys.executable,
                    "-X",
                    "importtime",
                    "-c",
                    f"import {module}\nfrom {module} import *",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            total: float | None = None
            for line in result.stderr.splitlines():
                match = _IMPORT_LINE.match(line)
                if match is None or len(match.group(2)) != 1:
                    continue
                if match.group(3) == module:
                    total = 0.0
                if total is not None:
                    # the package, then what its names import (top level only)
                    total += int(match.group(1)) / 1e6
            if attempt and total is not None:
                samples.append(total)
    return statistics.median(samples) if samples else None


if __name__ == "__main__":
    sys.exit(main())
