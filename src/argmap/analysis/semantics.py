"""Which claims stand: formal evaluation of a map, with a reason for every verdict.

Preconditions: a consistent map (as loaded). The map is translated into an
abstract framework by :mod:`argmap.analysis.structured` (which documents how
supports, linked premises and undercuts count) and labelled by
:mod:`argmap.analysis.af`. Under semantics with several extensions a claim is
labelled in (out) when it is in (out) in every extension, otherwise undecided;
stable semantics on a map with no stable extension labels everything undecided.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from argmap._gc import paused_gc
from argmap.analysis import af as _af
from argmap.analysis.af import Label, Semantics
from argmap.analysis.structured import StructuredFramework, build, no_reason
from argmap.errors import ArgmapError, UnknownIdError
from argmap.model import ArgumentMap, AttackKind, Claim, StanceKind

SEMANTICS = tuple(s.value for s in Semantics)
"""The semantics names :func:`label_claims` and :func:`evaluate` accept."""

EXTENSION_LIMIT = 64
"""At most this many extensions are listed; beyond it labels are decided one by one."""


def _semantics(name: str) -> Semantics:
    try:
        return Semantics(name)
    except ValueError:
        raise ArgmapError(
            f"unknown semantics {name!r} (known: {', '.join((*SEMANTICS, 'carneades'))})"
        ) from None


def label_claims(amap: ArgumentMap, semantics: str = "grounded") -> dict[str, str]:
    """Claim id -> "in" / "out" / "undecided" under the semantics, in map order.

    ``semantics``: one of :data:`SEMANTICS`, or ``"carneades"`` for Carneades'
    rules (:mod:`argmap.analysis.carneades`).
    """
    if semantics == "carneades":
        from argmap.analysis import carneades

        return carneades.label_claims(amap)
    sf = build(amap)
    result = _af.labelling(sf.af, _semantics(semantics), limit=EXTENSION_LIMIT)
    return {c: str(result.labels[sf.node(c)]) for c in sf.claims}


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Labels and reasons for every claim and support under one semantics.

    ``extensions`` lists the claims in each extension (None when there were too
    many to list); ``given`` are the claims accepted as given (``--from``);
    ``stable_exists`` is False for stable semantics with no stable extension;
    ``credulous`` and ``sceptical`` say, for every claim, whether it is in
    some extension and in every one (vacuously, when there is none).
    """

    semantics: str
    labels: dict[str, str]
    support_labels: dict[str, str]
    reasons: dict[str, str]
    extensions: list[list[str]] | None
    given: tuple[str, ...] = ()
    stakeholder: str | None = None
    stable_exists: bool = True
    support_reasons: dict[str, str] = field(default_factory=dict)
    credulous: dict[str, bool] = field(default_factory=dict)
    sceptical: dict[str, bool] = field(default_factory=dict)


def given_by(amap: ArgumentMap, stakeholder: str) -> tuple[str, ...]:
    """The claims a stakeholder asserts or endorses, in map order."""
    amap.require_stakeholder(stakeholder)
    held = {
        s.claim
        for s in amap.stances_of(stakeholder)
        if s.kind in (StanceKind.ASSERTS, StanceKind.ENDORSES)
    }
    return tuple(c.id for c in amap.claims if c.id in held)


WORDS_WIDTH = 50
"""A claim cited in a worded reason by text (it has no label) is cut to this many characters."""


def short_words(text: str, width: int = WORDS_WIDTH) -> str:
    """Text on one line, cut at a word boundary to at most ``width`` characters
    (with an ellipsis), without a final full stop."""
    if len(text) <= width and " " not in text and text.isprintable() and text[-1:] != ".":
        return text  # one word that fits (printable text has no space but " ")
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "\u2026"


