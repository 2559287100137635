"""Carneades 4 YAML argument graphs (read only).

Statements become claims, arguments become supports (the Carneades scheme name
``linked`` / ``convergent`` / ``cumulative`` / ``factorized`` is kept in
``Support.scheme``), an argument's ``undercutter: S`` becomes an undercut from S
on that support, ``assumptions`` and ``assumed: true`` set ``Claim.assumed``,
and issues keep their positions and proof standard (PE, CCE, BRD).

Carneades ids such as ``¬app(a1)`` are not argmap slugs, so each gets a slug
(``not-app-a1``); :func:`loads_with_ids` also returns the slug -> original id
mapping, and :func:`loads_graph` everything the native model cannot hold
(premise role names, an argument's declared ``weight``, the ``tests`` block).
Argument schemes with variables, issue schemes and the ``language`` table need a
rule engine and are rejected.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from argmap.errors import MapError, Problem
from argmap.formats import _sniff
from argmap.formats.registry import Format
from argmap.ids import IdPool, attack_id, clean
from argmap.ids import slug as id_slug
from argmap.model import (
    ArgumentMap,
    Attack,
    AttackKind,
    Claim,
    Issue,
    ProofStandard,
    Support,
)

STANDARDS = {
    "pe": ProofStandard.PREPONDERANCE,
    "cce": ProofStandard.CLEAR_AND_CONVINCING,
    "brd": ProofStandard.BEYOND_REASONABLE_DOUBT,
}

_KNOWN_KEYS = {
    "meta",
    "statements",
    "arguments",
    "issues",
    "assumptions",
    "tests",
    "references",
    "argument_schemes",
    "issue_schemes",
    "language",
    "weighing_functions",
    "labels",
}

# An issue-scheme pattern argmap can match without a rule engine: a constant
# prefix (possibly empty) and one variable, such as ``¬Q`` and ``Q``.
_SIMPLE_PATTERN = re.compile(r"^(?P<prefix>[^A-Z_(),\s]*)(?P<var>[A-Z_][A-Za-z0-9_]*)$")


@dataclass(frozen=True, slots=True)
class CarneadesGraph:
    """An imported graph: the map plus what only Carneades needs.

    ``ids`` maps argmap ids (claims, supports, issues) to the ids written in the
    file (an argument without premises gets an assumed stand-in premise,
    ``<argument>-applies``, which is not in ``ids``); ``roles`` gives the
    premise role names of arguments written with a role -> statement map;
    ``weights`` the ``weight`` declared on arguments (CAES recomputes weights,
    so evaluation ignores them); ``tests`` the expected labels, by label, as
    written in the file.
    """

    amap: ArgumentMap
    ids: dict[str, str]
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    tests: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _key(text: str) -> str:
    """How references are matched: Carneades normalises terms, so spacing is ignored."""
    return re.sub(r"\s+", "", text)


def slug(carneades_id: str) -> str:
    """An argmap id for a Carneades id: ``¬app(a1)`` -> ``not-app-a1``."""
    text = carneades_id.replace("¬", "not-").replace("~", "not-")
    return id_slug(re.sub(r"-{2,}", "-", clean(text)))


class _Builder:
    """The graph in the making, read one section at a time (statements first:
    every other section refers to them). Problems are collected, not raised."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.pool = IdPool()
        self.ids: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.by_key: dict[str, str] = {}
        self.claims: list[tuple[str, str, bool]] = []
        self.supports: list[Support] = []
        self.attacks: list[Attack] = []
        self.roles: dict[str, tuple[str, ...]] = {}
        self.weights: dict[str, float] = {}
        self.issues: list[Issue] = []

    def new_id(self, original: str) -> str:
        candidate = self.pool.take(slug(original))
        self.ids[candidate] = original
        return candidate

    def fail(self, message: str) -> None:
        self.problems.append(Problem(self.path, None, None, message))

    def ref(self, name: str, where: str) -> str:
        """The claim id of a statement named in the file ("" and a problem if none)."""
        found = self.by_key.get(_key(name))
        if found is None:
            self.fail(f"{where}: {name!r} is not a statement id")
            return ""
        return found

    def check_supported(self, data: Mapping[Any, Any]) -> list[list[tuple[str, str]]] | None:
        """Problems for what needs Carneades' rule engine; the simple issue schemes."""
        for key in data:
            if _text(key) not in _KNOWN_KEYS:
                self.fail(f"unknown top-level key {_text(key)!r} in a Carneades graph")
        issue_schemes = data.get("issue_schemes") or {}
        simple_schemes = _simple_issue_schemes(issue_schemes)
        if issue_schemes and simple_schemes is None:
            self.fail(
                '\'issue_schemes\' beyond one-variable patterns such as ["¬Q", "Q"] need '
                "Carneades' rule engine"
            )
        for needs_engine in ("argument_schemes", "language"):
            if data.get(needs_engine):
                self.fail(
                    f"{needs_engine!r} needs Carneades' rule engine (schemes with variables); "
                    "argmap reads argument graphs without it"
                )
        return simple_schemes

    def statements(self, statements: Any) -> None:
        """Each statement becomes a claim (text, assumed)."""
        if not isinstance(statements, Mapping):
            raise MapError([Problem(self.path, None, None, "'statements' must be a mapping")])
        for raw_id, body in statements.items():
            original = _text(raw_id)
            cid = self.new_id(original)
            self.by_key[_key(original)] = cid
            assumed = False
            if isinstance(body, Mapping):
                statement_text = _text(body.get("text", original))
                flag = body.get("assumed", False)
                assumed = flag is True or flag == 1
            else:
                statement_text = _text(body) if body is not None else original
            self.claims.append((cid, statement_text.strip() or original, assumed))

    def arguments(self, arguments: Any) -> None:
        """Each argument becomes a support, and its undercutter an undercut."""
        if not isinstance(arguments, Mapping):
            self.fail("'arguments' must be a mapping")
            return
        for raw_id, body in arguments.items():
            aid_text = _text(raw_id)
            if not isinstance(body, Mapping):
                self.fail(f"argument {aid_text!r} must be a mapping")
                continue
            self.argument(aid_text, body)

    def argument(self, aid_text: str, body: Mapping[Any, Any]) -> None:
        aid = self.new_id(aid_text)
        where = f"argument {aid_text!r}"
        conclusion = self.ref(_text(body.get("conclusion", "")), where)
        raw_premises = body.get("premises") or []
        if isinstance(raw_premises, Mapping):
            self.roles[aid] = tuple(_text(r).lower() for r in raw_premises)
            premise_names = [_text(v) for v in raw_premises.values()]
        else:
            premise_names = _strings(raw_premises)
        premises = tuple(self.ref(p, where) for p in premise_names)
        if not premises:
            # the native format needs a premise: an assumed stand-in, which
            # weighs exactly like Carneades' empty premise list
            stand_in = self.new_id(f"{aid_text}-applies")
            del self.ids[stand_in]
            self.claims.append((stand_in, f"Argument {aid_text} has no premises.", True))
            premises = (stand_in,)
        scheme = body.get("scheme")
        if isinstance(body.get("weight"), int | float):
            self.weights[aid] = float(body["weight"])
        self.supports.append(
            Support(
                id=aid,
                premises=premises,
                conclusion=conclusion,
                scheme=_text(scheme) if scheme is not None else None,
            )
        )
        cutter_name = body.get("undercutter", body.get("nas"))
        if cutter_name is not None:
            cutter = self.ref(_text(cutter_name), where)
            self.attacks.append(
                Attack(
                    id=attack_id(cutter, aid),
                    attacker=cutter,
                    target=aid,
                    kind=AttackKind.UNDERCUTS,
                    explicit_id=False,
                )
            )

    def declared_issues(self, raw_issues: Any) -> None:
        """Each issue keeps its positions and proof standard."""
        if not isinstance(raw_issues, Mapping):
            self.fail("'issues' must be a mapping")
            return
        for raw_id, body in raw_issues.items():
            original = _text(raw_id)
            body = body if isinstance(body, Mapping) else {}
            iid = self.new_id(original)
            standard_name = _text(body.get("standard", "PE")).lower()
            if standard_name not in STANDARDS:
                self.fail(
                    f"issue {original!r}: unknown standard {standard_name!r} (PE, CCE or BRD)"
                )
                continue
            where = f"issue {original!r}"
            positions = tuple(self.ref(p, where) for p in _strings(body.get("positions")))
            meta = body.get("meta")
            question = None
            if isinstance(meta, Mapping):
                question = meta.get("question") or meta.get("title")
            self.issues.append(
                Issue(
                    id=iid,
                    question=_text(question)
                    if question
                    else f"Which position of {original} holds?",
                    positions=positions,
                    standard=STANDARDS[standard_name],
                )
            )

    def scheme_issues(self, simple_schemes: list[list[tuple[str, str]]] | None) -> None:
        """An issue for each group of statements a simple issue scheme matches."""
        in_issue = {p for issue in self.issues for p in issue.positions}
        statement_ids = [cid for cid, _, _ in self.claims]
        for patterns in simple_schemes or []:
            for group in _instantiate(patterns, statement_ids, self.ids):
                if len(group) < 2 or any(g in in_issue for g in group):
                    continue
                in_issue.update(group)
                iid = self.new_id(f"i{len(self.issues) + 1}")
                self.issues.append(
                    Issue(
                        id=iid,
                        question="Which of " + ", ".join(self.ids[g] for g in group) + " holds?",
                        positions=tuple(group),
                    )
                )

    def tests(self, raw_tests: Any) -> dict[str, tuple[str, ...]]:
        """The expected labels of the ``tests`` block, as written."""
        tests: dict[str, tuple[str, ...]] = {}
        if isinstance(raw_tests, Mapping):
            for label in ("in", "out", "undecided"):
                names = _strings(raw_tests.get(label))
                for name in names:
                    self.ref(name, f"tests {label}")
                tests[label] = tuple(names)
        return tests


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and value.bit_length() > 14_000:
        return f"0x{value:x}"  # YAML 1.1 sexagesimal (1:2:3:...) past int()'s digit limit
    return str(value)


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [_text(v) for v in value if v is not None]
    return [_text(value)]


