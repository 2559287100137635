"""The teaching style: every colour, shape, font and width of a drawing, as data.

Nothing else in :mod:`argmap.render` names a colour. Change a value here and
every view, the reveal frames and the interactive page follow. Colours are
chosen to survive a projector (strong hues, dark text on light fills) and to
stay apart for the common colour-vision deficiencies where it matters most
(support green vs attack red also differ in line style: attacks are thicker,
undercuts dashed).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

FONT: Final = "DejaVu Sans"
"""The font of every drawing, shipped with the package (``render/fonts/``):
nodes are sized from its metrics (:mod:`argmap.render.metrics`), both
Graphviz routes know them for edge labels and titles, the SVG embeds it and
the rasteriser is given it."""
FONT_STACK: Final = "DejaVu Sans,Verdana,sans-serif"
"""The SVG ``font-family``: the shipped font first (embedded in the SVG)."""

GLYPHS: Final = MappingProxyType(
    {
        "support": "\u2014\u2014\u2192",
        "linked": "\u2014(&)\u2192",
        "attack": "\u2014\u2014|",
        "undercut": "- - -|",
        "relation": "\u2014\u2192",
        "assert": "\u2014\u2014\u2022",
        "endorse": "- - \u2022",
        "reject": "\u2014\u2014|",
        "swatch": "\u25a0",
    }
)
"""Legend glyphs, all from the WGL4 set so that any Latin font draws them."""

FONT_SIZE: Final = 16
KIND_FONT_SIZE: Final = 11
BADGE_FONT_SIZE: Final = 12
TITLE_FONT_SIZE: Final = 24
WRAP: Final = 30
"""Characters per line of titles and other plain text wrapped by count."""
WRAP_EM: Final = 17.0
"""Width of a line of claim text in em (about 30 characters: a readable
column on a projector); lines are wrapped by measured width."""
WRAP_LABEL_EM: Final = 15.0
"""Width of a line of a claim's bold label, in em."""
WRAP_NAME_EM: Final = 13.0
"""Width of a line of a stakeholder's bold name, in em."""
NODE_MARGIN: Final = (14.0, 7.0)
"""Space between a node's text and its border, in points (x, y)."""
EDGE_FONT_SIZE: Final = 13
MAX_TEXT: Final = 400
"""Longer claim texts are cut (with an ellipsis) in drawings; the page shows all."""

TEXT_COLOUR: Final = "#1a1a1a"
MUTED_COLOUR: Final = "#555555"
BACKGROUND: Final = "#ffffff"
CLAIM_FILL: Final = "#ffffff"
MAIN_FILL: Final = "#fff4c2"
"""Main claims (the map's ``main``) get a warm fill and a larger font."""
MAIN_FONT_SIZE: Final = 19
BORDER: Final = "#37474f"

SUPPORT_COLOUR: Final = "#1b7f3b"
ATTACK_COLOUR: Final = "#c62828"
JUNCTION_FILL: Final = "#1b7f3b"
EDGE_WIDTH: Final = 2.0
ATTACK_WIDTH: Final = 2.6


@dataclass(frozen=True, slots=True)
class Look:
    """Node attributes for one kind of thing (Graphviz attribute names)."""

    shape: str = "box"
    style: str = "rounded,filled"
    penwidth: float = 1.4
    peripheries: int = 1
    color: str = BORDER
    fillcolor: str = CLAIM_FILL
    fontcolor: str = TEXT_COLOUR


CLAIM_KINDS: Final = MappingProxyType(
    {
        "fact": Look(),
        "value": Look(peripheries=2),
        "policy": Look(style="filled", penwidth=3.0),
        "prediction": Look(style="rounded,dashed,filled", penwidth=1.8),
        "interpretation": Look(style="rounded,filled,diagonals", penwidth=1.4),
        "definition": Look(shape="tab", style="filled"),
        "testimony": Look(shape="note", style="filled"),
    }
)
"""Claim kind -> look. Kinds are told apart by border and shape, and the kind is
also written in small capitals at the top of each claim."""

CLAIM_KIND_DESCRIPTIONS: Final = MappingProxyType(
    {
        "fact": "rounded box",
        "value": "double border",
        "policy": "square, heavy border",
        "prediction": "dashed border",
        "interpretation": "cut corners",
        "definition": "tab",
        "testimony": "note",
    }
)


@dataclass(frozen=True, slots=True)
class HedgeLook:
    """How a claim the source hedges is drawn: a word on its kind line and a border."""

    word: str
    border_style: str = "dotted"
    border_width: float = 2.2
    """At least this wide: dots of a thin border vanish at projector scale."""


HEDGES: Final = MappingProxyType(
    {
        "likely": HedgeLook("likely"),
        "possible": HedgeLook("possibly"),
        "reported": HedgeLook("reported"),
    }
)
"""Claim hedge -> look (``certain`` and no hedge are drawn plainly). The dotted
border replaces a prediction's dashed one; the kind line still says both."""

HEDGE_DESCRIPTION: Final = "dotted border, word on the kind line: the source hedges it"


@dataclass(frozen=True, slots=True)
class Mark:
    """How a mark (an evaluation label or a diff change) changes an item.

    ``fill``/``border``/``style`` apply to claims and support junctions;
    ``edge_colour``/``edge_style`` to support and attack arrows (None: keep the
    arrow's own colour or style). ``badge`` is a word shown on marked claims.
    """

    legend: str
    fill: str | None = None
    border: str | None = None
    border_width: float | None = None
    style: str | None = None
    edge_colour: str | None = None
    edge_style: str | None = None
    edge_width: float | None = None
    badge: str | None = None


FRAGILE_BORDER: Final = "#d97706"
"""Border of a fragile verdict (amber: a warning, not a label)."""

