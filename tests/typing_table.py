"""The table of docs/typing.md, built from the typing cases.

Each case of ``tests/mypy/*.test`` is a row: the mistake its header names,
then, for each checker, the error codes of its expected output ("—" for
none). tests/test_typing.py fails when the table in the docs differs;
write it again with::

    python -m tests.typing_table
"""

from __future__ import annotations

import re
import sys

from tests.test_typing import CASES
from tests.test_typing import CHECKERS
from tests.test_typing import ROOT
from tests.test_typing import Case

DOCS = ROOT / "docs" / "typing.md"
BEGIN = "<!-- typing-table: built by tests/typing_table.py from tests/mypy/*.test -->"
END = "<!-- end of typing-table -->"
_HEADER = "| Mistake | mypy | mypy + plugin | pyright |\n| --- | --- | --- | --- |\n"


def codes(lines: list[str]) -> list[str]:
    """The error codes of a checker's output, each once, in order."""
    found: list[str] = []
    for line in lines:
        if ": error: " in line:
            code = line.rsplit("[", 1)[1].rstrip("]")
            if code not in found:
                found.append(code)
    return found


def cell(case: Case, checker: str) -> str:
    found = codes(case.expected[checker])
    if not found:
        return "—"
    text = ", ".join(f"`{code}`" for code in found)
    notes = [line for line in case.expected[checker] if ": note: " in line]
    if (
        checker == "plugin"
        and notes
        and len(notes)
        > len([line for line in case.expected["mypy"] if ": note: " in line])
    ):
        text += " and a note"
    return text


def table(cases: list[Case] = CASES) -> str:
    """The Markdown table, a row per case."""
    rows = [
        "| " + " | ".join([case.mistake, *(cell(case, c) for c in CHECKERS)]) + " |\n"
        for case in cases
    ]
    return _HEADER + "".join(rows)


def _block(text: str) -> re.Match[str] | None:
    return re.search(re.escape(BEGIN) + r"\n\n(.*?)\n" + re.escape(END), text, re.S)


def documented() -> str:
    """The table docs/typing.md holds now."""
    match = _block(DOCS.read_text("utf-8"))
    if match is None:
        raise LookupError(f"docs/typing.md has no {BEGIN!r} ... {END!r} block")
    return match[1]


def main() -> int:
    text = DOCS.read_text("utf-8")
    match = _block(text)
    if match is None:
        print(f"docs/typing.md: no {BEGIN!r} block", file=sys.stderr)
        return 1
    new = text[: match.start(1)] + table() + text[match.end(1) :]
    if new != text:
        DOCS.write_text(new, "utf-8")
        print("docs/typing.md: table written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
