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
    def __init__(self, path: str) -> None:
        self.path = path
        self.pool = IdPool()
        self.ids: dict[str, str] = {}
        self.problems: list[Problem] = []

    def new_id(self, original: str) -> str:
        candidate = self.pool.take(slug(original))
        self.ids[candidate] = original
        return candidate

    def fail(self, message: str) -> None:
        self.problems.append(Problem(self.path, None, None, message))


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
    b = _Builder(path)
    for key in data:
        if _text(key) not in _KNOWN_KEYS:
            b.fail(f"unknown top-level key {_text(key)!r} in a Carneades graph")
    issue_schemes = data.get("issue_schemes") or {}
    simple_schemes = _simple_issue_schemes(issue_schemes)
    if issue_schemes and simple_schemes is None:
        b.fail(
            '\'issue_schemes\' beyond one-variable patterns such as ["¬Q", "Q"] need '
            "Carneades' rule engine"
        )
    for needs_engine in ("argument_schemes", "language"):
        if data.get(needs_engine):
            b.fail(
                f"{needs_engine!r} needs Carneades' rule engine (schemes with variables); "
                "argmap reads argument graphs without it"
            )
    if b.problems:
        raise MapError(b.problems)

    statements = data.get("statements") or {}
    if not isinstance(statements, Mapping):
        raise MapError([Problem(path, None, None, "'statements' must be a mapping")])
    by_key: dict[str, str] = {}
    claims: list[tuple[str, str, bool]] = []
    for raw_id, body in statements.items():
        original = _text(raw_id)
        cid = b.new_id(original)
        by_key[_key(original)] = cid
        assumed = False
        if isinstance(body, Mapping):
            statement_text = _text(body.get("text", original))
            flag = body.get("assumed", False)
            assumed = flag is True or flag == 1
        else:
            statement_text = _text(body) if body is not None else original
        claims.append((cid, statement_text.strip() or original, assumed))

    def ref(name: str, where: str) -> str:
        found = by_key.get(_key(name))
        if found is None:
            b.fail(f"{where}: {name!r} is not a statement id")
            return ""
        return found

    # Carneades lets an assumption name an atom no statement declares; it has no effect
    assumed_ids = {by_key.get(_key(a), "") for a in _strings(data.get("assumptions"))}

    supports: list[Support] = []
    attacks: list[Attack] = []
    roles: dict[str, tuple[str, ...]] = {}
    weights: dict[str, float] = {}
    arguments = data.get("arguments") or {}
    if not isinstance(arguments, Mapping):
        b.fail("'arguments' must be a mapping")
        arguments = {}
    for raw_id, body in arguments.items():
        aid_text = _text(raw_id)
        if not isinstance(body, Mapping):
            b.fail(f"argument {aid_text!r} must be a mapping")
            continue
        aid = b.new_id(aid_text)
        where = f"argument {aid_text!r}"
        conclusion = ref(_text(body.get("conclusion", "")), where)
        raw_premises = body.get("premises") or []
        if isinstance(raw_premises, Mapping):
            roles[aid] = tuple(_text(r).lower() for r in raw_premises)
            premise_names = [_text(v) for v in raw_premises.values()]
        else:
            premise_names = _strings(raw_premises)
        premises = tuple(ref(p, where) for p in premise_names)
        if not premises:
            # the native format needs a premise: an assumed stand-in, which
            # weighs exactly like Carneades' empty premise list
            stand_in = b.new_id(f"{aid_text}-applies")
            del b.ids[stand_in]
            claims.append((stand_in, f"Argument {aid_text} has no premises.", True))
            premises = (stand_in,)
        scheme = body.get("scheme")
        if isinstance(body.get("weight"), int | float):
            weights[aid] = float(body["weight"])
        supports.append(
            Support(
                id=aid,
                premises=premises,
                conclusion=conclusion,
                scheme=_text(scheme) if scheme is not None else None,
            )
        )
        cutter_name = body.get("undercutter", body.get("nas"))
        if cutter_name is not None:
            cutter = ref(_text(cutter_name), where)
            attacks.append(
                Attack(
                    id=attack_id(cutter, aid),
                    attacker=cutter,
                    target=aid,
                    kind=AttackKind.UNDERCUTS,
                    explicit_id=False,
                )
            )

    issues: list[Issue] = []
    raw_issues = data.get("issues") or {}
    if not isinstance(raw_issues, Mapping):
        b.fail("'issues' must be a mapping")
        raw_issues = {}
    for raw_id, body in raw_issues.items():
        original = _text(raw_id)
        body = body if isinstance(body, Mapping) else {}
        iid = b.new_id(original)
        standard_name = _text(body.get("standard", "PE")).lower()
        if standard_name not in STANDARDS:
            b.fail(f"issue {original!r}: unknown standard {standard_name!r} (PE, CCE or BRD)")
            continue
        positions = tuple(ref(p, f"issue {original!r}") for p in _strings(body.get("positions")))
        meta = body.get("meta")
        question = None
        if isinstance(meta, Mapping):
            question = meta.get("question") or meta.get("title")
        issues.append(
            Issue(
                id=iid,
                question=_text(question) if question else f"Which position of {original} holds?",
                positions=positions,
                standard=STANDARDS[standard_name],
            )
        )

    in_issue = {p for issue in issues for p in issue.positions}
    statement_ids = [cid for cid, _, _ in claims]
    for patterns in simple_schemes or []:
        for group in _instantiate(patterns, statement_ids, b.ids):
            if len(group) < 2 or any(g in in_issue for g in group):
                continue
            in_issue.update(group)
            iid = b.new_id(f"i{len(issues) + 1}")
            issues.append(
                Issue(
                    id=iid,
                    question="Which of " + ", ".join(b.ids[g] for g in group) + " holds?",
                    positions=tuple(group),
                )
            )

    tests: dict[str, tuple[str, ...]] = {}
    raw_tests = data.get("tests") or {}
    if isinstance(raw_tests, Mapping):
        for label in ("in", "out", "undecided"):
            names = _strings(raw_tests.get(label))
            for name in names:
                ref(name, f"tests {label}")
            tests[label] = tuple(names)
    if b.problems:
        raise MapError(b.problems)

    meta = data.get("meta")
    title = ""
    description = None
    if isinstance(meta, Mapping):
        title = _text(meta.get("title", "")).strip()
        parts = [_text(meta[k]).strip() for k in ("source", "note") if meta.get(k)]
        description = "\n\n".join(parts) or None
    amap = ArgumentMap(
        title=title,
        description=description,
        claims=tuple(
            Claim(id=cid, text=t, assumed=assumed or cid in assumed_ids)
            for cid, t, assumed in claims
        ),
        supports=tuple(supports),
        attacks=tuple(attacks),
        issues=tuple(issues),
    )
    return CarneadesGraph(amap, dict(b.ids), roles, weights, tests)


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
