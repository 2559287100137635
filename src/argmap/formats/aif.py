"""AIF JSON (the Argument Interchange Format of AIFdb and OVA): import and export.

AIF is a graph of nodes (``nodeID``, ``text``, ``type``) and edges (``fromID``,
``toID``). Reading maps node types to the model (docs/formats.md has the full
table and what is lost):

- ``I`` (information) -> a claim. Its id is the nodeID when that is already a
  slug starting with a letter or ``_``, else ``n`` + the nodeID made a slug
  (``123`` -> ``n123``). Empty text becomes ``(empty)``.
- ``RA`` (inference) -> a support: its I-node premises, linked, support each
  I-node conclusion; one support per conclusion (ids ``n5``, or ``n5-1``,
  ``n5-2``... when there are several). Duplicate inferences (the same premises
  and conclusion) are merged into the first.
- ``CA`` (conflict) -> attacks from each I-node attacker: on an I-node, a
  rebuttal; on an RA node, an undercut of each of its supports. A conflict
  aimed at a CA, MA or PA node cannot be an attack in argmap and is dropped
  (and counted).
- ``MA`` (rephrase) -> rephrases; ``PA`` (preference) -> preferences between
  the claims, supports or attacks of its ends.
- ``L`` (locution) -> ``YA`` (illocution) -> ``I``: the speaker (from
  ``locutions``/``participants``, or an ``L`` text ``Name says '...'`` or
  ``Name : ...``) becomes a stakeholder who asserts (``Asserting``), endorses
  (``Agreeing``, ``Conceding``) or rejects (``Disagreeing``) the claim.
  Other illocutions and ``TA`` nodes carry no stance. A locution anchoring an
  ``RA`` or ``CA`` node through a ``YA`` (``Arguing``, ``Disagreeing``) is a
  quote on the support or attack: its speaker becomes a source, its text
  (without ``Name : ``) the quote. argmap writes a support's or attack's
  quotes that way.

Also accepts the OVA3 wrapper ``{"AIF": {...}, "OVA": ..., "text": ...}``.
:func:`read` returns the map with counts of what could not be represented.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from argmap import ids as id_rules
from argmap.errors import MapError, Problem
from argmap.formats import _sniff
from argmap.formats.json_native import parse_json
from argmap.formats.registry import Format
from argmap.ids import (
    ID_MAX,
    IdPool,
    attack_id,
    preference_id,
    rephrase_id,
    support_id,
)
from argmap.model import (
    Anchor,
    ArgumentMap,
    Attack,
    AttackKind,
    Claim,
    Preference,
    Rephrase,
    Source,
    Stakeholder,
    StakeholderKind,
    Stance,
    StanceKind,
    Support,
)

__all__ = ["FORMAT", "AifImport", "dumps", "loads", "losses", "read", "slug"]

EMPTY_TEXT = "(empty)"
"""The text given to a claim whose I-node has none (argmap claims need text)."""

_SPEAKER_SAYS = re.compile(r"^\s*(.+?)\s+says\s+['\"]", re.DOTALL)
_SPEAKER_COLON = re.compile(r"^\s*([^:\n]{1,80}?)\s*:\s")

_ILLOCUTION_STANCE = {
    "asserting": StanceKind.ASSERTS,
    "default illocuting": StanceKind.ASSERTS,
    "restating": StanceKind.ASSERTS,
    "arguing": StanceKind.ASSERTS,
    "agreeing": StanceKind.ENDORSES,
    "conceding": StanceKind.ENDORSES,
    "disagreeing": StanceKind.REJECTS,
}
_STANCE_ILLOCUTION = {
    StanceKind.ASSERTS: "Asserting",
    StanceKind.ENDORSES: "Agreeing",
    StanceKind.REJECTS: "Disagreeing",
}
_DEFAULT_TEXT = {
    "RA": "Default Inference",
    "CA": "Default Conflict",
    "MA": "Default Rephrase",
    "PA": "Default Preference",
}


def slug(raw: str, prefix: str) -> str:
    """An argmap id for a foreign id: kept when already a slug starting with a
    letter or ``_``, else ``prefix`` + the id with other characters as ``-``."""
    return id_rules.slug(raw, prefix=prefix, fallback=prefix, digits=False)


_Ids = IdPool  # linear in clashes, ids cut to ID_MAX


@dataclass(frozen=True, slots=True)
class AifImport:
    """An imported map and counts of what AIF had that argmap could not keep."""

    map: ArgumentMap
    dropped: dict[str, int] = field(default_factory=dict)

    def notes(self) -> list[str]:
        """One line per kind of loss, for users (empty when nothing was lost)."""
        return [f"{n} {what}" for what, n in sorted(self.dropped.items())]


class _Reader:
    """One AIF graph read into a map, one step per node kind.

    :meth:`graph` indexes the nodes and edges; then I-nodes become claims, RA
    nodes supports, CA nodes rebuttals and undercuts, MA nodes rephrases, PA
    nodes preferences, and locutions with YA illocutions stakeholders, stances
    and relation quotes. What argmap cannot keep is counted in ``dropped``.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.dropped: Counter[str] = Counter()
        self.types: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self.schemes: dict[str, str | None] = {}
        self.order: list[str] = []
        self.ins: dict[str, list[str]] = {}
        self.outs: dict[str, list[str]] = {}
        self.ids = _Ids()
        self.claim_of: dict[str, str] = {}  # I-node -> claim id
        self.supports_of: dict[str, list[str]] = {}  # RA node -> support ids
        self.attacks_of: dict[str, list[str]] = {}  # CA node -> attack ids

    def fail(self, where: str, message: str) -> MapError:
        return MapError([Problem(self.path, None, None, f"{where}: {message}")])

    def read(self, data: Any) -> ArgumentMap:
        data = self.graph(data)
        claims = self.i_nodes()
        supports = self.ra_nodes()
        attacks = self.ca_nodes()
        rephrases = self.ma_nodes()
        preferences = self.pa_nodes()
        t, x, o, i, u = self.types, self.texts, self.order, self.ins, self.outs
        stakeholders, stances = self.dialogue(data, t, x, o, i, u, self.claim_of, self.ids)
        sources, quotes = self.relation_quotes(
            data, t, x, o, i, u, self.supports_of, self.attacks_of, self.ids
        )
        if quotes:
            supports = [replace(s, anchors=tuple(quotes.get(s.id, ()))) for s in supports]
            attacks = [replace(a, anchors=tuple(quotes.get(a.id, ()))) for a in attacks]
        for nid in self.order:
            if self.types[nid] not in ("I", "RA", "CA", "MA", "PA", "L", "YA", "TA"):
                self.dropped[f"{self.types[nid]} nodes ignored"] += 1
        return ArgumentMap(
            title=_title(self.path),
            sources=tuple(sources),
            stakeholders=tuple(stakeholders),
            claims=tuple(claims),
            supports=tuple(supports),
            attacks=tuple(attacks),
            stances=tuple(stances),
            rephrases=tuple(rephrases),
            preferences=tuple(preferences),
        )

    def graph(self, data: Any) -> dict[str, Any]:
        """Checks the top level and indexes nodes and edges; the AIF object."""
        if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
            data = data["AIF"]
            where = "$.AIF"
        else:
            where = "$"
        if not isinstance(data, dict):
            raise self.fail(where, "AIF must be a JSON object with 'nodes' and 'edges'")
        nodes = data.get("nodes")
        edges = data.get("edges")
        if not isinstance(nodes, list):
            raise self.fail(where, "AIF needs a 'nodes' list (is this an AIF file?)")
        if edges is None:
            edges = []
        if not isinstance(edges, list):
            raise self.fail(f"{where}.edges", "'edges' must be a list")
        for i, node in enumerate(nodes):
            self.node(f"{where}.nodes[{i}]", node)
        linked: set[tuple[str, str]] = set()
        for i, edge in enumerate(edges):
            a, b = self.edge(f"{where}.edges[{i}]", edge)
            if (a, b) not in linked:
                linked.add((a, b))
                self.outs.setdefault(a, []).append(b)
                self.ins.setdefault(b, []).append(a)
        return data

    def node(self, at: str, node: Any) -> None:
        if not isinstance(node, dict):
            raise self.fail(at, "a node must be an object")
        nid = _node_id(node.get("nodeID"))
        if nid is None:
            raise self.fail(at, "missing or invalid 'nodeID' (a string or a number)")
        if nid in self.types:
            raise self.fail(f"{at}.nodeID", f"duplicate nodeID {nid!r}")
        kind = node.get("type")
        if not isinstance(kind, str) or not kind:
            raise self.fail(f"{at}.type", "missing or invalid 'type' (I, RA, CA, MA, PA, ...)")
        text = node.get("text")
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise self.fail(f"{at}.text", "'text' must be a string")
        scheme = node.get("scheme")
        self.types[nid] = kind.upper()
        self.texts[nid] = text
        self.schemes[nid] = scheme if isinstance(scheme, str) and scheme.strip() else None
        self.order.append(nid)

    def edge(self, at: str, edge: Any) -> tuple[str, str]:
        if not isinstance(edge, dict):
            raise self.fail(at, "an edge must be an object")
        a = _node_id(edge.get("fromID"))
        b = _node_id(edge.get("toID"))
        for key, end in (("fromID", a), ("toID", b)):
            if end is None:
                raise self.fail(f"{at}.{key}", f"missing or invalid {key!r}")
            if end not in self.types:
                raise self.fail(f"{at}.{key}", f"unknown node {end!r}")
        assert a is not None and b is not None
        return a, b

    def of_type(self, kind: str) -> list[str]:
        """The nodes of one type, in file order."""
        return [nid for nid in self.order if self.types[nid] == kind]

    def relation_id(self, nid: str, derived: str, n: int | None) -> tuple[str, bool]:
        """The id of an item made from S-node ``nid`` (the ``n``-th, when the
        node makes several) and whether it is explicit: the derived id when the
        nodeID is the derived form (argmap's own export), else a slug of it."""
        if nid == derived and derived not in self.ids.used:
            self.ids.used.add(derived)
            return derived, False
        base = slug(nid, "n")
        return self.ids.take(base if n is None else f"{base}-{n}"), True

    def i_nodes(self) -> list[Claim]:
        """Each I-node becomes a claim (an empty text becomes ``(empty)``)."""
        claims: list[Claim] = []
        for nid in self.of_type("I"):
            cid = self.ids.take(slug(nid, "n"))
            self.claim_of[nid] = cid
            text = self.texts[nid]
            if not text.strip():
                self.dropped["empty I-node texts given the text '(empty)'"] += 1
                text = EMPTY_TEXT
            claims.append(Claim(cid, text))
        return claims

    def ra_nodes(self) -> list[Support]:
        """Each RA node becomes one support per conclusion."""
        supports: list[Support] = []
        seen: dict[tuple[frozenset[str], str], str] = {}
        claim_of = self.claim_of
        for nid in self.of_type("RA"):
            ins, outs = self.ins.get(nid, ()), self.outs.get(nid, ())
            premises = [claim_of[p] for p in ins if p in claim_of]
            conclusions = [claim_of[c] for c in outs if c in claim_of]
            others = [x for x in (*ins, *outs) if x not in claim_of]
            self.dropped["links between an RA node and a non-I node (other than CA and PA)"] += sum(
                1 for x in others if self.types[x] not in ("CA", "PA", "YA")
            )
            if not premises or not conclusions:
                self.dropped["RA nodes without an I-node premise and conclusion"] += 1
                continue
            made: list[str] = []
            for n, conclusion in enumerate(conclusions, start=1):
                if conclusion in premises:
                    self.dropped["inferences of a claim from itself"] += 1
                    continue
                identity = (frozenset(premises), conclusion)
                if identity in seen:
                    self.dropped["duplicate inferences merged"] += 1
                    made.append(seen[identity])
                    continue
                derived = support_id(premises, conclusion)
                sid, explicit = self.relation_id(nid, derived, None if len(conclusions) == 1 else n)
                seen[identity] = sid
                made.append(sid)
                scheme = _scheme(nid, self.schemes, self.texts)
                supports.append(
                    Support(sid, tuple(premises), conclusion, scheme=scheme, explicit_id=explicit)
                )
            self.supports_of[nid] = made
        return supports

    def ca_nodes(self) -> list[Attack]:
        """Each CA node becomes an attack per attacker and aim: a rebuttal of a
        claim, or an undercut of the supports an RA node became."""
        attacks: list[Attack] = []
        seen: set[tuple[str, str]] = set()
        for nid in self.of_type("CA"):
            attackers = [self.claim_of[p] for p in self.ins.get(nid, ()) if p in self.claim_of]
            aims = self.aims(nid)
            if not attackers or not aims:
                if not attackers:
                    self.dropped["CA nodes without an I-node attacker dropped"] += 1
                continue
            several = len(attackers) * len(aims) > 1
            made: list[str] = []
            pairs = [(a, t, kind) for a in attackers for t, kind in aims]
            for n, (attacker, target, kind) in enumerate(pairs, start=1):
                if attacker == target:
                    self.dropped["attacks of a claim on itself dropped"] += 1
                    continue
                if (attacker, target) in seen:
                    self.dropped["duplicate attacks merged"] += 1
                    continue
                seen.add((attacker, target))
                derived = attack_id(attacker, target)
                aid, explicit = self.relation_id(nid, derived, n if several else None)
                attacks.append(Attack(aid, attacker, target, kind, explicit_id=explicit))
                made.append(aid)
            self.attacks_of[nid] = made
        return attacks

    def aims(self, nid: str) -> list[tuple[str, AttackKind]]:
        """What a CA node attacks: claims (rebuttals) and supports (undercuts)."""
        aims: list[tuple[str, AttackKind]] = []
        for t in self.outs.get(nid, ()):
            if t in self.claim_of:
                aims.append((self.claim_of[t], AttackKind.REBUTS))
            elif self.types[t] == "RA":
                if not self.supports_of.get(t):
                    self.dropped["conflicts aimed at a dropped RA node dropped"] += 1
                aims.extend((s, AttackKind.UNDERCUTS) for s in self.supports_of.get(t, ()))
            elif self.types[t] in ("CA", "MA", "PA"):
                self.dropped[f"conflicts aimed at a {self.types[t]} node dropped"] += 1
        return aims

    def ma_nodes(self) -> list[Rephrase]:
        """Each MA node becomes a rephrase per pair of I-node ends."""
        rephrases: list[Rephrase] = []
        claim_of = self.claim_of
        for nid in self.of_type("MA"):
            pairs = [
                (claim_of[a], claim_of[b])
                for a in self.ins.get(nid, ())
                if a in claim_of
                for b in self.outs.get(nid, ())
                if b in claim_of and claim_of[a] != claim_of[b]
            ]
            if not pairs:
                self.dropped["MA nodes without two I-node ends dropped"] += 1
            for n, (a, b) in enumerate(pairs, start=1):
                rid, _ = self.relation_id(nid, rephrase_id(a, b), None if len(pairs) == 1 else n)
                rephrases.append(Rephrase(rid, a, b))
        return rephrases

    def items(self, node: str) -> list[str]:
        """The claim, supports or attacks a node became."""
        if node in self.claim_of:
            return [self.claim_of[node]]
        return self.supports_of.get(node) or self.attacks_of.get(node) or []

    def pa_nodes(self) -> list[Preference]:
        """Each PA node becomes a preference per preferred and dispreferred item."""
        preferences: list[Preference] = []
        for nid in self.of_type("PA"):
            pairs = [
                (a, b)
                for x in self.ins.get(nid, ())
                for a in self.items(x)
                for y in self.outs.get(nid, ())
                for b in self.items(y)
                if a != b
            ]
            if not pairs:
                self.dropped["PA nodes without a preferred and a dispreferred item dropped"] += 1
            for n, (a, b) in enumerate(pairs, start=1):
                pid, _ = self.relation_id(nid, preference_id(a, b), None if len(pairs) == 1 else n)
                preferences.append(Preference(pid, a, b))
        return preferences

    def relation_quotes(
        self,
        data: dict[str, Any],
        types: dict[str, str],
        texts: dict[str, str],
        order: list[str],
        ins: dict[str, list[str]],
        outs: dict[str, list[str]],
        supports_of: dict[str, list[str]],
        attacks_of: dict[str, list[str]],
        ids: _Ids,
    ) -> tuple[list[Source], dict[str, list[Anchor]]]:
        """Locutions anchoring an inference or a conflict (L -> YA -> RA/CA) as
        quotes on its supports or attacks; each speaker becomes a source."""
        speaker_of = _speakers(data)
        made: dict[str, str] = {}  # speaker key -> source id
        sources: list[Source] = []
        quotes: dict[str, list[Anchor]] = {}
        for nid in order:
            if types[nid] != "YA":
                continue
            items = [
                x for t in outs.get(nid, ()) for x in supports_of.get(t) or attacks_of.get(t) or ()
            ]
            if not items:
                continue
            for loc in (x for x in ins.get(nid, ()) if types[x] == "L"):
                who = speaker_of.get(loc) or _speaker(texts[loc])
                if who is None:
                    self.dropped["locutions without a speaker"] += 1
                    continue
                key, name = who
                quote = _said(texts[loc], name)
                if not quote:
                    continue
                if key not in made:
                    made[key] = ids.take(slug(key, "p") if key != name else _name_slug(name))
                    sources.append(Source(made[key], name))
                for item in items:
                    quotes.setdefault(item, []).append(Anchor(made[key], quote))
        return sources, quotes

    def dialogue(
        self,
        data: dict[str, Any],
        types: dict[str, str],
        texts: dict[str, str],
        order: list[str],
        ins: dict[str, list[str]],
        outs: dict[str, list[str]],
        claim_of: dict[str, str],
        ids: _Ids,
    ) -> tuple[list[Stakeholder], list[Stance]]:
        speaker_of = _speakers(data)
        holders: dict[str, str] = {}  # person key -> stakeholder id
        stakeholders: list[Stakeholder] = []
        stances: list[Stance] = []
        seen: set[tuple[str, str]] = set()
        for nid in order:
            if types[nid] != "YA":
                continue
            sources = [x for x in ins.get(nid, ()) if types[x] == "L"]
            targets = [claim_of[x] for x in outs.get(nid, ()) if x in claim_of]
            if not sources or not targets:
                continue
            verb = _illocution(texts[nid])
            if verb is None:
                self.dropped["illocutions that are not a stance (questioning, ...)"] += 1
                continue
            for loc in sources:
                who = speaker_of.get(loc) or _speaker(texts[loc])
                if who is None:
                    self.dropped["locutions without a speaker"] += 1
                    continue
                key, name = who
                if key not in holders:
                    holders[key] = ids.take(slug(key, "p") if key != name else _name_slug(name))
                    stakeholders.append(Stakeholder(holders[key], name, StakeholderKind.PERSON))
                holder = holders[key]
                for claim in targets:
                    if (holder, claim) in seen:
                        self.dropped["repeated stances of a speaker on a claim merged"] += 1
                        continue
                    seen.add((holder, claim))
                    stances.append(Stance(holder, claim, verb))
        return stakeholders, stances