_LONG_DIGITS = re.compile(r"[0-9][0-9_]{4300,}")


def _line_col(text: str, offset: int) -> tuple[int | None, int | None]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def loads_graph(text: str, path: str = "<string>") -> CarneadesGraph:
    """Read a Carneades YAML graph with everything the native model cannot hold."""
    data = _parse(text, path)
    b = _Builder(path)
    simple_schemes = b.check_supported(data)
    if b.problems:
        raise MapError(b.problems)
    b.statements(data.get("statements") or {})
    # Carneades lets an assumption name an atom no statement declares; it has no effect
    assumed_ids = {b.by_key.get(_key(a), "") for a in _strings(data.get("assumptions"))}
    b.arguments(data.get("arguments") or {})
    b.declared_issues(data.get("issues") or {})
    b.scheme_issues(simple_schemes)
    tests = b.tests(data.get("tests") or {})
    if b.problems:
        raise MapError(b.problems)
    title, description = _meta(data.get("meta"))
    amap = ArgumentMap(
        title=title,
        description=description,
        claims=tuple(
            Claim(id=cid, text=t, assumed=assumed or cid in assumed_ids)
            for cid, t, assumed in b.claims
        ),
        supports=tuple(b.supports),
        attacks=tuple(b.attacks),
        issues=tuple(b.issues),
    )
    return CarneadesGraph(amap, dict(b.ids), b.roles, b.weights, tests)


