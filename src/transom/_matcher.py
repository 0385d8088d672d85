"""werkzeug's routing state machine, compiled to Python.

werkzeug's ``StateMachineMatcher`` keeps the rules as a tree of states:
static transitions by path segment, dynamic ones (a converter's regex) in
weight order, and the rules that end in each state. It walks that tree with
a recursive function per request. transom keeps the tree (werkzeug builds
and orders it) and turns it into Python source once: one nested block per
state, where static transitions are string comparisons, dynamic ones
precompiled regexes (or a string test, for the two commonest), the index
of the path segment each state reads is a constant, and a matched rule's
converters are called in line. Trying one transition and falling through
to the next is the same depth-first search, with the same precedence and
the same answers, for a fraction of the work per request. A state with
many static transitions (hundreds of routes under ``/``) becomes a dict of
functions instead of a chain of comparisons, each compiled when a path
first reaches it.

Matching a route with a variable took about as long as the rest of a
request; tests compare this matcher with werkzeug's on generated paths.
"""

from __future__ import annotations

import itertools
import re
import typing as t

from werkzeug.routing import ValidationError
from werkzeug.routing.exceptions import NoMatch
from werkzeug.routing.exceptions import RequestAliasRedirect
from werkzeug.routing.exceptions import RequestPath

if t.TYPE_CHECKING:
    from werkzeug.routing import Rule
    from werkzeug.routing.matcher import State
    from werkzeug.routing.matcher import StateMachineMatcher

_Found: t.TypeAlias = "tuple[Rule, dict[str, t.Any] | None]"
"""A rule and its converted values (``None``: a converter refused its text)."""
_Walk: t.TypeAlias = (
    "t.Callable[[list[str], int, str, bool, _Misses, tuple[str, ...]], _Found | None]"
)
_Texts: t.TypeAlias = "tuple[str, ...]"
"""The captured texts, as expressions in the source being written."""
_DOUBLE_SLASH: t.Final = re.compile("/{2,}")

_END: t.Final = -1
"""No path segment is left."""
_SLASH: t.Final = -2
"""Only an empty segment is left: a trailing slash after a part that may
hold slashes."""
_INLINE_STATIC: t.Final = 8
"""Up to this many static transitions are compared in line."""
_MAX_DEPTH: t.Final = 40
"""Blocks nested deeper than this go into a function of their own (Python
caps indentation at 100 levels)."""


class _MissingSlashError(Exception):
    """The path matches a rule once a slash is appended."""


_Misses: t.TypeAlias = "list[frozenset[str] | None]"
"""What the walk saw that did not match: the methods of each rule that
matched the path but not the method, and ``None`` for each rule that
differed only in being a websocket (a list: most walks note nothing, and
making one costs least)."""


def _no_match(misses: _Misses) -> NoMatch:
    """werkzeug's NoMatch for what the walk saw."""
    methods: set[str] = set()
    websocket = False
    for seen in misses:
        if seen is None:
            websocket = True
        else:
            methods.update(seen)
    return NoMatch(methods, websocket)