def _node_id(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value:
        return value
    return None


def _scheme(nid: str, schemes: dict[str, str | None], texts: dict[str, str]) -> str | None:
    if schemes[nid]:
        return schemes[nid]
    text = texts[nid].strip()
    if text and text not in ("RA", "Default Inference"):
        return text
    return None


def _illocution(text: str) -> StanceKind | None:
    key = text.strip().lower()
    if not key or key.startswith("ya_"):
        return StanceKind.ASSERTS  # AraucariaDB writes a hash for plain assertions
    return _ILLOCUTION_STANCE.get(key)


def _participants(value: Any) -> dict[str, str]:
    people: dict[str, str] = {}
    if not isinstance(value, list):
        return people
    for person in value:
        if not isinstance(person, dict):
            continue
        pid = _node_id(person.get("participantID"))
        if pid is None:
            continue
        parts = [person.get("firstname"), person.get("surname")]
        name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
        people[pid] = name or pid
    return people


def _speakers(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Locution node id -> (person key, name), from ``locutions`` and ``participants``."""
    people = _participants(data.get("participants"))
    speaker_of: dict[str, tuple[str, str]] = {}
    locutions = data.get("locutions")
    if isinstance(locutions, list):
        for loc in locutions:
            if not isinstance(loc, dict):
                continue
            nid = _node_id(loc.get("nodeID"))
            pid = _node_id(loc.get("personID"))
            if nid is not None and pid is not None:
                speaker_of[nid] = (pid, people.get(pid, pid))
    return speaker_of


def _said(text: str, name: str) -> str:
    """What a locution says, without its ``Name : `` prefix."""
    for prefix in (f"{name} : ", f"{name}: "):
        if text.startswith(prefix):
            return text[len(prefix) :].strip()
    m = _SPEAKER_COLON.match(text)
    return (text[m.end() :] if m else text).strip()


def _speaker(text: str) -> tuple[str, str] | None:
    for pattern in (_SPEAKER_SAYS, _SPEAKER_COLON):
        m = pattern.match(text)
        if m:
            name = m.group(1).strip()
            return name, name
    return None


def _name_slug(name: str) -> str:
    cleaned = id_rules.clean(name.strip().lower())
    if not cleaned or not (cleaned[0].isalpha() or cleaned[0] == "_"):
        cleaned = "p-" + cleaned if cleaned else "speaker"
    return cleaned[:ID_MAX]


def _title(path: str) -> str:
    if path.startswith("<"):
        return "AIF import"
    name = Path(path).name
    for suffix in (".aif.json", ".json"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or name
    return name


def read(text: str, path: str = "<string>") -> AifImport:
    """Import AIF JSON text, with counts of what could not be represented."""
    data = parse_json(text, path)
    reader = _Reader(path)
    amap = reader.read(data)
    return AifImport(amap, {k: v for k, v in sorted(reader.dropped.items()) if v})


def loads(text: str, path: str = "<string>") -> ArgumentMap:
    """Import AIF JSON text (AIFdb or OVA3) as a map; see the module docstring."""
    return read(text, path).map


# --------------------------------------------------------------------------- export


def dumps(amap: ArgumentMap) -> str:
    """Write a map as AIF JSON (AIFdb layout: nodes, edges, locutions, participants).

    Node ids are the argmap ids, so importing the result gives the same ids.
    Dialogue nodes for stances get ids with ``#``, which no argmap id contains.
    One node or edge per line; deterministic.
    """
    q = encode_basestring  # a JSON string literal, non-ASCII kept
    nodes: list[str] = []
    edges: list[str] = []
    add_node = nodes.append
    add_edge = edges.append
    e = 0
    for c in amap.claims:
        add_node(f'{{"nodeID": {q(c.id)}, "text": {q(c.text)}, "type": "I"}}')
    for s in amap.supports:
        sid = q(s.id)
        if s.scheme:
            scheme = q(s.scheme)
            add_node(f'{{"nodeID": {sid}, "text": {scheme}, "type": "RA", "scheme": {scheme}}}')
        else:
            add_node(f'{{"nodeID": {sid}, "text": "Default Inference", "type": "RA"}}')
        for p in s.premises:
            e += 1
            add_edge(f'{{"edgeID": "{e}", "fromID": {q(p)}, "toID": {sid}}}')
        e += 1
        add_edge(f'{{"edgeID": "{e}", "fromID": {sid}, "toID": {q(s.conclusion)}}}')
    pairs: list[tuple[str, str, str, str, str]] = [
        (a.id, "CA", _DEFAULT_TEXT["CA"], a.attacker, a.target) for a in amap.attacks
    ]
    pairs.extend(
        (r.id, "MA", _DEFAULT_TEXT["MA"], r.original, r.restatement) for r in amap.rephrases
    )
    pairs.extend((p.id, "PA", _DEFAULT_TEXT["PA"], p.preferred, p.over) for p in amap.preferences)
    for nid, kind, text, first, second in pairs:
        node_id = q(nid)
        add_node(f'{{"nodeID": {node_id}, "text": "{text}", "type": "{kind}"}}')
        add_edge(f'{{"edgeID": "{e + 1}", "fromID": {q(first)}, "toID": {node_id}}}')
        add_edge(f'{{"edgeID": "{e + 2}", "fromID": {node_id}, "toID": {q(second)}}}')
        e += 2
    locutions: list[str] = []
    texts = {c.id: c.text for c in amap.claims} if amap.stances else {}
    names = {h.id: h.name for h in amap.stakeholders}
    for n, st in enumerate(amap.stances, start=1):
        loc, ya = f'"L#{n}"', f'"YA#{n}"'
        said = q(f"{names[st.stakeholder]} : {texts[st.claim]}")
        add_node(f'{{"nodeID": {loc}, "text": {said}, "type": "L"}}')
        add_node(f'{{"nodeID": {ya}, "text": "{_STANCE_ILLOCUTION[st.kind]}", "type": "YA"}}')
        add_edge(f'{{"edgeID": "{e + 1}", "fromID": {loc}, "toID": {ya}}}')
        add_edge(f'{{"edgeID": "{e + 2}", "fromID": {ya}, "toID": {q(st.claim)}}}')
        e += 2
        locutions.append(f'{{"nodeID": {loc}, "personID": {q(st.stakeholder)}}}')
    # A quote on a support or attack: the source's locution anchoring the
    # inference (YA "Arguing") or the conflict (YA "Disagreeing").
    titles = {src.id: src.title for src in amap.sources}
    quoted: set[str] = set()
    n = len(amap.stances)
    relations: list[tuple[Support | Attack, str]] = [(s, "Arguing") for s in amap.supports]
    relations.extend((a, "Disagreeing") for a in amap.attacks)
    for item, illocution in relations:
        for anchor in item.anchors:
            n += 1
            loc, ya = f'"L#{n}"', f'"YA#{n}"'
            said = q(f"{titles.get(anchor.source, anchor.source)} : {anchor.quote}")
            add_node(f'{{"nodeID": {loc}, "text": {said}, "type": "L"}}')
            add_node(f'{{"nodeID": {ya}, "text": "{illocution}", "type": "YA"}}')
            add_edge(f'{{"edgeID": "{e + 1}", "fromID": {loc}, "toID": {ya}}}')
            add_edge(f'{{"edgeID": "{e + 2}", "fromID": {ya}, "toID": {q(item.id)}}}')
            e += 2
            locutions.append(f'{{"nodeID": {loc}, "personID": {q(anchor.source)}}}')
            quoted.add(anchor.source)
    speakers = {st.stakeholder for st in amap.stances}
    participants = [
        f'{{"participantID": {q(h.id)}, "firstname": {q(h.name)}, "surname": ""}}'
        for h in amap.stakeholders
        if h.id in speakers
    ]
    participants.extend(
        f'{{"participantID": {q(src.id)}, "firstname": {q(src.title)}, "surname": ""}}'
        for src in amap.sources
        if src.id in quoted
    )

    def section(name: str, items: list[str], last: bool = False) -> str:
        end = "" if last else ","
        if not items:
            return f'  "{name}": []{end}'
        return f'  "{name}": [\n    ' + ",\n    ".join(items) + f"\n  ]{end}"

    return (
        "{\n"
        + section("nodes", nodes)
        + "\n"
        + section("edges", edges)
        + "\n"
        + section("locutions", locutions)
        + "\n"
        + section("participants", participants, last=True)
        + "\n}\n"
    )


def losses(amap: ArgumentMap) -> list[str]:
    """What :func:`dumps` cannot write of the source quotes, hedges and inferences.

    AIF writes a support's or attack's quotes as locutions; it has no place for
    a claim's quotes (a locution asserting an I-node would make the source a
    speaker taking a stance), a stance's quotes, hedges or ``inferred`` reasons.
    """
    relations: list[Support | Attack | Stance] = [*amap.supports, *amap.attacks, *amap.stances]
    hedged = sum(1 for c in amap.claims if c.hedge is not None)
    hedged += sum(1 for x in relations if x.hedge is not None)
    counts = (
        (sum(len(c.anchors) for c in amap.claims), "quotes of claims"),
        (sum(len(s.anchors) for s in amap.stances), "quotes of stances"),
        (hedged, "hedges"),
        (sum(1 for x in relations if x.inferred is not None), "inferred reasons"),
    )
    return [f"{n} {what} not written: AIF has no place for them" for n, what in counts if n]


FORMAT = Format(
    name="aif",
    description="AIF JSON (AIFdb, OVA3): I/RA/CA/MA/PA nodes and locutions",
    suffixes=(".aif.json", ".json"),
    loads=loads,
    dumps=dumps,
    sniff=_sniff.aif,
    losses=losses,
)