def _parse(text: str, path: str) -> Mapping[Any, Any]:
    """The YAML document as a mapping; MapError with the place when it is not."""
    try:
        data = yaml.safe_load(text)
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        raise MapError(
            [Problem(path, line, col, "not valid YAML: a control character YAML does not allow")]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        raise MapError([Problem(path, line, col, f"not valid YAML: {exc}")]) from None
    except ValueError:  # an integer with more digits than int() converts
        long = _LONG_DIGITS.search(text)
        line, col = _line_col(text, long.start()) if long else (None, None)
        raise MapError(
            [
                Problem(
                    path, line, col, "an integer of more than 4300 digits; quote it if it is text"
                )
            ]
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise MapError([Problem(path, 1, 1, "a Carneades graph must be a YAML mapping")])
    return data


def _meta(meta: Any) -> tuple[str, str | None]:
    """The title and description from the ``meta`` block."""
    if not isinstance(meta, Mapping):
        return "", None
    title = _text(meta.get("title", "")).strip()
    parts = [_text(meta[k]).strip() for k in ("source", "note") if meta.get(k)]
    return title, "\n\n".join(parts) or None


def _simple_issue_schemes(schemes: Any) -> list[list[tuple[str, str]]] | None:
    """Issue schemes as (prefix, variable) patterns, or None if one is not that simple."""
    if not isinstance(schemes, Mapping):
        return None
    out: list[list[tuple[str, str]]] = []
    for patterns in schemes.values():
        if not isinstance(patterns, list) or len(patterns) < 2:
            return None
        parsed = [_SIMPLE_PATTERN.match(_text(p).strip()) for p in patterns]
        if any(m is None for m in parsed) or "..." in patterns:
            return None
        pairs = [(m["prefix"], m["var"]) for m in parsed if m is not None]
        if len({var for _, var in pairs}) != 1:
            return None
        out.append(pairs)
    return out


def _instantiate(
    patterns: list[tuple[str, str]], statement_ids: list[str], original: dict[str, str]
) -> list[list[str]]:
    """Groups of statements matching every pattern with one binding, in statement order."""
    first_prefix = patterns[0][0]
    by_text = {_key(original[s]): s for s in statement_ids}
    groups: list[list[str]] = []
    for s in statement_ids:
        text = _key(original[s])
        if not text.startswith(first_prefix) or len(text) == len(first_prefix):
            continue
        value = text[len(first_prefix) :]
        group = [by_text[p + value] for p, _ in patterns if p + value in by_text]
        if len(group) >= 2:
            groups.append(sorted(set(group), key=statement_ids.index))
    return groups


def loads_with_ids(text: str, path: str = "<string>") -> tuple[ArgumentMap, dict[str, str]]:
    """Read a Carneades graph: the map and argmap id -> id as written in the file."""
    graph = loads_graph(text, path)
    return graph.amap, graph.ids


def loads(text: str, path: str = "<string>") -> ArgumentMap:
    """Read a Carneades YAML graph as an argument map."""
    return loads_graph(text, path).amap


sniff = _sniff.carneades

FORMAT = Format(
    name="carneades",
    description="Carneades 4 YAML argument graphs (read only)",
    suffixes=(".yml", ".yaml"),
    loads=loads,
    sniff=sniff,
)