class _Memo(dict[str, str]):
    """Values made on first asking, by ``make``, and kept."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> str:
        value = self[key] = self.make(key)
        return value


def item_words(amap: ArgumentMap) -> Callable[[str], str]:
    """How a worded reason cites an item: a claim by its label (or its text,
    shortened) in quotation marks, a support by its premises."""
    claims = {c.id: c for c in amap.claims}
    supports = {s.id: s for s in amap.supports}

    def claim(c: Claim) -> str:
        return "\u201c" + (c.label or short_words(c.text)) + "\u201d"

    def words(item: str) -> str:
        c = claims.get(item)
        if c is not None:
            return claim(c)
        if item in supports:
            return " + ".join(claim(claims[p]) for p in supports[item].premises)
        return item

    # a claim is cited in the reasons of all it attacks: each is worded once
    return _Memo(words).__getitem__


def evaluate(
    amap: ArgumentMap,
    semantics: str = "grounded",
    *,
    given: Iterable[str] = (),
    stakeholder: str | None = None,
    words: bool = False,
) -> Evaluation:
    """Label every claim and support and say why.

    ``stakeholder``: accept that stakeholder's asserted and endorsed claims as
    given (they need no reason and no rebuttal defeats them); ``given`` adds
    claims to accept the same way. The reasons cite claims and supports by
    id, or with ``words`` in words (:func:`item_words`), for people to read.
    """
    sem = _semantics(semantics)
    given_ids = list(given)
    known_claims = [c.id for c in amap.claims]
    for g in given_ids:
        if not amap.has_claim(g):
            raise UnknownIdError("claim", g, known_claims)
    if stakeholder is not None:
        given_ids.extend(given_by(amap, stakeholder))
    with paused_gc():
        return _evaluate(amap, sem, given_ids, stakeholder, words)


def _evaluate(
    amap: ArgumentMap,
    sem: Semantics,
    given_ids: list[str],
    stakeholder: str | None,
    words: bool = False,
) -> Evaluation:
    sf = build(amap, given_ids)
    result = _af.labelling(sf.af, sem, limit=EXTENSION_LIMIT)
    count = len(result.extensions) if result.extensions is not None else None
    explainer = _Explainer(
        amap, sf, result.labels, sem, result.exists, item_words(amap) if words else None, count
    )
    known_claims = [c.id for c in amap.claims]
    extensions = None
    if result.extensions is not None:
        claim_nodes = {sf.node(c): c for c in sf.claims}
        extensions = sorted(
            sorted(claim_nodes[i] for i in ext if i in claim_nodes) for ext in result.extensions
        )
    nodes = [sf.af.index[c] for c in sf.claims]
    labels, credulous, sceptical = result.labels, result.credulous, result.sceptical
    return Evaluation(
        semantics=str(sem),
        labels=dict(zip(sf.claims, [str(labels[i]) for i in nodes], strict=True)),
        support_labels={s: str(labels[sf.node(s)]) for s in sf.supports},
        reasons=explainer.claims(sf.claims),
        extensions=extensions,
        given=tuple(c for c in known_claims if c in sf.given),
        stakeholder=stakeholder,
        stable_exists=result.exists,
        support_reasons={s: explainer.support(s) for s in sf.supports},
        credulous=dict(zip(sf.claims, [credulous[i] for i in nodes], strict=True)),
        sceptical=dict(zip(sf.claims, [sceptical[i] for i in nodes], strict=True)),
    )


@dataclass(frozen=True, slots=True)
class Acceptance:
    """Credulous (in some extension) and sceptical (in every one) acceptance."""

    claim: str
    semantics: str
    credulous: bool
    sceptical: bool


def acceptance(
    amap: ArgumentMap, claim: str, semantics: str = "preferred", *, given: Iterable[str] = ()
) -> Acceptance:
    """Whether a claim is credulously and sceptically accepted under a semantics.

    ``given``: claims accepted as given, as in :func:`evaluate`.
    """
    amap.require_claim(claim)
    sem = _semantics(semantics)
    sf = build(amap, given)
    node = sf.node(claim)
    return Acceptance(
        claim, str(sem), _af.credulous(sf.af, node, sem), _af.sceptical(sf.af, node, sem)
    )


def _join(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class _ShortReasons(dict[str, str]):
    """Claim -> a one-clause reason for its label (used where another claim's
    reason cites it), worded on first asking."""

    __slots__ = ("given", "in_", "index", "labels", "many", "name", "presumed", "rebutters")

    def __init__(
        self,
        name: Callable[[str], str],
        labels: list[Label],
        index: dict[str, int],
        rebutters: dict[str, list[str]],
        in_: frozenset[str],
        sf: StructuredFramework,
        many: str,
    ) -> None:
        super().__init__()
        self.name, self.labels, self.index, self.rebutters = name, labels, index, rebutters
        self.in_, self.given, self.presumed, self.many = in_, sf.given, sf.presumed, many

    def __missing__(self, claim: str) -> str:
        value = self[claim] = self._reason(claim)
        return value

    def _reason(self, claim: str) -> str:
        lab = self.labels[self.index[claim]]
        attackers = self.rebutters.get(claim)
        if lab is Label.IN:
            if claim in self.given:
                return "it is accepted as given"
            if not attackers:
                if claim in self.presumed:
                    return "nothing attacks it"
                return "it has a reason that holds and nothing attacks it"
            return "every claim attacking it is out"
        if lab is Label.OUT:
            ins = list(filter(self.in_.__contains__, attackers)) if attackers else None
            if ins:
                return f"it is attacked by {_join(map(self.name, ins))}, which " + (
                    "is in" if len(ins) == 1 else "are in"
                )
            if claim not in self.presumed and self.labels[self.index[no_reason(claim)]] is Label.IN:
                return "none of its reasons holds"
            return f"every {self.many} accepts one of its attackers"
        return "its attackers or reasons are themselves undecided"


class _Cited(dict[str, str]):
    """Claim -> the claim as cited in another's reason: ``before``, its name,
    ``middle``, its short reason; worded on first asking."""

    __slots__ = ("before", "middle", "name", "short")

    def __init__(
        self, name: Callable[[str], str], short: _ShortReasons, before: str, middle: str
    ) -> None:
        super().__init__()
        self.name, self.short, self.before, self.middle = name, short, before, middle

    def __missing__(self, claim: str) -> str:
        value = self[claim] = self.before + self.name(claim) + self.middle + self.short[claim]
        return value


_NO_STABLE = "undecided because the map has no stable extension"


class _Explainer:
    """Builds the reason sentences from the labels of the translated framework."""

    def __init__(
        self,
        amap: ArgumentMap,
        sf: StructuredFramework,
        labels: list[Label],
        sem: Semantics,
        exists: bool,
        name: Callable[[str], str] | None = None,
        count: int | None = None,
    ) -> None:
        self.n: Callable[[str], str] = name or str
        self.amap = amap
        self.sf = sf
        self.labels = labels
        self.sem = sem
        self.exists = exists
        self.count = count  # how many extensions there are (None: not counted)
        self.index = sf.af.index
        self.no_stable = sem is Semantics.STABLE and not exists
        self.assumed = frozenset(c.id for c in amap.claims if c.assumed)
        self.rebutters: dict[str, list[str]] = {}
        self.undercutters: dict[str, list[str]] = {}
        rebutters, undercutters, given = self.rebutters, self.undercutters, sf.given
        rebuts = AttackKind.REBUTS
        for a in amap.attacks:
            if a.kind == rebuts:
                if a.target not in given:
                    got = rebutters.get(a.target)
                    if got is None:
                        rebutters[a.target] = [a.attacker]
                    else:
                        got.append(a.attacker)
            else:
                undercutters.setdefault(a.target, []).append(a.attacker)
        # each claim is cited, with its short reason, by every claim it attacks:
        # each is worded once (and none of these refers back to the explainer,
        # so all of it is freed with the evaluation, the collector paused or not)
        in_ = frozenset(n for n, lab in zip(sf.af.names, labels, strict=True) if lab is Label.IN)
        self._in = in_
        self._short = _ShortReasons(self.n, labels, self.index, rebutters, in_, sf, self._many())
        self._said = _Cited(self.n, self._short, "", " is out because ")
        self._said_in = _Cited(self.n, self._short, "it is attacked by ", ", which is in because ")
        self.reasons_for: dict[str, list[str]] = {}
        for s in amap.supports:
            self.reasons_for.setdefault(s.conclusion, []).append(s.id)

    def label(self, item: str) -> Label:
        return self.labels[self.index[item]]

    def _with(self, ids: list[str], label: Label) -> list[str]:
        labels, index = self.labels, self.index
        return [i for i in ids if labels[index[i]] is label]

    def _many(self) -> str:
        return f"{self.sem} extension"

    def short(self, claim: str) -> str:
        """A one-clause reason, used when a claim is cited in another's reason."""
        return self._short[claim]

    def claims(self, claims: Iterable[str]) -> dict[str, str]:
        """The full reason for each claim's label: :meth:`claim` of each, with
        the two commonest verdicts (in with no reason to cite, out because an
        attacker is in) worded in one pass."""
        if self.no_stable:
            return dict.fromkeys(claims, _NO_STABLE)
        labels, index, rebutters = self.labels, self.index, self.rebutters.get
        said, said_in, is_in = self._said.__getitem__, self._said_in.__getitem__, self._in
        plain = self.sf.presumed - self.sf.given - self.assumed
        in_, out = Label.IN, Label.OUT
        reasons: dict[str, str] = {}
        for c in claims:
            lab = labels[index[c]]
            if lab is in_:
                if c in plain:
                    attackers = rebutters(c)
                    reasons[c] = (
                        "in because every claim attacking it is out ("
                        + "; ".join(map(said, attackers))
                        + ")"
                        if attackers
                        else "in because nothing attacks it"
                    )
                    continue
            elif lab is out:
                attackers = rebutters(c)
                if attackers:
                    ins = list(filter(is_in.__contains__, attackers))
                    if ins:
                        reasons[c] = "out because " + "; and ".join(map(said_in, ins))
                        continue
            reasons[c] = self.claim(c)
        return reasons

    def claim(self, claim: str) -> str:
        """The full reason for a claim's label."""
        lab = self.labels[self.index[claim]]
        attackers = self.rebutters.get(claim, [])
        reasons = self.reasons_for.get(claim, [])
        if self.no_stable:
            return _NO_STABLE
        if lab is Label.IN:
            if claim in self.sf.given:
                return "in because it is accepted as given"
            parts: list[str] = []
            if claim in self.sf.presumed:
                if claim in self.assumed:
                    parts.append("it is assumed")
            else:
                good = self._with(reasons, Label.IN)
                parts.append(
                    f"its reason {self.n(good[0])} holds"
                    if len(good) == 1
                    else f"its reasons {_join(map(self.n, good))} hold"
                )
            if not attackers:
                parts.append("nothing attacks it")
            else:
                parts.append(
                    "every claim attacking it is out ("
                    + "; ".join(map(self._cited, attackers))
                    + ")"
                )
            return "in because " + " and ".join(parts)
        if lab is Label.OUT:
            labels, index, in_ = self.labels, self.index, Label.IN
            ins = [a for a in attackers if labels[index[a]] is in_]
            if ins:
                return "out because " + "; and ".join(map(self._cited_attacker, ins))
            if claim not in self.sf.presumed and self.label(no_reason(claim)) is Label.IN:
                return (
                    "out because none of its reasons holds ("
                    + "; ".join(f"{self.n(s)} {self._support_failure(s)}" for s in reasons)
                    + ")"
                )
            return (
                f"out because every {self._many()} accepts one of its attackers "
                f"({_join(map(self.n, attackers))})"
            )
        undecided = self._with(attackers, Label.UNDECIDED)
        if self.sem in (Semantics.GROUNDED, Semantics.COMPLETE):
            if undecided:
                return (
                    f"undecided because it is attacked by {_join(map(self.n, undecided))}, which "
                    + ("is itself" if len(undecided) == 1 else "are themselves")
                    + " undecided (attacks in a cycle that nothing settles)"
                )
            open_reasons = self._with(reasons, Label.UNDECIDED)
            return (
                f"undecided because its reason {_join(map(self.n, open_reasons))} is undecided "
                "(no reason for it is in, and not all have failed)"
            )
        if self.count == 1:
            cycle = (
                f" (attacked by {_join(map(self.n, undecided))}, in a cycle it leaves open)"
                if undecided
                else ""
            )
            return (
                f"undecided because the only {self.sem} extension neither accepts it "
                f"nor any of its attackers{cycle}"
            )
        return (
            f"undecided because the {self.sem} extensions disagree about it "
            "(it is not in every one, nor out in every one)"
        )

    def _cited(self, claim: str) -> str:
        """An attacker that is out, cited with its reason (worded once per attacker)."""
        return self._said[claim]

    def _cited_attacker(self, claim: str) -> str:
        """An attacker that is in, cited with its reason (worded once per attacker)."""
        return self._said_in[claim]

    def _support_failure(self, support: str) -> str:
        s = self.amap.support(support)
        cutters = self._with(self.undercutters.get(support, []), Label.IN)
        if cutters:
            return (
                f"is undercut by {_join(map(self.n, cutters))}, "
                f"which is in because {self.short(cutters[0])}"
            )
        out = self._with(list(s.premises), Label.OUT)
        if out:
            return f"fails because its premise {self.n(out[0])} is out because {self.short(out[0])}"
        return "fails in every extension"

    def support(self, support: str) -> str:
        """The reason for a support's label."""
        lab = self.label(support)
        s = self.amap.support(support)
        if lab is Label.IN:
            cut = self.undercutters.get(support, [])
            tail = f", and its undercutters {_join(map(self.n, cut))} are out" if cut else ""
            return f"holds because its premises {_join(map(self.n, s.premises))} are in{tail}"
        if lab is Label.OUT:
            return "does not hold: it " + self._support_failure(support)
        return "undecided because a premise or an undercutter is undecided"
