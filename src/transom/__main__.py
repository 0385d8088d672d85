"""``python -m transom``: the ``transom`` command line."""

from __future__ import annotations

import sys

from transom.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m transom"))
