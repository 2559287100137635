"""The argument-map model: frozen, typed data with invariants and no I/O.

An :class:`ArgumentMap` holds claims, the supports and attacks between them,
stakeholders with their stances and relations, sources, and the evaluation data
(assumptions, weights, issues). Every collection is a tuple in file order.
References between items are by id; the loader checks them, so a map built by
:func:`argmap.load` is always consistent. Maps built by hand can be checked with
:func:`argmap.formats.yaml.check` (via ``argmap.validate``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from operator import attrgetter
from types import MappingProxyType
from typing import NamedTuple

from argmap.errors import UnknownIdError

_ID = attrgetter("id")

FORMAT_VERSION = 1
"""The newest (and only) version of the native map format."""

display_hook: Callable[[object, str], str | None] | None = None
"""How a :class:`Drawable` draws itself: ``hook(obj, "svg" | "html")``; when
None, the ``_jupyter_display`` function of the :mod:`argmap` package.

Drawing is a layer above the model, so the model does not import it: it asks
its package, which is always imported before any of its modules runs."""


def _draw(obj: object, mime: str) -> str | None:
    hook = display_hook
    if hook is None:
        hook = getattr(sys.modules.get(__package__ or ""), "_jupyter_display", None)
    return hook(obj, mime) if hook is not None else None


class Drawable:
    """Draws itself in Jupyter: ``_repr_svg_`` and ``_repr_html_`` (through
    :data:`display_hook`; None when drawing is not possible, so Jupyter shows
    the plain ``repr`` instead)."""

    __slots__ = ()

    def _repr_svg_(self) -> str | None:
        return _draw(self, "svg")

    def _repr_html_(self) -> str | None:
        return _draw(self, "html")


class Record:
    """Equality, hashing and ``repr`` by fields, for the frozen dataclasses below.

    They behave as frozen dataclasses' own (equal when of the same class with
    equal fields, the hash of the fields' tuple, ``Claim(id='a', ...)``), but
    are written once here rather than compiled for each class at import:
    that is half of what making the model's classes costs, on every start-up.
    :func:`record_fields` notes each class's compared and shown fields (the
    query results of :mod:`argmap.analysis.queries` are Records too).
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            compared = _COMPARED[self.__class__]
            return compared(self) == compared(other)
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        # written out: inherited, ``!=`` would look up and call __eq__ each time
        if other.__class__ is self.__class__:
            compared = _COMPARED[self.__class__]
            return compared(self) != compared(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(_COMPARED[self.__class__](self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _SHOWN[self.__class__])
        return f"{self.__class__.__qualname__}({shown})"


_COMPARED: dict[type, Callable[[object], tuple[object, ...]]] = {}
"""Each model class's compared fields, as one function giving their tuple."""


def compared_fields(cls: type) -> Callable[[object], tuple[object, ...]]:
    """The function giving the tuple of fields a model class compares: two
    instances of ``cls`` are equal when it gives equal tuples (for comparing
    many pairs at once, without a call of ``__eq__`` for each)."""
    return _COMPARED[cls]


_SHOWN: dict[type, tuple[str, ...]] = {}
"""Each model class's fields shown by ``repr``."""


def record_fields(cls: type, compared: tuple[str, ...], shown: tuple[str, ...]) -> None:
    """Note the fields a :class:`Record` class compares and hashes (at least
    two) and those its ``repr`` shows."""
    assert len(compared) > 1  # attrgetter of several names gives a tuple
    _COMPARED[cls] = attrgetter(*compared)
    _SHOWN[cls] = shown


def _fields_of(*classes: type) -> None:
    for cls in classes:
        record_fields(
            cls,
            tuple(f.name for f in fields(cls) if f.compare),
            tuple(f.name for f in fields(cls) if f.repr),
        )


class ClaimKind(StrEnum):
    """What sort of statement a claim is."""

    FACT = "fact"
    VALUE = "value"
    POLICY = "policy"
    PREDICTION = "prediction"
    DEFINITION = "definition"
    INTERPRETATION = "interpretation"
    TESTIMONY = "testimony"


class StakeholderKind(StrEnum):
    """What sort of actor a stakeholder is."""

    GOVERNMENT = "government"
    AGENCY = "agency"
    COURT = "court"
    ORGANISATION = "organisation"
    UNION = "union"
    COMMUNITY = "community"
    PUBLIC = "public"
    PERSON = "person"
    MEDIA = "media"
    OTHER = "other"


class RelationKind(StrEnum):
    """Typed, directed relations between stakeholders (``from`` -> ``to``)."""

    GOVERNS = "governs"
    REPRESENTS = "represents"
    ALLIED_WITH = "allied-with"
    OPPOSES = "opposes"
    LITIGATES_AGAINST = "litigates-against"
    COOPERATES_WITH = "cooperates-with"
    FUNDS = "funds"
    EMPLOYS = "employs"
    MEMBER_OF = "member-of"
    REGULATES = "regulates"
    ADJUDICATES = "adjudicates"
    SERVES = "serves"
    REPORTS_ON = "reports-on"


class StanceKind(StrEnum):
    """How a stakeholder holds a claim.

    ``asserts``: puts it forward as its own position; ``endorses``: agrees with
    it; ``rejects``: denies it.
    """

    ASSERTS = "asserts"
    ENDORSES = "endorses"
    REJECTS = "rejects"


class AttackKind(StrEnum):
    """An attack on a claim is a rebuttal; an attack on a support, an undercut."""

    REBUTS = "rebuts"
    UNDERCUTS = "undercuts"


class Hedge(StrEnum):
    """How firmly the source puts a claim, a relation or a stance.

    ``certain``: stated outright (given explicitly, it says the quote's hedging
    words do not hedge this item, and the item's note says why); ``likely``:
    "likely", "would", "see"; ``possible``: "might", "could", "may",
    "perhaps"; ``reported``: the source attributes it to someone else
    ("they would argue", "often arguing") rather than asserting it.
    """

    CERTAIN = "certain"
    LIKELY = "likely"
    POSSIBLE = "possible"
    REPORTED = "reported"


class ProofStandard(StrEnum):
    """Carneades proof standards for an issue."""

    PREPONDERANCE = "preponderance"
    CLEAR_AND_CONVINCING = "clear-and-convincing"
    BEYOND_REASONABLE_DOUBT = "beyond-reasonable-doubt"


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Anchor(Record):
    """A short verbatim quote from a source, so a claim can be checked."""

    source: str
    quote: str


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Source(Record):
    """A document claims are anchored in."""

    id: str
    title: str
    author: str | None = None
    date: str | None = None
    url: str | None = None
    file: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Claim(Record):
    """A statement (AIF I-node) in the mapper's own words.

    ``assumed`` marks a claim taken as given by evaluation; ``weight`` is its
    base score in [0, 1] for gradual semantics (None: the default, 0.5).
    ``hedge`` says how firmly the source puts it, ``hedge_words`` in the
    source's own words ("might believe").
    """

    id: str
    text: str
    kind: ClaimKind = ClaimKind.FACT
    label: str | None = None
    tags: tuple[str, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    assumed: bool = False
    weight: float | None = None
    note: str | None = None
    hedge: Hedge | None = None
    hedge_words: str | None = None


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Support(Record):
    """Premises that together (linked) support a conclusion (AIF RA-node).

    A support with one premise is a plain reason; with several, the premises
    only work together. Independent (convergent) reasons are separate supports.
    ``explicit_id`` is False when the id was derived from the endpoints
    (``a>b``, ``a+c>b``); such ids are not written back by the dumper.
    ``anchors`` quote where the source makes the inference; ``inferred`` is
    the mapper's reason when no quote states it.
    """

    id: str
    premises: tuple[str, ...]
    conclusion: str
    weight: float | None = None
    scheme: str | None = None
    note: str | None = None
    explicit_id: bool = True
    anchors: tuple[Anchor, ...] = ()
    hedge: Hedge | None = None
    hedge_words: str | None = None
    inferred: str | None = None


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Attack(Record):
    """A claim attacking a claim (rebuttal) or a support (undercut); AIF CA-node.

    ``explicit_id`` is False when the id was derived as ``attacker!target``.
    ``anchors``, ``hedge``, ``hedge_words`` and ``inferred`` as for
    :class:`Support`.
    """

    id: str
    attacker: str
    target: str
    kind: AttackKind = AttackKind.REBUTS
    weight: float | None = None
    note: str | None = None
    explicit_id: bool = True
    anchors: tuple[Anchor, ...] = ()
    hedge: Hedge | None = None
    hedge_words: str | None = None
    inferred: str | None = None


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Relation(Record):
    """A typed relation from one stakeholder to another."""

    kind: RelationKind
    target: str
    note: str | None = None


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Stakeholder(Record):
    """An actor in the debate. Power and interest are on a 1-5 scale."""

    id: str
    name: str
    kind: StakeholderKind = StakeholderKind.OTHER
    power: int | None = None
    interest: int | None = None
    legitimacy: int | None = None
    urgency: int | None = None
    description: str | None = None
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Stance(Record):
    """A stakeholder's position on one claim; strength in [0, 1] if given.

    ``hedge``/``hedge_words``: how firmly the source attributes the stance
    ("the union might believe"); ``inferred``: the mapper's reason when no
    quote states the stance.
    """

    stakeholder: str
    claim: str
    kind: StanceKind
    strength: float | None = None
    anchors: tuple[Anchor, ...] = ()
    note: str | None = None
    hedge: Hedge | None = None
    hedge_words: str | None = None
    inferred: str | None = None


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Issue(Record):
    """A question with alternative positions (claims) and a proof standard."""

    id: str
    question: str
    positions: tuple[str, ...]
    standard: ProofStandard = ProofStandard.PREPONDERANCE


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Rephrase(Record):
    """One claim restates another (AIF MA-node)."""

    id: str
    original: str
    restatement: str


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Preference(Record):
    """One item (claim, support or attack) is preferred over another (AIF PA)."""

    id: str
    preferred: str
    over: str


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class LintIgnore(Record):
    """A lint warning the map's author has looked at and set aside, with why.

    ``item`` is the id the warning is about (a claim, support, attack or
    source id, or ``stakeholder:claim`` for a stance); None ignores the code
    for the whole map.
    """

    code: str
    reason: str
    item: str | None = None


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class ArgumentMap(Record, Drawable):
    """A whole map. Tuples keep file order; lookups by id use cached indexes.

    In Jupyter a map draws itself (the argument view, as SVG).
    """

    title: str = ""
    description: str | None = None
    version: int = FORMAT_VERSION
    main: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    stakeholders: tuple[Stakeholder, ...] = ()
    claims: tuple[Claim, ...] = ()
    supports: tuple[Support, ...] = ()
    attacks: tuple[Attack, ...] = ()
    stances: tuple[Stance, ...] = ()
    issues: tuple[Issue, ...] = ()
    rephrases: tuple[Rephrase, ...] = ()
    preferences: tuple[Preference, ...] = ()
    lint_ignores: tuple[LintIgnore, ...] = ()
    _claims_by_id: dict[str, Claim] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    _supports_by_id: dict[str, Support] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    _stakeholders_by_id: dict[str, Stakeholder] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id; KeyError if there is none."""
        return self._claim_index()[claim_id]

    def claims_by_id(self) -> Mapping[str, Claim]:
        """The claims by id, in map order (a read-only view of an index made on first use)."""
        return MappingProxyType(self._claim_index())

    def _claim_index(self) -> dict[str, Claim]:
        if not self._claims_by_id and self.claims:
            self._claims_by_id.update(zip(map(_ID, self.claims), self.claims, strict=True))
        return self._claims_by_id

    def support(self, support_id: str) -> Support:
        """The support with this id; KeyError if there is none."""
        if not self._supports_by_id and self.supports:
            self._supports_by_id.update((s.id, s) for s in self.supports)
        return self._supports_by_id[support_id]

    def stakeholder(self, stakeholder_id: str) -> Stakeholder:
        """The stakeholder with this id; KeyError if there is none."""
        if not self._stakeholders_by_id and self.stakeholders:
            self._stakeholders_by_id.update((s.id, s) for s in self.stakeholders)
        return self._stakeholders_by_id[stakeholder_id]

    def has_claim(self, claim_id: str) -> bool:
        """Whether a claim with this id exists."""
        try:
            self.claim(claim_id)
        except KeyError:
            return False
        return True

    def require_claim(self, claim_id: str) -> None:
        """Raise UnknownIdError (with "did you mean") unless the claim exists."""
        if not self.has_claim(claim_id):
            raise UnknownIdError("claim", claim_id, [c.id for c in self.claims])

    def require_stakeholder(self, stakeholder_id: str) -> None:
        """Raise UnknownIdError (with "did you mean") unless the stakeholder exists."""
        try:
            self.stakeholder(stakeholder_id)
        except KeyError:
            raise UnknownIdError(
                "stakeholder", stakeholder_id, [h.id for h in self.stakeholders]
            ) from None

    def ids(self) -> Iterator[str]:
        """Every id in the map (claims, supports, attacks, stakeholders, ...)."""
        for group in (
            self.sources,
            self.stakeholders,
            self.claims,
            self.supports,
            self.attacks,
            self.issues,
            self.rephrases,
            self.preferences,
        ):
            for item in group:
                yield item.id

    def stances_of(self, stakeholder_id: str) -> tuple[Stance, ...]:
        """The stances of one stakeholder, in file order."""
        return tuple(s for s in self.stances if s.stakeholder == stakeholder_id)

    def stances_on(self, claim_id: str) -> tuple[Stance, ...]:
        """The stances taken on one claim, in file order."""
        return tuple(s for s in self.stances if s.claim == claim_id)


class MapSize(NamedTuple):
    """How much a valid map holds: what ``argmap validate`` reports of it."""

    claims: int
    supports: int
    attacks: int
    stakeholders: int

    @classmethod
    def of(cls, amap: ArgumentMap) -> MapSize:
        return cls(len(amap.claims), len(amap.supports), len(amap.attacks), len(amap.stakeholders))


_fields_of(
    Anchor,
    Source,
    Claim,
    Support,
    Attack,
    Relation,
    Stakeholder,
    Stance,
    Issue,
    Rephrase,
    Preference,
    LintIgnore,
    ArgumentMap,
)