class Walker:
    """Matches paths as a werkzeug matcher does, with its states compiled.

    :param matcher: the ``Map``'s matcher. Call :meth:`reset` after rules
        are added (and the map updated) to compile its states again.
    """

    def __init__(self, matcher: StateMachineMatcher) -> None:
        self._matcher = matcher
        self._walk: _Walk | None = None

    def reset(self) -> None:
        """Forget the compiled states; the next match compiles them anew."""
        self._walk = None

    def match(
        self, domain: str, path: str, method: str, websocket: bool
    ) -> tuple[Rule, dict[str, t.Any]]:
        """Match as ``StateMachineMatcher.match`` does.

        :returns: the rule and its converted values (defaults included).
        :raises NoMatch: no rule matches; its ``have_match_for`` and
            ``websocket_mismatch`` are werkzeug's.
        :raises RequestPath: a slash redirect (appended, or slashes merged).
        :raises RequestAliasRedirect: the rule is an alias.
        """
        found = self.find(domain, path, method, websocket)
        if isinstance(found, NoMatch):
            raise found
        return found

    def find(
        self, domain: str, path: str, method: str, websocket: bool
    ) -> tuple[Rule, dict[str, t.Any]] | NoMatch:
        """:meth:`match`, with the ``NoMatch`` returned instead of raised:
        a caller that answers it with another error raises only that one
        (raising costs as much as the rest of a 404).

        :raises RequestPath: a slash redirect (appended, or slashes merged).
        :raises RequestAliasRedirect: the rule is an alias.
        """
        walk = self._walk
        if walk is None:
            walk = self._compile()
        misses: _Misses = []
        parts = [domain, *path.split("/")]
        try:
            found = walk(parts, len(parts), method, websocket, misses, ())
        except _MissingSlashError:
            raise RequestPath(f"{path}/") from None
        if found is None and self._matcher.merge_slashes and "//" in path:
            path = _DOUBLE_SLASH.sub("/", path)
            parts = [domain, *path.split("/")]
            try:
                found = walk(parts, len(parts), method, websocket, misses, ())
            except _MissingSlashError:
                raise RequestPath(f"{path}/") from None
            if found is None or found[0].merge_slashes is False:
                return _no_match(misses)
            raise RequestPath(path)
        if found is None:
            return _no_match(misses)
        rule, values = found
        if values is None:  # werkzeug answers a refused value with NoMatch
            return _no_match(misses)
        if rule.defaults:
            values.update(rule.defaults)
        if rule.alias and rule.map.redirect_defaults:
            raise RequestAliasRedirect(values, rule.endpoint)
        return rule, values

    def _compile(self) -> _Walk:
        compiler = _Compiler()
        root = compiler.function(vars(self._matcher)["_root"], 0, 0)
        walk = t.cast("_Walk", compiler.build()[root])
        self._walk = walk
        return walk


