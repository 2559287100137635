"""Analysis commands: query, stakeholders, compare, evaluate, explain, lint."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from argmap.cli import _query
from argmap.cli import _text as T
from argmap.cli._app import (
    allow_option,
    json_option,
    main,
    map_argument,
    max_errors_option,
    user_errors,
)
from argmap.cli._fast import echo_json
from argmap.formats.registry import read
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.analysis import stakeholders as sh

# argmap.analysis.semantics.SEMANTICS, named here so that the query commands
# do not import the semantics (tests/cli/test_startup.py checks they agree).
SEMANTICS = ("grounded", "complete", "preferred", "stable")


@main.group()
@map_argument
@click.pass_context
def query(ctx: click.Context, map_path: Path) -> None:
    """Ask a map a question: what supports or opposes a claim, who holds it, and more.

    MAP may be in any format argmap reads. Every subcommand takes --json.
    """
    ctx.obj = map_path


def _map(ctx: click.Context) -> ArgumentMap:
    path: Path = ctx.obj
    return read(path)


_CHAIN_HELP = {
    "supporters": "The supporters of CLAIM, each with the chain that connects it.\n\n"
    "Direct reasons by default; deeper, a reason for a reason supports and an "
    "attack on an opposer defends.",
    "opposers": "The opposers of CLAIM, each with the chain that connects it.\n\n"
    "Direct rebuttals and undercuts of its reasons by default; deeper, a "
    "reason for an objection and an attack on a reason oppose too.",
}


def _chain_command(side: str) -> None:
    @query.command(name=side, help=_CHAIN_HELP[side])
    @click.argument("claim")
    @click.option(
        "--depth",
        type=click.IntRange(min=1),
        default=None,
        help="How many links down the chain to go.  [default: 1]",
    )
    @click.option("--all", "everything", is_flag=True, help="Follow the whole chain.")
    @json_option
    @click.pass_context
    @user_errors
    def command(
        ctx: click.Context, claim: str, depth: int | None, everything: bool, as_json: bool
    ) -> None:
        if everything and depth is not None:
            raise click.UsageError("give --depth N or --all, not both")
        _query.chain(_map(ctx), side, claim, depth or 1, everything, as_json)


_chain_command("supporters")
_chain_command("opposers")


@query.command()
@click.argument("claim")
@json_option
@click.pass_context
@user_errors
def who(ctx: click.Context, claim: str, as_json: bool) -> None:
    """The stakeholders asserting, endorsing and rejecting CLAIM."""
    _query.who(_map(ctx), claim, as_json)


@query.command()
@click.argument("stakeholder")
@json_option
@click.pass_context
@user_errors
def holds(ctx: click.Context, stakeholder: str, as_json: bool) -> None:
    """The claims STAKEHOLDER asserts, endorses and rejects."""
    _query.holds(_map(ctx), stakeholder, as_json)


@query.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option(
    "--max-length",
    type=click.IntRange(min=1),
    default=_query.MAX_LENGTH,
    show_default=True,
    help="Longest chain, in links.",
)
@json_option
@click.pass_context
@user_errors
def path(ctx: click.Context, source: str, target: str, max_length: int, as_json: bool) -> None:
    """Argument chains from claim FROM to claim TO, shortest first, pro or con."""
    _query.path(_map(ctx), source, target, max_length, as_json)


@query.command()
@json_option
@click.pass_context
@user_errors
def unsupported(ctx: click.Context, as_json: bool) -> None:
    """Claims a stakeholder asserts with no reason given (and not assumed)."""
    _query.unsupported(_map(ctx), as_json)


@query.command()
@json_option
@click.pass_context
@user_errors
def unanswered(ctx: click.Context, as_json: bool) -> None:
    """Objections nobody has answered: attacks whose attacker is not itself attacked."""
    _query.unanswered(_map(ctx), as_json)


def _relation_words(names: T.Names, relation: str) -> str:
    """``city opposes union`` with the stakeholders named."""
    parts = relation.split(" ")
    if len(parts) != 3:
        return T.safe(relation)
    a, kind, b = parts
    return f"{names.words_of_stakeholder(a)} {kind} {names.words_of_stakeholder(b)}"


def _comparison_text(amap: ArgumentMap, c: sh.Comparison, indent: str = "") -> list[str]:
    names = T.Names(amap)
    a, b = names.words_of_stakeholder(c.a), names.words_of_stakeholder(c.b)
    align = f"{c.alignment:g}" if c.alignment is not None else "-"
    pad = indent + "  "
    lines = T.wrap(
        f"{T.bold(names.stakeholder(c.a))} and {T.bold(names.stakeholder(c.b))}: alignment {align}",
        indent,
    )
    if c.relations:
        words = "; ".join(_relation_words(names, r) for r in c.relations)
        lines += T.wrap(f"{T.quiet('relations:')} {words}", pad, pad + "    ")
    if c.agree:
        lines += T.wrap(f"{T.good('both hold:')} {names.claims(c.agree)}", pad, pad + "    ")
    if c.both_reject:
        lines += T.wrap(
            f"{T.good('both reject:')} {names.claims(c.both_reject)}", pad, pad + "    "
        )
    for d in c.disagree:
        lines += T.wrap(
            f"{T.warn('disagree on')} {names.claim(d.claim)}: {a} {d.a}, {b} {d.b}",
            pad,
            pad + "    ",
        )
    for k in c.conflicts:
        via = f" (its reason {names.support(k.via)})" if k.via else ""
        verb = "undercuts the step to" if k.kind == "undercuts" else k.kind
        lines += T.wrap(
            f"{T.bad('conflict:')} {names.words_of_stakeholder(k.holder)} holds "
            f"{names.claim(k.attacker)}, which {verb} {names.claim(k.target)}{via}",
            pad,
            pad + "    ",
        )
    return lines


@main.command()
@map_argument
@json_option
@user_errors
def stakeholders(map_path: Path, as_json: bool) -> None:
    """Stakeholder analysis: agreement per pair, alignment, coalitions, power/interest grid.

    Two stakeholders agree on a claim both hold (assert or endorse) or both
    reject; they disagree on a claim one holds and the other rejects, and
    conflict when a claim one holds attacks a claim the other holds.
    Coalitions merge the most aligned groups (see docs/evaluation.md).
    """
    from argmap.analysis import stakeholders as sh

    amap = read(map_path)
    report = sh.analyse(amap)
    if as_json:
        echo_json(report.to_json())
        return
    names, out = T.Names(amap), T.Printer()
    out(T.bold("Power/interest grid:"))
    for g in report.grid:
        power = g.power if g.power is not None else "-"
        interest = g.interest if g.interest is not None else "-"
        out.wrapped(
            f"{names.stakeholder(g.stakeholder)}: {g.quadrant or 'unplaced'} "
            + T.quiet(f"(power {power}, interest {interest})"),
            "  ",
            "      ",
        )
    out(T.bold("Coalitions:"))
    for group in report.coalitions:
        out.wrapped(names.stakeholders(group), "  ", "      ")
    out(T.bold("Pairs:"))
    for p in report.pairs:
        if p.alignment is not None or p.relations:
            out.lines(_comparison_text(amap, p, "  "))


@main.command()
@map_argument
@click.argument("a")
@click.argument("b")
@json_option
@user_errors
def compare(map_path: Path, a: str, b: str, as_json: bool) -> None:
    """Where stakeholders A and B agree and disagree, directly and through attacks."""
    from argmap.analysis import stakeholders as sh

    amap = read(map_path)
    result = sh.compare(amap, a, b)
    if as_json:
        echo_json(result.to_json())
        return
    T.Printer().lines(_comparison_text(amap, result))


@main.command()
@max_errors_option
@map_argument
@click.option(
    "--semantics",
    type=click.Choice([*SEMANTICS, "carneades"]),
    default="grounded",
    show_default=True,
    help="Dung semantics over the translated map, or Carneades' CAES rules.",
)
@click.option(
    "--from",
    "stakeholder",
    metavar="STAKEHOLDER",
    help="Accept this stakeholder's asserted and endorsed claims as given.",
)
@click.option(
    "--claim", metavar="CLAIM", help="Also decide credulous and sceptical acceptance of CLAIM."
)
@click.option("--strength", is_flag=True, help="Add each claim's gradual (DF-QuAD) strength.")
@click.option(
    "--extensions",
    "show_extensions",
    is_flag=True,
    help="List the extensions (text output; JSON always has them).",
)
@click.option(
    "--why",
    metavar="CLAIM",
    help="Explain CLAIM instead: its dispute and pivots (same as `argmap explain`).",
)
@json_option
@user_errors
def evaluate(
    map_path: Path,
    semantics: str,
    stakeholder: str | None,
    claim: str | None,
    strength: bool,
    show_extensions: bool,
    why: str | None,
    as_json: bool,
) -> None:
    """Label every claim in, out or undecided, with the reason for each verdict.

    Reads any format argmap reads (native maps, Carneades YAML, ICCMA .af/.apx/.tgf).
    With several extensions (preferred, stable, complete) a claim is in or out
    when it is so in every extension, else undecided; credulous (in some) and
    sceptical (in all) acceptance are reported per claim. On a Carneades file,
    --json keys labels by the statement ids written in the file.

    A verdict marked fragile rests on one claim that nothing attacks, that
    stands without a reason, and that only one stakeholder holds: challenging
    that claim would change the verdict (JSON: the "fragile" key).
    """
    if why is not None:
        if semantics == "carneades":
            raise click.UsageError("--why explains Dung semantics; choose another --semantics")
        _explain(map_path, why, semantics, stakeholder, None, as_json)
        return
    from argmap._gc import paused_gc, retire
    from argmap.cli._report import evaluation_report

    # a big map's report is a few hundred thousand objects and no cycle:
    # the collector would rescan them again and again as they pile up
    with paused_gc():
        report = evaluation_report(
            map_path,
            semantics,
            stakeholder=stakeholder,
            claim=claim,
            strength=strength,
            words=not as_json,
        )
        retire(report)
        if as_json:
            echo_json(report)
            return
        _evaluation_text(report, show_extensions)


def _evaluation_text(report: dict[str, Any], show_extensions: bool) -> None:
    out = T.Printer(buffered=True)  # a big map has a line per claim: one write
    names: dict[str, str] = report.get("names") or {}
    holders: dict[str, str] = report.get("stakeholder_names") or {}

    def claim(c: str) -> str:
        words = T.shorten(names[c]) if c in names else T.safe(c)
        return words if words == c else f"{words} {T.quiet('[' + T.safe(c) + ']')}"

    def holder(h: str) -> str:
        return T.shorten(holders.get(h, h))

    out(f"semantics: {T.bold(report['semantics'])}")
    if report.get("from"):
        given = ", ".join(claim(c) for c in report["given"]) or T.quiet("nothing")
        out.wrapped(f"accepting as given what {holder(report['from'])} holds: {given}", "", "    ")
    if not report.get("stable_exists", True):
        out(T.warn("there is no stable extension"))
    strengths = report.get("strength") or {}
    fragile = report.get("fragile") or {}
    reasons = report["reasons"]
    for lab in ("in", "out", "undecided"):
        ids = [c for c, got in report["labels"].items() if got == lab]
        out(f"{T.bold(T.label(lab))} {T.quiet(f'({len(ids)})')}:")
        for c in ids:
            name = claim(c)
            extra = T.quiet(f" (strength {strengths[c]:.3f})") if c in strengths else ""
            mark = " " + T.warn("[fragile]") if c in fragile else ""
            line = f"{name}{mark}{extra}: {T.safe(reasons[c])}"
            if name == c and not mark and not extra:  # the bare id holds no style marker
                out.wrapped_plain(line, "  ", "      ")
            else:
                out.wrapped(line, "  ", "      ")
            if c in fragile:
                rests = "; ".join(
                    f"{claim(r['claim'])} (unchallenged, held only by {holder(r['held_by'])})"
                    for r in fragile[c]["rests_on"]
                )
                out.wrapped(
                    f"{T.warn('fragile:')} the verdict rests on {rests}", "      ", "        "
                )
    acc = report.get("acceptance")
    if acc and report.get("claim"):
        one = acc[report["claim"]]
        out.wrapped(
            f"{claim(report['claim'])}: "
            f"credulously {'accepted' if one['credulous'] else 'rejected'}, "
            f"sceptically {'accepted' if one['sceptical'] else 'rejected'}"
        )
    exts = report.get("extensions")
    if show_extensions:
        if exts is None:
            out("extensions: too many to list")
        else:
            for i, ext in enumerate(exts, 1):
                listed = ", ".join(claim(c) for c in ext) if ext else T.quiet("(empty)")
                out.wrapped(f"extension {i}: {listed}", "", "    ")
    out.flush()


def _explain(
    map_path: Path,
    claim: str,
    semantics: str,
    stakeholder: str | None,
    depth: int | None,
    as_json: bool,
) -> None:
    from argmap.analysis import explain as ex

    amap = read(map_path)
    result = ex.explain(
        amap, claim, semantics, stakeholder=stakeholder, depth=depth, words=not as_json
    )
    if as_json:
        echo_json(result.to_json())
        return
    T.Printer().lines(_explanation_lines(amap, result))


_ROLE_WORDS = {
    "reason": "for",
    "premise": "together with",
    "objection": "against",
    "undercut": "against the step",
}


def _explanation_lines(amap: ArgumentMap, e: Any) -> list[str]:
    """``argmap explain`` as text: the verdict, the dispute as a tree, the pivots."""
    from argmap.analysis.explain import PAIR_CANDIDATES

    names = T.Names(amap)
    width = T.width()
    out = T.wrap(T.bold(names.claim(e.claim)), "", "  ", width)
    view = f" from the view of {names.words_of_stakeholder(e.stakeholder)}" if e.stakeholder else ""
    out += T.wrap(
        f"{T.bold(T.label(e.label))} under {e.semantics} semantics{view}: {T.safe(e.reason)}",
        "",
        "  ",
        width,
    )
    out += ["", T.bold("The dispute:")]

    def node(n: Any) -> T.Node:
        role = "" if n.role == "claim" else T.quiet(_ROLE_WORDS[n.role] + ":") + " "
        status = "shown above" if n.repeated else n.status
        head = f"{role}{T.safe(n.text.rstrip('.'))} {T.quiet('[' + T.safe(n.item) + ']')}"
        head += f" \u2014 {T.label(n.label).upper()}, {status}"
        if n.role == "reason" and n.step is not None and n.step != n.label:
            head += f"; the step from it is {T.label(n.step)}"
        return T.Node(head, [node(c) for c in n.children])

    out += T.tree(node(e.tree), width)
    out.append("")
    if not e.pivots:
        bound = "" if e.complete else f" (pairs among the {PAIR_CANDIDATES} nearest changes)"
        out += T.wrap(
            f"No single change and no pair of changes{bound} would change its label: "
            f"it does not hinge on one claim or relation ({e.candidates} changes tried).",
            "",
            "",
            width,
        )
        return out
    size = "one change" if len(e.pivots[0].changes) == 1 else "two changes together"
    out += T.wrap(
        T.bold(f"What the verdict hinges on ({size} would make it another label):"), "", "", width
    )
    for i, p in enumerate(e.pivots, 1):
        for k, c in enumerate(p.changes):
            lead = f"  {i}. " if k == 0 else "     and "
            out += _change_lines(names, c, lead, width)
        out += T.wrap(f"then: {T.label(p.label)}", "       ", "         ", width)
    if e.fragile:
        rests = ", ".join(names.claim(c.item) for c in e.fragile)
        out.append("")
        out += T.wrap(
            f"{T.warn('Fragile:')} the verdict rests on {rests}, which nothing in the map "
            "answers and only one stakeholder holds.",
            "",
            "  ",
            width,
        )
    if not e.complete:
        out.append(
            T.quiet(
                f"(pairs were searched among the {PAIR_CANDIDATES} changes nearest to the claim)"
            )
        )
    return out


def _holder_words(h: Any) -> str:
    parts = [h.stance]
    if h.strength is not None:
        parts.append(f"strength {h.strength:g}")
    if h.hedge:
        parts.append(
            f"hedged {h.hedge}" + (f': "{T.safe(h.hedge_words)}"' if h.hedge_words else "")
        )
    if h.inferred:
        parts.append(f"inferred: {T.safe(h.inferred)}")
    return f"{T.shorten(h.name)} ({'; '.join(parts)})"


_VERBS = {
    ("challenge", "claim"): "challenge the claim",
    ("challenge", "support"): "challenge the step",
    ("remove", "support"): "remove the reason",
    ("remove", "attack"): "remove the objection",
}


def _change_lines(names: T.Names, c: Any, lead: str, width: int) -> list[str]:
    pad = " " * 7
    what = f'"{T.safe(c.text.rstrip("."))}" {T.quiet("[" + T.safe(c.item) + "]")}'
    lines = T.wrap(
        f"{_VERBS[(c.action, c.kind)]} {what} (now {T.label(c.label)})", lead, pad + "  ", width
    )
    facts: list[str] = []
    if c.kind == "claim" or c.action == "challenge":
        facts.append("it is attacked in the map" if c.attacked else "nothing attacks it")
    if c.hedge:
        facts.append(
            f"hedged {c.hedge}" + (f': "{T.safe(c.hedge_words)}"' if c.hedge_words else "")
        )
    if c.inferred:
        facts.append(f"inferred: {T.safe(c.inferred)}")
    if facts:
        lines += T.wrap(T.quiet("; ".join(facts)), pad, pad + "  ", width)
    if c.holders:
        held = ", ".join(_holder_words(h) for h in c.holders)
        lines += T.wrap(f"held by: {held}", pad, pad + "  ", width)
    elif c.kind == "claim":
        lines += T.wrap(T.quiet("no stakeholder takes a stance on it"), pad, pad, width)
    return lines


@main.command()
@map_argument
@click.argument("claim")
@click.option(
    "--semantics",
    type=click.Choice(SEMANTICS),
    default="grounded",
    show_default=True,
    help="Dung semantics over the translated map.",
)
@click.option(
    "--from",
    "stakeholder",
    metavar="STAKEHOLDER",
    help="Accept this stakeholder's asserted and endorsed claims as given.",
)
@click.option(
    "--depth",
    type=click.IntRange(min=1),
    default=None,
    help="Show the dispute this many levels deep.  [default: all]",
)
@json_option
@user_errors
def explain(
    map_path: Path,
    claim: str,
    semantics: str,
    stakeholder: str | None,
    depth: int | None,
    as_json: bool,
) -> None:
    """Why CLAIM has its label: the dispute around it, and what the verdict hinges on.

    The dispute is a tree of CLAIM's reasons (for) and objections (against),
    and theirs, level by level. Pivots are the smallest sets of changes (challenging
    a claim or a step with an unanswered objection, removing a reason or an
    objection) that would change the label, each with who holds it and how it
    is hedged. See docs/evaluation.md.
    """
    _explain(map_path, claim, semantics, stakeholder, depth, as_json)


def _codes(values: tuple[str, ...]) -> list[str]:
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


@main.command()
@max_errors_option
@map_argument
@click.option(
    "--text",
    "texts",
    multiple=True,
    metavar="[SOURCE=]FILE",
    help="The text of a source (repeatable), as for `argmap sources`.",
)
@allow_option
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Only these codes (comma-separated or repeated; a prefix such as F1 selects F1xx).",
)
@click.option(
    "--ignore", multiple=True, metavar="CODES", help="Leave out these codes (as --select)."
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are warnings.")
@json_option
@user_errors
def lint(
    map_path: Path,
    texts: tuple[str, ...],
    allow: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exit_zero: bool,
    as_json: bool,
) -> None:
    """Check that the map is faithful to its sources and holds together.

    Each warning is printed as path:line:col: CODE message (codes and examples:
    docs/lint.md). A warning can be ignored in the map itself under
    `lint: {ignore: [{code, item, reason}]}`. Exits 1 when any warning
    remains, unless --exit-zero.
    """
    import sys

    from argmap.analysis import lint as ln
    from argmap.cli._app import EXIT_USER_ERROR
    from argmap.formats.registry import read_with_places
    from argmap.formats.sources import read_source_texts

    amap, places = read_with_places(map_path)
    positions = {key: (line, col) for key, (_file, line, col) in places.items()}
    source_texts = read_source_texts(amap, map_path, texts, strict=False, allow=allow)
    report = ln.lint(
        amap,
        source_texts.texts,
        unreadable={**source_texts.absent, **source_texts.unreadable},
        positions=positions,
        select=_codes(select),
        ignore=_codes(ignore),
    )
    if as_json:
        echo_json({"map": str(map_path), **report.to_json()})
    else:
        for w in report.warnings:
            key, file = w.key, str(map_path)
            while key:
                if key in places:
                    file = places[key][0]
                    break
                key = key.rpartition("#")[0]
            where = f"{file}:{w.line}:{w.col}" if w.line is not None else f"{map_path}"
            click.echo(f"{where}: {w.code} {w.message}")
        n = len(report.warnings)
        tail = f" ({report.ignored} ignored in the map)" if report.ignored else ""
        click.echo(
            (f"{n} warning(s){tail}" if n else f"no warnings{tail}"),
            err=bool(n),
        )
    if report.warnings and not exit_zero:
        sys.exit(EXIT_USER_ERROR)
