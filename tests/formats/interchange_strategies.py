"""A hypothesis strategy for small valid maps, shared by the interchange format tests."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from argmap.formats import json_native
from argmap.model import ArgumentMap

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() == t and t != "")


@st.composite
def maps(draw: st.DrawFn, text: st.SearchStrategy[str] = _TEXT) -> ArgumentMap:
    """A valid map with claims, supports (some linked), attacks (some undercuts),
    stakeholders with stances, rephrases and preferences; ids unique slugs."""
    n = draw(st.integers(1, 6))
    claims = [f"c{i}" for i in range(n)]
    data: dict[str, Any] = {
        "argmap": 1,
        "title": draw(text),
        "claims": [
            {"id": c, "text": draw(text)}
            | ({"kind": draw(st.sampled_from(["value", "policy"]))} if draw(st.booleans()) else {})
            for c in claims
        ],
    }
    supports: list[dict[str, Any]] = []
    support_ids: list[str] = []
    seen: set[tuple[frozenset[str], str]] = set()
    if n > 1:
        for i in range(draw(st.integers(0, 4))):
            conclusion = draw(st.sampled_from(claims))
            others = [c for c in claims if c != conclusion]
            premises = draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True))
            if (frozenset(premises), conclusion) in seen:
                continue
            seen.add((frozenset(premises), conclusion))
            item: dict[str, Any] = {"from": premises if len(premises) > 1 else premises[0]}
            item["to"] = conclusion
            if draw(st.booleans()):
                item["id"] = f"s{i}"
                support_ids.append(f"s{i}")
            else:
                support_ids.append("+".join(premises) + ">" + conclusion)
            if draw(st.booleans()):
                item["scheme"] = draw(st.sampled_from(["Example", "ExpertOpinion"]))
            supports.append(item)
    attacks: list[dict[str, Any]] = []
    pairs: set[tuple[str, str]] = set()
    if n > 1:
        for i in range(draw(st.integers(0, 4))):
            attacker = draw(st.sampled_from(claims))
            target = draw(st.sampled_from([c for c in claims if c != attacker] + support_ids))
            if (attacker, target) in pairs:
                continue
            pairs.add((attacker, target))
            item = {"from": attacker, "to": target}
            if draw(st.booleans()):
                item["id"] = f"a{i}"
            attacks.append(item)
    holders = [f"h{i}" for i in range(draw(st.integers(0, 3)))]
    stances = []
    for h in holders:
        for c in draw(st.lists(st.sampled_from(claims), unique=True, max_size=3)):
            verb = draw(st.sampled_from(["asserts", "endorses", "rejects"]))
            stances.append({"stakeholder": h, verb: c})
    if holders:
        data["stakeholders"] = [{"id": h, "name": draw(text)} for h in holders]
    rephrases = []
    if n > 1 and draw(st.booleans()):
        a, b = draw(st.lists(st.sampled_from(claims), min_size=2, max_size=2, unique=True))
        rephrases.append({"from": a, "to": b})
    preferences = []
    if n > 1 and draw(st.booleans()):
        a, b = draw(st.lists(st.sampled_from(claims), min_size=2, max_size=2, unique=True))
        preferences.append({"id": "pref", "prefer": a, "over": b})
    for key, items in (
        ("supports", supports),
        ("attacks", attacks),
        ("stances", stances),
        ("rephrases", rephrases),
        ("preferences", preferences),
    ):
        if items:
            data[key] = items
    return json_native.loads(json.dumps(data))