class _Compiler:
    """Writes the source of the functions that walk a state tree.

    Each function takes ``(parts, n, method, websocket, misses, texts)``:
    the path's segments (the domain first), their number, the request's
    method and kind, what did not match so far, and the texts the dynamic
    transitions captured on the way. It returns the rule and its values, or
    ``None`` to let the caller try its next transition.

    Inside a function, the captured texts are Python expressions known
    when the source is written (``p3``: a whole segment; ``m5.group(1)``:
    a regex group); only a call into another function packs them in a
    tuple.
    """

    def __init__(self) -> None:
        self.namespace: dict[str, t.Any] = {
            "_MissingSlashError": _MissingSlashError,
            "_ValidationError": ValidationError,
        }
        self.sources: list[str] = []
        self._names = itertools.count()
        self._rules: dict[int, tuple[str, list[tuple[str, str]]]] = {}

    def build(self) -> dict[str, t.Any]:
        """Run the source; the namespace then holds every function."""
        namespace = self.namespace
        code = compile("\n\n".join(self.sources), "<transom routes>", "exec")
        exec(code, namespace)
        return namespace

    def constant(self, value: object, prefix: str) -> str:
        name = f"{prefix}{next(self._names)}"
        self.namespace[name] = value
        return name

    def function(self, state: State, position: int, captured: int) -> str:
        """A function walking ``state`` from segment ``position``, given the
        ``captured`` texts so far; its name."""
        name = f"_state{next(self._names)}"
        out = [f"def {name}(parts, n, method, websocket, misses, texts):"]
        texts = tuple(f"texts[{index}]" for index in range(captured))
        self.state(out, state, position, texts, 1)
        out.append("    return None")
        self.sources.append("\n".join(out))
        return name

    def state(
        self,
        out: list[str],
        state: State,
        position: int,
        texts: _Texts,
        depth: int,
    ) -> None:
        """Lines that walk ``state``: they return a match, or fall through."""
        pad = "    " * depth
        if position == _END:
            self.end(out, state, texts, depth)
        elif position == _SLASH:
            self.part(out, state, _SLASH, '""', texts, depth)
        elif depth > _MAX_DEPTH:
            function = self.function(state, position, len(texts))
            out.append(
                f"{pad}r = {function}(parts, n, method, websocket, misses, "
                f"{_pack(texts)})"
            )
            out.append(f"{pad}if r is not None:")
            out.append(f"{pad}    return r")
        else:
            out.append(f"{pad}if n == {position}:")
            out.append(f"{pad}    pass")
            self.end(out, state, texts, depth + 1)
            if not (
                state.static
                or state.dynamic
                or any(not rule.strict_slashes for rule in state.rules)
            ):
                return  # nothing here takes more segments
            out.append(f"{pad}else:")
            part = f"p{position}"
            out.append(f"{pad}    {part} = parts[{position}]")
            self.part(out, state, position, part, texts, depth + 1)

    def part(
        self,
        out: list[str],
        state: State,
        position: int,
        part: str,
        texts: _Texts,
        depth: int,
    ) -> None:
        """Lines for a state with segments left: ``part`` is the next one
        (``position`` is ``_SLASH`` when it is the only one, and empty)."""
        pad = "    " * depth
        following = _END if position == _SLASH else position + 1
        static = state.static
        if position == _SLASH:
            child = static.get("")
            if child is not None:
                self.state(out, child, _END, texts, depth)
        elif len(static) > _INLINE_STATIC:
            targets: dict[str, _Walk] = {}
            for key, child in static.items():
                targets[key] = _Lazy(targets, key, child, following, len(texts))
            table = self.constant(targets, "T")
            out.append(f"{pad}f = {table}.get({part})")
            out.append(f"{pad}if f is not None:")
            out.append(
                f"{pad}    r = f(parts, n, method, websocket, misses, {_pack(texts)})"
            )
            out.append(f"{pad}    if r is not None:")
            out.append(f"{pad}        return r")
        else:
            for index, (key, child) in enumerate(static.items()):
                keyword = "elif" if index else "if"
                out.append(f"{pad}{keyword} {part} == {key!r}:")
                out.append(f"{pad}    pass")
                self.state(out, child, following, texts, depth + 1)
        for test_part, new_state in state.dynamic:
            test = None if test_part.final else _plain_test(test_part.content, part)
            if test is not None:
                # The whole segment is the value: a string test does what
                # the regex would.
                out.append(f"{pad}if {test}:")
                out.append(f"{pad}    pass")
                self.state(out, new_state, following, (*texts, part), depth + 1)
                continue
            pattern, groups = _compile(test_part.content)
            match = self.constant(pattern.match, "P")
            if not test_part.final:
                target, after = part, following
            elif position == _SLASH:
                target, after = '""', _END
            else:
                target, after = f'"/".join(parts[{position}:])', _END
            found = f"m{depth}"
            out.append(f"{pad}{found} = {match}({target})")
            out.append(f"{pad}if {found} is not None:")
            out.append(f"{pad}    pass")
            captured = (*texts, *(f"{found}.group({group})" for group in groups))
            if test_part.suffixed:
                # A part that may hold slashes ended in one: what is left is
                # the trailing slash, as werkzeug sees it.
                out.append(f"{pad}    if {found}.group({pattern.groups}) == '/':")
                out.append(f"{pad}        pass")
                self.state(out, new_state, _SLASH, captured, depth + 2)
                out.append(f"{pad}    else:")
                out.append(f"{pad}        pass")
                self.state(out, new_state, after, captured, depth + 2)
            else:
                self.state(out, new_state, after, captured, depth + 1)
        # Only a trailing slash is left: rules without strict slashes match.
        loose = [rule for rule in state.rules if not rule.strict_slashes]
        if loose:
            if position != _SLASH:
                out.append(f"{pad}if n == {position + 1} and {part} == '':")
                depth += 1
            for rule in loose:
                self.rule(out, rule, texts, depth)

    def end(self, out: list[str], state: State, texts: _Texts, depth: int) -> None:
        """Lines for a state with no segment left."""
        for rule in state.rules:
            self.rule(out, rule, texts, depth)
        # The path would match with a trailing slash.
        slashed = state.static.get("")
        if slashed is None:
            return
        pad = "    " * depth
        for rule in slashed.rules:
            condition = "websocket" if rule.websocket else "not websocket"
            if rule.methods is not None:
                methods = self.constant(frozenset(rule.methods), "M")
                condition += f" and method in {methods}"
            out.append(f"{pad}if {condition}:")
            if rule.strict_slashes:
                out.append(f"{pad}    raise _MissingSlashError()")
            else:
                self.found(out, rule, texts, depth + 1)

    def rule(self, out: list[str], rule: Rule, texts: _Texts, depth: int) -> None:
        """Lines that return ``rule`` if it takes the request, and note why
        not otherwise."""
        pad = "    " * depth
        mismatch = "not websocket" if rule.websocket else "websocket"
        if rule.methods is None:
            out.append(f"{pad}if {mismatch}:")
        else:
            methods = self.constant(frozenset(rule.methods), "M")
            out.append(f"{pad}if method not in {methods}:")
            out.append(f"{pad}    misses.append({methods})")
            out.append(f"{pad}elif {mismatch}:")
        out.append(f"{pad}    misses.append(None)")
        out.append(f"{pad}else:")
        self.found(out, rule, texts, depth + 1)

    def found(self, out: list[str], rule: Rule, texts: _Texts, depth: int) -> None:
        """Lines that return ``rule`` with its values, converted in line in
        the order werkzeug converts them; with ``None`` for the values when
        a converter refuses its text (werkzeug then stops: no match)."""
        pad = "    " * depth
        name, converters = self._rule(rule)
        if not converters:
            out.append(f"{pad}return {name}, {{}}")
            return
        values = ", ".join(
            f"{key!r}: {to_python}({text})"
            for (key, to_python), text in zip(converters, texts, strict=False)
        )
        out.append(f"{pad}try:")
        out.append(f"{pad}    return {name}, {{{values}}}")
        out.append(f"{pad}except _ValidationError:")
        out.append(f"{pad}    return {name}, None")

    def _rule(self, rule: Rule) -> tuple[str, list[tuple[str, str]]]:
        """The names of ``rule`` and of its converters' ``to_python`` in the
        source; a rule met again (as a trailing-slash match, say) reuses
        them."""
        names = self._rules.get(id(rule))
        if names is None:
            converters: dict[str, t.Any] = vars(rule)["_converters"]
            names = self._rules[id(rule)] = (
                self.constant(rule, "R"),
                [
                    (str(key), self.constant(converter.to_python, "V"))
                    for key, converter in converters.items()
                ],
            )
        return names


