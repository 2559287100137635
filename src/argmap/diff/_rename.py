"""Rename detection: which removed claim is an added claim under a new id.

Preconditions: ``gone`` are claim ids only in the old map, ``fresh`` ids only
in the new one. Only these claims are compared.

The rule (docs/diff.md): a removed claim ``a`` and an added claim ``b`` are a
rename when

* their text similarity ``T`` (Jaccard index of the sets of lower-cased words)
  is at least :data:`TEXT_FLOOR`, and
* their score ``0.7 * T + 0.3 * C`` is at least :data:`THRESHOLD`, where ``C``
  is the connection similarity: the Jaccard index of their neighbourhoods
  (premise of / concluded from / attacks / attacked by / stances, each with the
  other end), the old neighbours taken through id matches and renames (1 when
  both have none).

Pairs are taken greedily, best score first (ties by ids), each claim at most
once. The connection part is computed twice: first with neighbours matched by
id only, then again with the renames of the first round, so that two renamed
neighbours recognise each other.

Candidates: a removed claim whose exact set of words is that of one or more
added claims is compared with those only (the common case: an id changed,
the text did not). Otherwise candidates come from a prefix-filtered inverted
index (as in the AllPairs similarity join): words are ordered rarest first,
and two word sets with Jaccard index >= t must share a word among the first
``|x| - ceil(t|x|) + 1`` words of each. Only the prefixes are indexed and
probed, so claims with no rare word in common are never compared. A posting
list is scanned up to :data:`MAX_POSTING` entries, which bounds the work on
very repetitive texts.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from argmap.model import ArgumentMap, AttackKind

TEXT_WEIGHT = 0.7
THRESHOLD = 0.6
TEXT_FLOOR = 0.5
MAX_POSTING = 200

_TOKEN = re.compile(r"\w+")

Neighbours = dict[str, set[tuple[str, str]]]


def tokens(text: str) -> frozenset[str]:
    """The set of lower-cased words of a text."""
    return frozenset(_TOKEN.findall(text.lower()))


def jaccard(a: frozenset[str] | set[tuple[str, str]], b: Iterable[object]) -> float:
    """|a & b| / |a | b|, and 1.0 when both are empty."""
    bs = set(b)
    if not a and not bs:
        return 1.0
    inter = len(a & bs)
    return inter / (len(a) + len(bs) - inter)


def neighbours(amap: ArgumentMap, wanted: set[str]) -> Neighbours:
    """For each wanted claim, its connections as ``(role, other end)`` pairs."""
    nb: Neighbours = {c: set() for c in wanted}
    conclusion_of = {}
    for s in amap.supports:
        conclusion_of[s.id] = s.conclusion
        if s.conclusion in nb:
            nb[s.conclusion].update(("supported-by", p) for p in s.premises)
        for p in s.premises:
            if p in nb:
                nb[p].add(("supports", s.conclusion))
    for a in amap.attacks:
        if a.kind is AttackKind.UNDERCUTS:
            if a.attacker in nb:
                nb[a.attacker].add(("undercuts", conclusion_of.get(a.target, a.target)))
            continue
        if a.attacker in nb:
            nb[a.attacker].add(("attacks", a.target))
        if a.target in nb:
            nb[a.target].add(("attacked-by", a.attacker))
    for st in amap.stances:
        if st.claim in nb:
            nb[st.claim].add((f"stance:{st.kind}", st.stakeholder))
    return nb


def candidate_pairs(
    old_tokens: Mapping[str, frozenset[str]],
    new_tokens: Mapping[str, frozenset[str]],
    floor: float = TEXT_FLOOR,
) -> list[tuple[str, str, float]]:
    """Pairs (old id, new id, text similarity) with similarity >= ``floor``."""
    df: Counter[str] = Counter()
    for toks in old_tokens.values():
        df.update(toks)
    for toks in new_tokens.values():
        df.update(toks)

    def prefix(toks: frozenset[str]) -> list[str]:
        ordered = sorted(toks, key=lambda t: (df[t], t))
        n = len(ordered)
        return ordered[: n - math.ceil(floor * n) + 1] if n else []

    index: dict[str, list[str]] = {}
    by_text: dict[frozenset[str], list[str]] = {}
    for nid in sorted(new_tokens):
        toks = new_tokens[nid]
        by_text.setdefault(toks, []).append(nid)
        for t in prefix(toks):
            index.setdefault(t, []).append(nid)
    out: list[tuple[str, str, float]] = []
    for oid in sorted(old_tokens):
        toks = old_tokens[oid]
        seen: set[str] = set(by_text.get(toks, ()))
        if not seen:
            for t in prefix(toks):
                seen.update(index.get(t, ())[:MAX_POSTING])
        for nid in seen:
            sim = jaccard(toks, new_tokens[nid])
            if sim >= floor:
                out.append((oid, nid, sim))
    return out


def _assign(
    pairs: Sequence[tuple[str, str, float]],
    old_nb: Neighbours,
    new_nb: Neighbours,
    mapped: Callable[[str], str],
) -> dict[str, tuple[str, float]]:
    scored: list[tuple[float, str, str]] = []
    for oid, nid, text_sim in pairs:
        conn = jaccard({(role, mapped(x)) for role, x in old_nb[oid]}, new_nb[nid])
        score = TEXT_WEIGHT * text_sim + (1 - TEXT_WEIGHT) * conn
        if score >= THRESHOLD:
            scored.append((score, oid, nid))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    out: dict[str, tuple[str, float]] = {}
    taken: set[str] = set()
    for score, oid, nid in scored:
        if oid in out or nid in taken:
            continue
        out[oid] = (nid, score)
        taken.add(nid)
    return out


def detect_renames(
    old: ArgumentMap, new: ArgumentMap, gone: Iterable[str], fresh: Iterable[str]
) -> dict[str, tuple[str, float]]:
    """Old id -> (new id, score) for each removed claim recognised as renamed."""
    gone_set, fresh_set = set(gone), set(fresh)
    old_tokens = {c.id: tokens(c.text) for c in old.claims if c.id in gone_set}
    new_tokens = {c.id: tokens(c.text) for c in new.claims if c.id in fresh_set}
    pairs = candidate_pairs(old_tokens, new_tokens)
    if not pairs:
        return {}
    old_nb = neighbours(old, {p[0] for p in pairs})
    new_nb = neighbours(new, {p[1] for p in pairs})

    def by_id(x: str) -> str:
        return x if x not in gone_set else "\0" + x  # unmatched: equals nothing new

    first = _assign(pairs, old_nb, new_nb, by_id)
    renames = {o: n for o, (n, _s) in first.items()}

    def through_renames(x: str) -> str:
        return renames.get(x, by_id(x))

    return _assign(pairs, old_nb, new_nb, through_renames)
