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

from argmap._gc import paused_gc, retire
from argmap.analysis import af as _af
from argmap.analysis.af import Label, Semantics
from argmap.analysis.structured import StructuredFramework, build, no_reason
from argmap.errors import ArgmapError, UnknownIdError
from argmap.model import ArgumentMap, Claim, StanceKind

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
    for g in given_ids:
        if not amap.has_claim(g):
            raise UnknownIdError("claim", g, [c.id for c in amap.claims])
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
    extensions = None
    k = len(sf.claims)  # the claims are the framework's arguments 0..k-1
    if result.extensions is not None:
        extensions = sorted(sorted(sf.claims[i] for i in ext if i < k) for ext in result.extensions)
    labels, credulous, sceptical = result.labels, result.credulous, result.sceptical
    retire(sf, result, explainer)
    return Evaluation(
        semantics=str(sem),
        labels=dict(zip(sf.claims, map(_LABEL_TEXT.__getitem__, labels[:k]), strict=True)),
        support_labels={s: str(labels[sf.node(s)]) for s in sf.supports},
        reasons=explainer.all_claims(),
        extensions=extensions,
        given=tuple(c for c in sf.claims if c in sf.given) if sf.given else (),
        stakeholder=stakeholder,
        stable_exists=result.exists,
        support_reasons={s: explainer.support(s) for s in sf.supports},
        credulous=dict(zip(sf.claims, credulous[:k], strict=True)),
        sceptical=dict(zip(sf.claims, sceptical[:k], strict=True)),
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


_LABEL_TEXT = {label: str(label) for label in Label}

_NO_STABLE = "undecided because the map has no stable extension"


class _Explainer:
    """Builds the reason sentences from the labels of the translated framework.

    It reads the framework by argument number: the map's claims are arguments
    ``0..k-1`` in map order (:func:`argmap.analysis.structured.build`), and
    the claims that attack an argument are its attackers below ``k`` (the
    helper arguments come after the claims and supports).
    """

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
        self.names = sf.af.names
        self.attackers = sf.af.attackers
        self.k = k = len(sf.claims)
        self.no_stable = sem is Semantics.STABLE and not exists
        self.assumed = frozenset(c.id for c in amap.claims if c.assumed)
        # Each claim is cited, with its short reason, by every claim it
        # attacks: each is worded once, on first use, and kept by number.
        self._short: list[str | None] = [None] * k
        self._out_cite: list[str | None] = [None] * k  # an attacker that is out
        self._in_cite: list[str | None] = [None] * k  # an attacker that is in
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

    def _claims_attacking(self, node: int) -> list[int]:
        k = self.k
        return [j for j in self.attackers[node] if j < k]

    def rebutters(self, claim: str) -> list[str]:
        """The claims that rebut a claim (none for a claim accepted as given), in map order."""
        names = self.names
        return [names[j] for j in self._claims_attacking(self.index[claim])]

    def undercutters(self, support: str) -> list[str]:
        """The claims that undercut a support, in map order."""
        return self.rebutters(support)  # a support's only attackers that are claims

    def short(self, claim: str) -> str:
        """A one-clause reason, used when a claim is cited in another's reason."""
        return self._short_of(self.index[claim])

    def _short_of(self, i: int) -> str:
        reason = self._short[i]
        if reason is None:
            reason = self._short[i] = self._short_reason(i)
        return reason

    def _short_reason(self, i: int) -> str:
        lab = self.labels[i]
        claim = self.names[i]
        attackers = self._claims_attacking(i)
        if lab is Label.IN:
            if claim in self.sf.given:
                return "it is accepted as given"
            if not attackers:
                if claim in self.sf.presumed:
                    return "nothing attacks it"
                return "it has a reason that holds and nothing attacks it"
            return "every claim attacking it is out"
        if lab is Label.OUT:
            labels, names = self.labels, self.names
            ins = [names[j] for j in attackers if labels[j] is Label.IN]
            if ins:
                return f"it is attacked by {_join(map(self.n, ins))}, which " + (
                    "is in" if len(ins) == 1 else "are in"
                )
            if claim not in self.sf.presumed and self.label(no_reason(claim)) is Label.IN:
                return "none of its reasons holds"
            return f"every {self._many()} accepts one of its attackers"
        return "its attackers or reasons are themselves undecided"

    def _cited(self, claim: str) -> str:
        """An attacker that is out, cited with its reason."""
        return self._out_cite_of(self.index[claim])

    def _out_cite_of(self, i: int) -> str:
        cite = self._out_cite[i]
        if cite is None:
            cite = self._out_cite[i] = f"{self.n(self.names[i])} is out because {self._short_of(i)}"
        return cite

    def _cited_attacker(self, claim: str) -> str:
        """An attacker that is in, cited with its reason."""
        return self._in_cite_of(self.index[claim])

    def _in_cite_of(self, i: int) -> str:
        cite = self._in_cite[i]
        if cite is None:
            cite = self._in_cite[i] = (
                f"it is attacked by {self.n(self.names[i])}, which is in because "
                f"{self._short_of(i)}"
            )
        return cite

    def all_claims(self) -> dict[str, str]:
        """Every claim's full reason, in map order: :meth:`claim` of each, with
        the two commonest verdicts (in with no reason to cite, out because an
        attacker is in) worded in one pass over the arguments' numbers. A big
        map's are worded in two halves side by side where the command line
        can (:func:`argmap._fork.in_two`)."""
        claims = self.sf.claims
        if self.no_stable:
            return dict.fromkeys(claims, _NO_STABLE)
        from argmap._fork import in_two

        return dict(zip(claims, in_two(self._reasons, self.k), strict=True))

    def _reasons(self, start: int, stop: int) -> list[str]:
        """The full reasons of the claims numbered ``start`` to ``stop - 1``."""
        claims = self.sf.claims
        labels, attackers, k = self.labels, self.attackers, self.k
        out_cite, in_cite = self._out_cite, self._in_cite
        out_cite_of, in_cite_of = self._out_cite_of, self._in_cite_of
        plain = self.sf.presumed - self.sf.given - self.assumed
        in_, out = Label.IN, Label.OUT
        reasons: list[str] = []
        append = reasons.append
        for i in range(start, stop):
            c = claims[i]
            lab = labels[i]
            if lab is in_:
                if c in plain:
                    # a presumed claim's attackers are all claims (no helper attacks it)
                    by = attackers[i]
                    if by:
                        cited = "; ".join([out_cite[j] or out_cite_of(j) for j in by])
                        append(f"in because every claim attacking it is out ({cited})")
                    else:
                        append("in because nothing attacks it")
                    continue
            elif lab is out:
                ins = [j for j in attackers[i] if j < k and labels[j] is in_]
                if ins:
                    append(
                        "out because " + "; and ".join([in_cite[j] or in_cite_of(j) for j in ins])
                    )
                    continue
            append(self.claim(c))
        return reasons

    def claim(self, claim: str) -> str:
        """The full reason for a claim's label."""
        lab = self.labels[self.index[claim]]
        attackers = self.rebutters(claim)
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

    def _support_failure(self, support: str) -> str:
        s = self.amap.support(support)
        cutters = self._with(self.undercutters(support), Label.IN)
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
            cut = self.undercutters(support)
            tail = f", and its undercutters {_join(map(self.n, cut))} are out" if cut else ""
            return f"holds because its premises {_join(map(self.n, s.premises))} are in{tail}"
        if lab is Label.OUT:
            return "does not hold: it " + self._support_failure(support)
        return "undecided because a premise or an undercutter is undecided"
