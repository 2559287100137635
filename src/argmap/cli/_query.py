"""The bodies of ``argmap query``'s subcommands, without click.

cli/analysis.py declares the subcommands for click and calls these; so does
:func:`argmap.cli._fast.try_fast` for the common forms (``query MAP
SUBCOMMAND ARGS... [--json]``), which run without importing click. Each
prints through :mod:`argmap.cli._text` and raises
:class:`argmap.errors.ArgmapError` for a user error.
"""

from __future__ import annotations

from argmap.analysis import queries as q
from argmap.cli import _text as T
from argmap.cli._fast import echo_json
from argmap.model import ArgumentMap

MAX_LENGTH = 8
"""The default of ``query path --max-length``."""


_TOWARD = {"supports": "for", "rebuts": "against", "undercuts": "against the step"}
"""A link in a chain, read from the claim it points at (as in `argmap explain`)."""
_ALONG = {"supports": "supports", "rebuts": "rebuts", "undercuts": "undercuts the step to"}
"""A link in a chain, read from the claim it starts at."""


def _chain_tree(amap: ArgumentMap, claim: str, found: list[q.Found]) -> list[str]:
    """The found claims as a tree under CLAIM: each chain from CLAIM down to
    the found claim, chains sharing their first links."""
    names = T.Names(amap)
    root = T.Node(names.claim(claim))
    at: dict[tuple[tuple[str, str, str | None], ...], T.Node] = {(): root}
    for f in found:
        key: tuple[tuple[str, str, str | None], ...] = ()
        for step in reversed(f.path):
            parent = at[key]
            key = (*key, (step.source, step.kind, step.via))
            if key not in at:
                at[key] = T.Node(f"{_TOWARD[step.kind]}: {names.claim(step.source)}")
                parent.children.append(at[key])
        if f.depth > 1 and f.role != f.path[0].kind:
            at[key].text += " " + T.note(f"({f.role})")
    return T.tree(root)


def _chain_lines(amap: ArgumentMap, chain: q.Chain) -> list[str]:
    """One chain FROM -> TO as a staircase."""
    names = T.Names(amap)
    root = T.Node(names.claim(chain.steps[0].source))
    node = root
    for step in chain.steps:
        child = T.Node(f"{_ALONG[step.kind]}: {names.claim(step.target)}")
        node.children.append(child)
        node = child
    return T.tree(root)


def chain(
    amap: ArgumentMap, side: str, claim: str, depth: int, everything: bool, as_json: bool
) -> None:
    """The supporters (``side``) or opposers of CLAIM, ``depth`` links down
    (the whole chain with ``everything``)."""
    limit = None if everything else depth
    find = q.supporters if side == "supporters" else q.opposers
    found = find(amap, claim, limit)
    if as_json:
        echo_json(
            {
                "claim": claim,
                "side": side,
                "depth": limit,
                "found": [f.to_json() for f in found],
            }
        )
        return
    out = T.Printer()
    if not found:
        name = T.Names(amap).claim(claim)
        out(f"no {side} of {name}" + ("" if everything else f" within depth {depth}"))
        return
    out.lines(_chain_tree(amap, claim, found))
    within = "" if everything else f" within depth {depth}"
    out(T.quiet(f"{len(found)} {side[:-1] if len(found) == 1 else side}{within}"))


def who(amap: ArgumentMap, claim: str, as_json: bool) -> None:
    """The stakeholders asserting, endorsing and rejecting CLAIM."""
    held = q.who(amap, claim)
    if as_json:
        echo_json({"claim": claim, **{k: [h.to_json() for h in v] for k, v in held.items()}})
        return
    names, out = T.Names(amap), T.Printer()
    out(T.bold(names.claim(claim)))
    for stance, holders in held.items():
        who_ = [
            names.stakeholder(h.stakeholder)
            + (T.quiet(f" (strength {h.strength:g})") if h.strength is not None else "")
            for h in holders
        ]
        out.wrapped(f"{stance}: {', '.join(who_) if who_ else T.quiet('none')}", "  ", "      ")


def holds(amap: ArgumentMap, stakeholder: str, as_json: bool) -> None:
    """The claims STAKEHOLDER asserts, endorses and rejects."""
    held = q.holds(amap, stakeholder)
    if as_json:
        echo_json({"stakeholder": stakeholder, **held})
        return
    names, out = T.Names(amap), T.Printer()
    out(T.bold(names.stakeholder(stakeholder)))
    for stance, claims in held.items():
        if not claims:
            out(f"{stance}: {T.quiet('none')}")
            continue
        out(f"{stance} {T.quiet(f'({len(claims)})')}:")
        for c in claims:
            out.wrapped(names.claim(c), "  ", "    ")


def path(amap: ArgumentMap, source: str, target: str, max_length: int, as_json: bool) -> None:
    """Argument chains from claim FROM to claim TO, shortest first, pro or con."""
    chains = q.paths(amap, source, target, max_length=max_length)
    if as_json:
        echo_json({"from": source, "to": target, "chains": [c.to_json() for c in chains]})
        return
    names, out = T.Names(amap), T.Printer()
    if not chains:
        out(f"no chain from {names.claim(source)} to {names.claim(target)}")
        return
    for i, c in enumerate(chains, 1):
        sign = T.good("pro") if c.sign > 0 else T.bad("con")
        links = len(c.steps)
        out(f"{i}. {sign} {T.quiet(f'({links} link' + ('' if links == 1 else 's') + ')')}")
        out.lines("   " + line for line in _chain_lines(amap, c))


def unsupported(amap: ArgumentMap, as_json: bool) -> None:
    """Claims a stakeholder asserts with no reason given (and not assumed)."""
    found = q.unsupported(amap)
    if as_json:
        echo_json({"claims": [u.to_json() for u in found]})
        return
    names, out = T.Names(amap), T.Printer()
    for u in found:
        by = ", ".join(names.words_of_stakeholder(s) for s in u.asserted_by)
        out.wrapped(f"{names.claim(u.claim)} {T.quiet('asserted by')} {by}", "", "    ")
    out(T.quiet(f"{len(found)} unsupported claim(s)"))


def unanswered(amap: ArgumentMap, as_json: bool) -> None:
    """Objections nobody has answered: attacks whose attacker is not itself attacked."""
    found = q.unanswered(amap)
    if as_json:
        echo_json({"objections": [u.to_json() for u in found]})
        return
    names, out = T.Names(amap), T.Printer()
    explicit = {a.id for a in amap.attacks if a.explicit_id}
    for u in found:
        if u.kind == "undercuts":
            s = amap.support(u.target)
            verb = "undercuts the step to"
            target = f"{names.claim(s.conclusion)} {T.quiet(f'(via {T.safe(s.id)})')}"
        else:
            verb, target = "rebuts", names.claim(u.target)
        attack = " " + T.quiet(f"(attack {T.safe(u.attack)})") if u.attack in explicit else ""
        out.wrapped(f"{names.claim(u.attacker)} {T.bad(verb)} {target}{attack}", "", "    ")
    out(T.quiet(f"{len(found)} unanswered objection(s)"))