class _Lazy:
    """A state reached through a table, compiled when a path first reaches
    it: an app with thousands of routes under one prefix compiles each
    route's states on its first request instead of all of them at once."""

    def __init__(
        self,
        table: dict[str, _Walk],
        key: str,
        state: State,
        position: int,
        captured: int,
    ) -> None:
        self._table = table
        self._key = key
        self._state = state
        self._position = position
        self._captured = captured

    def __call__(
        self,
        parts: list[str],
        n: int,
        method: str,
        websocket: bool,
        misses: _Misses,
        texts: tuple[str, ...],
    ) -> _Found | None:
        compiler = _Compiler()
        name = compiler.function(self._state, self._position, self._captured)
        walk = t.cast("_Walk", compiler.build()[name])
        self._table[self._key] = walk  # later paths call it directly
        return walk(parts, n, method, websocket, misses, texts)


def _pack(texts: _Texts) -> str:
    """The source of a tuple of ``texts``."""
    return f"({''.join(f'{text}, ' for text in texts)})"


_SEGMENT: t.Final = re.compile(r"\(\?P<__werkzeug_0>(.*)\)\\Z", re.DOTALL)
"""A part that is one converter's regex, the whole segment."""
_DIGITS: t.Final = re.compile(r"\[0-9\]\{1,(\d+)\}")


def _plain_test(content: str, part: str) -> str | None:
    """A Python test of the segment ``part`` that answers as the part's
    regex does, for the commonest regexes (one converter, the whole
    segment): ``[^/]+`` (any segment but an empty one: segments never hold
    a slash) and ``[0-9]{1,N}``. ``None`` for any other."""
    whole = _SEGMENT.fullmatch(content)
    if whole is None:
        return None
    regex = whole.group(1)
    if regex == "[^/]+":
        return f"{part}"
    digits = _DIGITS.fullmatch(regex)
    if digits is not None:
        return f"{part}.isascii() and {part}.isdigit() and len({part}) <= {digits[1]}"
    return None


def _compile(content: str) -> tuple[re.Pattern[str], tuple[int, ...]]:
    """A transition's regex, and the indexes of its converter groups in the
    order werkzeug assigns values to converters."""
    pattern = re.compile(content)
    names = sorted(
        (name for name in pattern.groupindex if name.startswith("__werkzeug_")),
        key=lambda name: int(name[11:]),
    )
    return pattern, tuple(pattern.groupindex[name] for name in names)
