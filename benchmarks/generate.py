"""Deterministic synthetic argument maps in the native format (docs/format.md).

    python benchmarks/generate.py 100000 -o benchmarks/data/map_100000.yaml

The output is block-style YAML the way a person would write it: block mappings
for claims, sources and stakeholders, one-line flow mappings for supports,
attacks and stances. Claim texts are 60-120 characters and some need quoting
(``: ``, `` #``, leading quotes, ``yes``-like words) or carry unicode. A few
notes are literal block scalars. The same ``n`` and ``seed`` always give the
same text, and every generated map is valid: unique ids, all references
resolve, no self-support or self-attack, no duplicate premise-set -> conclusion
support, no duplicate attack pair, at most one stance per stakeholder and claim.

``generate(n, seed=0, ...)`` returns the YAML text for tests and benchmarks.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

__all__ = ["generate"]

# --------------------------------------------------------------------------- text

_SUBJECTS = [
    "The council",
    "Local schools",
    "Teenagers",
    "Small businesses",
    "The regional transit agency",
    "Rural clinics",
    "Night-shift workers",
    "The 2019 survey",
    "Parents' groups",
    "Cyclists in Zürich",
    "The café owners' association",
    "Tenants",
    "The auditor's report",
    "Farmers near the river",
    "Commuters from the suburbs",
    "The naïve cost model",
    "Public libraries",
    "The health ministry",
    "Students in São Paulo",
    "Émile's pilot study",
]
_VERBS = [
    "would benefit from",
    "cannot afford",
    "already depend on",
    "consistently underestimate",
    "should be exempt from",
    "will pay more for",
    "were never consulted about",
    "report higher stress without",
    "have lobbied against",
    "mostly ignore",
    "would lose access to",
    "gain little from",
]
_OBJECTS = [
    "a later start to the school day",
    "the new congestion charge",
    "free public transport on weekends",
    "the proposed rent cap",
    "a four-day working week",
    "cheaper electricity at night",
    "the second bus wave",
    "longer opening hours",
    "the flood barrier on the east bank",
    "a ban on cars in the old town",
    "the €40 monthly pass",
    "metered parking near the station",
    "the 30 km/h limit",
    "subsidised childcare",
]
_TAILS = [
    "",
    "",
    "",
    ", according to the 2023 figures",
    " in most districts",
    " — at least in the short run",
    " unless the budget changes",
    ": the data are clear on this",
    " (see appendix #3)",
    ' as the mayor put it, "without delay"',
    " by roughly 12%",
    ", even in winter",
    ": yes, really",
    " before 2030",
    " – “a matter of fairness”",  # noqa: RUF001 - unicode on purpose
]
_PREFIXES = [
    "",
    "",
    "",
    "",
    "",
    "In practice, ",
    "Note: ",
    '"Obviously" ',
    "'Fair' pricing aside, ",
    "# ",
    "Yes: ",
    "On balance, ",
]
_QUOTES = [
    "adolescent circadian rhythms shift later",
    "costs rose by 14% in two years",
    "no significant effect was found",
    "the scheme paid for itself: eventually",
    "ridership #1 concern was reliability",
    'it\'s "cheaper" only on paper',
    "Zürich's trams run every 7 minutes",
]
_TAGS = [
    "timetable",
    "budget",
    "health",
    "transport",
    "housing",
    "equity",
    "environment",
    "safety",
    "yes",
    "2024",
    "no",
]
_CLAIM_KINDS = ["value", "policy", "prediction", "definition", "interpretation", "testimony"]
_STAKEHOLDER_KINDS = [
    "government",
    "agency",
    "court",
    "organisation",
    "union",
    "community",
    "public",
    "person",
    "media",
    "other",
]
_RELATIONS = ["governs", "represents", "allied-with", "opposes", "funds", "regulates", "serves"]
_SCHEMES = ["linked", "convergent", "cumulative", "expert-opinion", "analogy"]
_STANDARDS = ["preponderance", "clear-and-convincing", "beyond-reasonable-doubt"]
_ID_WORDS = [
    "sleep",
    "bus",
    "cost",
    "rent",
    "tram",
    "flood",
    "park",
    "tax",
    "school",
    "clinic",
    "night",
    "fare",
    "bike",
    "shop",
]


def _claim_text(rng: random.Random) -> str:
    while True:
        text = (
            rng.choice(_PREFIXES)
            + rng.choice(_SUBJECTS)
            + " "
            + rng.choice(_VERBS)
            + " "
            + rng.choice(_OBJECTS)
            + rng.choice(_TAILS)
            + "."
        )
        if len(text) < 60:
            text = text[:-1] + ", and " + rng.choice(_OBJECTS) + "."
        if 60 <= len(text) <= 120:
            # Sentence case after a prefix that ends with ", ".
            return text


# --------------------------------------------------------------------------- YAML

# Plain scalars that a YAML 1.1 or 1.2 resolver would not read as a string.
_NON_STR = re.compile(
    r"""^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE
    |y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF
    |[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?
    |[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
    |0[xob][0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*|=|<<)$""",
    re.VERBOSE,
)
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def _plain_ok(s: str, flow: bool) -> bool:
    if not s or s != s.strip() or s[0] in _INDICATORS or _NON_STR.match(s):
        return False
    if ": " in s or " #" in s or s.endswith(":") or "\t" in s:
        return False
    if flow and any(c in s for c in ",[]{}"):
        return False
    return all(c >= " " and c != "\x7f" for c in s)


def _scalar(s: str, flow: bool = False) -> str:
    """A YAML scalar for ``s``: plain when safe, else single- or double-quoted."""
    if _plain_ok(s, flow):
        return s
    if ("'" not in s or '"' in s) and all(c >= " " for c in s):
        return "'" + s.replace("'", "''") + "'"
    return json.dumps(s, ensure_ascii=False)


def _flow_list(items: list[str]) -> str:
    return "[" + ", ".join(_scalar(i, flow=True) for i in items) + "]"


def _ref(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else _flow_list(ids)


def _num(x: float) -> str:
    return repr(round(x, 2))


# --------------------------------------------------------------------------- map


def _close_section(out: list[str], mark: int) -> None:
    """Write ``key: []`` for a section header that got no items (not ``null``)."""
    if len(out) == mark:
        out[-1] = out[-1].replace(":\n", ": []\n")


def generate(
    n: int,
    seed: int = 0,
    *,
    supports: float = 0.6,
    attacks: float = 0.3,
    stances: float = 0.5,
    linked: float = 0.1,
    undercuts: float = 0.1,
) -> str:
    """The YAML text of a valid map with ``n`` claims.

    ``supports``, ``attacks`` and ``stances`` are counts per claim; ``linked`` is
    the share of supports with 2-3 premises and ``undercuts`` the share of
    attacks aimed at a support (with an explicit id) rather than a claim.
    """
    if n < 2:
        raise ValueError("a generated map needs at least 2 claims")
    rng = random.Random(seed)
    out: list[str] = []
    w = out.append

    w("# A synthetic argument map generated by benchmarks/generate.py.\n")
    w(f"# claims: {n}, seed: {seed}\n")
    w("argmap: 1\n")
    w(f"title: {_scalar(f'Synthetic map: {n} claims')}\n")
    w("description: >\n")
    w("  A generated map used to benchmark loading and validation.\n")
    w("  It is deterministic for a given size and seed.\n")

    claim_ids = [f"c{i}-{rng.choice(_ID_WORDS)}" for i in range(n)]
    n_main = max(1, min(5, n // 1000))
    w(f"main: {_flow_list(claim_ids[:n_main])}\n")

    # sources
    n_sources = max(1, min(200, n // 50))
    source_ids = [f"src{i}" for i in range(n_sources)]
    w("\nsources:\n")
    for i, sid in enumerate(source_ids):
        w(f"  - id: {sid}\n")
        w(f"    title: {_scalar(f'Report {i}: ' + rng.choice(_OBJECTS))}\n")
        if rng.random() < 0.7:
            author = rng.choice(["A. Researcher", "B. Müller", "C. O’Neil"])  # noqa: RUF001
            w(f"    author: {_scalar(author)}\n")
        w(f'    date: "{2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}"\n')
        if rng.random() < 0.5:
            w(f"    url: https://example.org/reports/{i}?lang=en#p{i % 7}\n")

    # stakeholders
    n_stake = max(2, min(50, n // 10))
    stake_ids = [f"sh{i}" for i in range(n_stake)]
    w("\nstakeholders:\n")
    for i, hid in enumerate(stake_ids):
        w(f"  - id: {hid}\n")
        w(f"    name: {_scalar(rng.choice(_SUBJECTS) + f' #{i}')}\n")
        w(f"    kind: {rng.choice(_STAKEHOLDER_KINDS)}\n")
        w(f"    power: {rng.randint(1, 5)}\n")
        w(f"    interest: {rng.randint(1, 5)}\n")
        if rng.random() < 0.3:
            other = stake_ids[(i + 1 + rng.randrange(n_stake - 1)) % n_stake]
            w("    relations:\n")
            w(f"      - {{type: {rng.choice(_RELATIONS)}, to: {other}}}\n")

    # claims
    w("\nclaims:\n")
    for cid in claim_ids:
        w(f"  - id: {cid}\n")
        w(f"    text: {_scalar(_claim_text(rng))}\n")
        r = rng.random()
        if r < 0.4:
            w(f"    kind: {rng.choice(_CLAIM_KINDS)}\n")
        if rng.random() < 0.05:
            w(f"    label: {_scalar(rng.choice(_OBJECTS).capitalize())}\n")
        if rng.random() < 0.3:
            w(f"    tags: {_flow_list(rng.sample(_TAGS, rng.randint(1, 3)))}\n")
        if rng.random() < 0.1:
            w("    sources:\n")
            quote = rng.choice(_QUOTES)
            w(f"      - {{source: {rng.choice(source_ids)}, quote: {json.dumps(quote)}}}\n")
        if rng.random() < 0.02:
            w("    assumed: true\n")
        if rng.random() < 0.15:
            w(f"    weight: {_num(rng.random())}\n")
        if rng.random() < 0.01:
            w("    note: |\n")
            w("      Checked against the minutes: see item #4.\n")
            w("        Indented line kept as is.\n")

    # supports: premises come after the conclusion in file order (a DAG).
    support_sets: set[tuple[frozenset[str], str]] = set()
    named_supports: list[tuple[str, list[str]]] = []  # (id, premises)
    w("\nsupports:\n")
    mark = len(out)
    for k in range(int(n * supports)):
        for _ in range(20):
            to = rng.randrange(n - 1)
            size = rng.choice((2, 2, 3)) if rng.random() < linked else 1
            size = min(size, n - 1 - to)
            prem = rng.sample(range(to + 1, min(n, to + 1 + max(size, 50))), size)
            key = (frozenset(claim_ids[p] for p in prem), claim_ids[to])
            if key not in support_sets:
                break
        else:
            continue
        support_sets.add(key)
        frm = [claim_ids[p] for p in prem]
        parts = [f"from: {_ref(frm)}", f"to: {claim_ids[to]}"]
        if rng.random() < 0.1:
            sid = f"s{k}"
            parts.append(f"id: {sid}")
            named_supports.append((sid, frm))
        if rng.random() < 0.2:
            parts.append(f"weight: {_num(rng.random())}")
        if len(frm) > 1 and rng.random() < 0.5:
            parts.append(f"scheme: {rng.choice(_SCHEMES)}")
        w("  - {" + ", ".join(parts) + "}\n")

    # attacks: rebuttals onto claims, undercuts onto named supports.
    attack_pairs: set[tuple[str, str]] = set()
    _close_section(out, mark)
    w("\nattacks:\n")
    mark = len(out)
    for k in range(int(n * attacks)):
        for _ in range(20):
            frm = claim_ids[rng.randrange(n)]
            if named_supports and rng.random() < undercuts:
                to = rng.choice(named_supports)[0]
            else:
                to = claim_ids[rng.randrange(n)]
            if to != frm and (frm, to) not in attack_pairs:
                break
        else:
            continue
        attack_pairs.add((frm, to))
        parts = [f"from: {frm}", f"to: {to}"]
        if rng.random() < 0.05:
            parts.append(f"id: a{k}")
        if rng.random() < 0.2:
            parts.append(f"weight: {_num(rng.random())}")
        w("  - {" + ", ".join(parts) + "}\n")

    # stances: at most one per stakeholder and claim.
    taken: set[tuple[str, str]] = set()
    _close_section(out, mark)
    w("\nstances:\n")
    mark = len(out)
    for _ in range(int(n * stances)):
        hid = rng.choice(stake_ids)
        want = 1 if rng.random() < 0.85 else rng.randint(2, 3)
        chosen: list[str] = []
        for _ in range(want * 3):
            cid = claim_ids[rng.randrange(n)]
            if (hid, cid) not in taken and cid not in chosen:
                chosen.append(cid)
                if len(chosen) == want:
                    break
        if not chosen:
            continue
        taken.update((hid, c) for c in chosen)
        verb = rng.choice(("asserts", "endorses", "endorses", "rejects"))
        parts = [f"stakeholder: {hid}", f"{verb}: {_ref(chosen)}"]
        if rng.random() < 0.3:
            parts.append(f"strength: {_num(rng.random())}")
        w("  - {" + ", ".join(parts) + "}\n")

    _close_section(out, mark)

    # issues
    w("\nissues:\n")
    for i in range(max(1, min(20, n // 500))):
        positions = rng.sample(claim_ids[: max(2, n // 10)], 2)
        w(f"  - id: issue{i}\n")
        w(f"    question: {_scalar(f'Should we adopt {rng.choice(_OBJECTS)}?')}\n")
        w(f"    positions: {_flow_list(positions)}\n")
        w(f"    standard: {rng.choice(_STANDARDS)}\n")

    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of claims")
    parser.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--supports", type=float, default=0.6, help="supports per claim")
    parser.add_argument("--attacks", type=float, default=0.3, help="attacks per claim")
    parser.add_argument("--stances", type=float, default=0.5, help="stances per claim")
    parser.add_argument("--linked", type=float, default=0.1, help="share of linked supports")
    parser.add_argument("--undercuts", type=float, default=0.1, help="share of attacks on supports")
    args = parser.parse_args(argv)
    text = generate(
        args.n,
        args.seed,
        supports=args.supports,
        attacks=args.attacks,
        stances=args.stances,
        linked=args.linked,
        undercuts=args.undercuts,
    )
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
