"""Analysis commands: query, stakeholders, compare, evaluate, explain, lint."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from argmap.analysis import queries as q
from argmap.cli._app import echo_json, json_option, main, map_argument, user_errors
from argmap.formats.registry import read
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.analysis import stakeholders as sh

# argmap.analysis.semantics.SEMANTICS, named here so that the query commands
# do not import the semantics (tests/cli/test_startup.py checks they agree).
SEMANTICS = ("grounded", "complete", "preferred", "stable")


def _steps(path: tuple[q.Step, ...]) -> str:
    return "; ".join(str(s) for s in path)


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
        depth = depth or 1
        amap = _map(ctx)
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
        if not found:
            click.echo(f"no {side} of {claim}" + ("" if everything else f" within depth {depth}"))
        for f in found:
            click.echo(f"{f.claim} [{f.role}, depth {f.depth}]: {_steps(f.path)}")


_chain_command("supporters")
_chain_command("opposers")


@query.command()
@click.argument("claim")
@json_option
@click.pass_context
@user_errors
def who(ctx: click.Context, claim: str, as_json: bool) -> None:
    """The stakeholders asserting, endorsing and rejecting CLAIM."""
    held = q.who(_map(ctx), claim)
    if as_json:
        echo_json({"claim": claim, **{k: [h.to_json() for h in v] for k, v in held.items()}})
        return
    for stance, holders in held.items():
        names = [
            h.stakeholder + (f" ({h.strength:g})" if h.strength is not None else "")
            for h in holders
        ]
        click.echo(f"{stance}: {', '.join(names) if names else '-'}")


@query.command()
@click.argument("stakeholder")
@json_option
@click.pass_context
@user_errors
def holds(ctx: click.Context, stakeholder: str, as_json: bool) -> None:
    """The claims STAKEHOLDER asserts, endorses and rejects."""
    held = q.holds(_map(ctx), stakeholder)
    if as_json:
        echo_json({"stakeholder": stakeholder, **held})
        return
    for stance, claims in held.items():
        click.echo(f"{stance}: {', '.join(claims) if claims else '-'}")


@query.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option(
    "--max-length",
    type=click.IntRange(min=1),
    default=8,
    show_default=True,
    help="Longest chain, in links.",
)
@json_option
@click.pass_context
@user_errors
def path(ctx: click.Context, source: str, target: str, max_length: int, as_json: bool) -> None:
    """Argument chains from claim FROM to claim TO, shortest first, pro or con."""
    chains = q.paths(_map(ctx), source, target, max_length=max_length)
    if as_json:
        echo_json({"from": source, "to": target, "chains": [c.to_json() for c in chains]})
        return
    if not chains:
        click.echo(f"no chain from {source} to {target}")
    for c in chains:
        click.echo(f"{'pro' if c.sign > 0 else 'con'}: {_steps(c.steps)}")


@query.command()
@json_option
@click.pass_context
@user_errors
def unsupported(ctx: click.Context, as_json: bool) -> None:
    """Claims a stakeholder asserts with no reason given (and not assumed)."""
    found = q.unsupported(_map(ctx))
    if as_json:
        echo_json({"claims": [u.to_json() for u in found]})
        return
    for u in found:
        click.echo(f"{u.claim} (asserted by {', '.join(u.asserted_by)})")
    click.echo(f"{len(found)} unsupported claim(s)")


@query.command()
@json_option
@click.pass_context
@user_errors
def unanswered(ctx: click.Context, as_json: bool) -> None:
    """Objections nobody has answered: attacks whose attacker is not itself attacked."""
    found = q.unanswered(_map(ctx))
    if as_json:
        echo_json({"objections": [u.to_json() for u in found]})
        return
    for u in found:
        click.echo(f"{u.attacker} {u.kind} {u.target} ({u.attack})")
    click.echo(f"{len(found)} unanswered objection(s)")


def _comparison_text(c: sh.Comparison) -> list[str]:
    lines = [f"{c.a} and {c.b}: alignment {c.alignment if c.alignment is not None else '-'}"]
    if c.relations:
        lines.append("  relations: " + "; ".join(c.relations))
    if c.agree:
        lines.append("  both hold: " + ", ".join(c.agree))
    if c.both_reject:
        lines.append("  both reject: " + ", ".join(c.both_reject))
    for d in c.disagree:
        lines.append(f"  disagree on {d.claim}: {c.a} {d.a}, {c.b} {d.b}")
    for k in c.conflicts:
        via = f" (its reason {k.via})" if k.via else ""
        lines.append(f"  conflict: {k.holder} holds {k.attacker}, which {k.kind} {k.target}{via}")
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

    report = sh.analyse(read(map_path))
    if as_json:
        echo_json(report.to_json())
        return
    click.echo("Power/interest grid:")
    for g in report.grid:
        click.echo(
            f"  {g.stakeholder}: power {g.power if g.power is not None else '-'}, interest "
            f"{g.interest if g.interest is not None else '-'}: {g.quadrant or 'unplaced'}"
        )
    click.echo("Coalitions:")
    for group in report.coalitions:
        click.echo("  " + ", ".join(group))
    click.echo("Pairs:")
    for p in report.pairs:
        if p.alignment is not None or p.relations:
            for line in _comparison_text(p):
                click.echo("  " + line)


@main.command()
@map_argument
@click.argument("a")
@click.argument("b")
@json_option
@user_errors
def compare(map_path: Path, a: str, b: str, as_json: bool) -> None:
    """Where stakeholders A and B agree and disagree, directly and through attacks."""
    from argmap.analysis import stakeholders as sh

    result = sh.compare(read(map_path), a, b)
    if as_json:
        echo_json(result.to_json())
        return
    for line in _comparison_text(result):
        click.echo(line)


@main.command()
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
    from argmap.cli._report import evaluation_report

    report = evaluation_report(
        map_path, semantics, stakeholder=stakeholder, claim=claim, strength=strength
    )
    if as_json:
        echo_json(report)
        return
    _evaluation_text(report, show_extensions)


def _evaluation_text(report: dict[str, Any], show_extensions: bool) -> None:
    # One write for the whole report: a big map has a line per claim.
    lines: list[str] = []
    echo = lines.append
    echo(f"semantics: {report['semantics']}")
    if report.get("from"):
        echo(f"accepting as given what {report['from']} holds: {', '.join(report['given'])}")
    if not report.get("stable_exists", True):
        echo("there is no stable extension")
    strengths = report.get("strength") or {}
    fragile = report.get("fragile") or {}
    for label in ("in", "out", "undecided"):
        ids = [c for c, lab in report["labels"].items() if lab == label]
        echo(f"{label} ({len(ids)}):")
        for c in ids:
            extra = f" [strength {strengths[c]:.3f}]" if c in strengths else ""
            mark = " [fragile]" if c in fragile else ""
            echo(f"  {c}{mark}{extra}: {report['reasons'][c]}")
            if c in fragile:
                rests = "; ".join(
                    f"{r['claim']} (unchallenged, held only by {r['held_by']})"
                    for r in fragile[c]["rests_on"]
                )
                echo(f"      fragile: the verdict rests on {rests}")
    acc = report.get("acceptance")
    if acc and report.get("claim"):
        one = acc[report["claim"]]
        echo(
            f"{report['claim']}: credulously {'accepted' if one['credulous'] else 'rejected'}, "
            f"sceptically {'accepted' if one['sceptical'] else 'rejected'}"
        )
    exts = report.get("extensions")
    if show_extensions:
        if exts is None:
            echo("extensions: too many to list")
        else:
            for i, ext in enumerate(exts, 1):
                echo(f"extension {i}: {', '.join(ext) if ext else '(empty)'}")
    click.echo("\n".join(lines))


def _explain(
    map_path: Path,
    claim: str,
    semantics: str,
    stakeholder: str | None,
    depth: int | None,
    as_json: bool,
) -> None:
    from argmap.analysis import explain as ex

    result = ex.explain(read(map_path), claim, semantics, stakeholder=stakeholder, depth=depth)
    if as_json:
        echo_json(result.to_json())
        return
    for line in ex.explanation_text(result):
        click.echo(line)


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
@map_argument
@click.option(
    "--text",
    "texts",
    multiple=True,
    metavar="[SOURCE=]FILE",
    help="The text of a source (repeatable), as for `argmap sources`.",
)
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
    from argmap.formats.registry import read_with_positions
    from argmap.formats.sources import read_source_texts

    amap, positions = read_with_positions(map_path)
    source_texts = read_source_texts(amap, map_path, texts, strict=False)
    report = ln.lint(
        amap,
        source_texts.texts,
        unreadable=source_texts.unreadable,
        positions=positions,
        select=_codes(select),
        ignore=_codes(ignore),
    )
    if as_json:
        echo_json({"map": str(map_path), **report.to_json()})
    else:
        for w in report.warnings:
            where = f"{map_path}:{w.line}:{w.col}" if w.line is not None else f"{map_path}"
            click.echo(f"{where}: {w.code} {w.message}")
        n = len(report.warnings)
        tail = f" ({report.ignored} ignored in the map)" if report.ignored else ""
        click.echo(
            (f"{n} warning(s){tail}" if n else f"no warnings{tail}"),
            err=bool(n),
        )
    if report.warnings and not exit_zero:
        sys.exit(EXIT_USER_ERROR)