MARKS: Final = MappingProxyType(
    {
        "in": Mark("in (accepted)", fill="#c8efc9", border="#1b7f3b", border_width=2.4),
        "out": Mark("out (defeated)", fill="#f8c9c9", border="#c62828", border_width=2.4),
        "undecided": Mark("undecided", fill="#dedede", border="#616161", border_width=2.4),
        # a verdict resting on one stakeholder's unanswered claim: the label's
        # fill, a dashed amber border and the word FRAGILE on the kind line
        "in-fragile": Mark(
            "in, but fragile (rests on one party's unanswered claim)",
            fill="#c8efc9",
            border=FRAGILE_BORDER,
            border_width=3.2,
            style="dashed",
            badge="in \u00b7 fragile",
        ),
        "out-fragile": Mark(
            "out, but fragile (rests on one party's unanswered claim)",
            fill="#f8c9c9",
            border=FRAGILE_BORDER,
            border_width=3.2,
            style="dashed",
            badge="out \u00b7 fragile",
        ),
        "undecided-fragile": Mark(
            "undecided, but fragile (rests on one party's unanswered claim)",
            fill="#dedede",
            border=FRAGILE_BORDER,
            border_width=3.2,
            style="dashed",
            badge="undecided \u00b7 fragile",
        ),
        "added": Mark(
            "added",
            fill="#d5e8ff",
            border="#1565c0",
            border_width=3.0,
            edge_width=3.4,
            badge="added",
        ),
        "removed": Mark(
            "removed",
            fill="#fde0e0",
            border="#c62828",
            border_width=2.4,
            style="dashed",
            edge_style="dotted",  # not dashed: a dashed red line is an undercut
            badge="removed",
        ),
        "changed": Mark(
            "changed",
            fill="#ffe6a8",
            border="#e08e00",
            border_width=3.0,
            edge_width=3.4,
            badge="changed",
        ),
        "renamed": Mark(
            "renamed",
            fill="#fff3d6",
            border="#e08e00",
            border_width=3.0,
            style="dotted",
            badge="renamed",
        ),
    }
)
"""Mark name -> how it is drawn. ``in``/``out``/``undecided`` come from
evaluation (``-fragile``: the verdict rests on one stakeholder's unanswered
claim, see :func:`argmap.analysis.explain.fragile_verdicts`);
``added``/``removed``/``changed``/``renamed`` from diffs."""

STAKEHOLDER_PALETTE: Final = (
    ("#1f5fa8", "#d4e3f6"),
    ("#d35400", "#fbe0cc"),
    ("#6a3d9a", "#e6dcf1"),
    ("#00796b", "#cdeae6"),
    ("#8d6e00", "#f3e9c2"),
    ("#ad1457", "#f7d5e3"),
    ("#455a64", "#dde4e8"),
    ("#2e7d32", "#d7ecd8"),
    ("#5d4037", "#e8ddd9"),
    ("#0277bd", "#cfe8f6"),
)
"""(strong, light) colour pairs, given to stakeholders in map order and reused
cyclically. Asserted: strong badge; endorsed: light badge; rejected: crossed."""

REJECT_COLOUR: Final = "#c62828"
REJECT_MARK: Final = "\u00d7"  # multiplication sign: in every Latin font

STAKEHOLDER_KIND_SHAPES: Final = MappingProxyType(
    {
        "government": "house",
        "agency": "box",
        "court": "invhouse",
        "organisation": "box",
        "union": "hexagon",
        "community": "ellipse",
        "public": "ellipse",
        "person": "ellipse",
        "media": "parallelogram",
        "other": "box",
    }
)

RELATION_COLOURS: Final = MappingProxyType(
    {
        "governs": "#1f3a93",
        "regulates": "#1f3a93",
        "adjudicates": "#4a148c",
        "represents": "#00695c",
        "allied-with": "#1b7f3b",
        "cooperates-with": "#1b7f3b",
        "serves": "#00838f",
        "funds": "#8d6e00",
        "employs": "#5d4037",
        "member-of": "#616161",
        "opposes": "#c62828",
        "litigates-against": "#c62828",
        "reports-on": "#757575",
    }
)
RELATION_STYLES: Final = MappingProxyType(
    {"litigates-against": "bold", "opposes": "bold", "member-of": "dashed", "reports-on": "dotted"}
)

STANCE_EDGE_STYLES: Final = MappingProxyType(
    {"asserts": "solid", "endorses": "dashed", "rejects": "solid"}
)

GRID_FILLS: Final = MappingProxyType(
    {
        "manage closely": "#fde0dc",
        "keep satisfied": "#fff3d6",
        "keep informed": "#dcedfc",
        "monitor": "#eeeeee",
    }
)
KEY_FILL: Final = "#f7f7f7"
KEY_BORDER: Final = "#9e9e9e"

GRID_NAME_COLOURS: Final = MappingProxyType(
    {
        "manage closely": "#a3261b",
        "keep satisfied": "#7a5a00",
        "keep informed": "#1a5a99",
        "monitor": "#555555",
    }
)
"""Quadrant names on the power/interest plot: a dark shade of each quadrant's fill."""
GRID_LINE_COLOUR: Final = "#ffffff"
"""Grid lines at the ticks, drawn over the quadrant fills."""

GRAPH_DEFAULTS: Final = MappingProxyType(
    {
        "rankdir": "BT",
        "nodesep": "0.35",
        "ranksep": "0.55",
        "newrank": "true",
        "pad": "0.3",
        "bgcolor": BACKGROUND,
    }
)
"""Graph attributes of every argument drawing: conclusions on top, reasons
below them (``BT``), as in most argument-mapping textbooks."""
