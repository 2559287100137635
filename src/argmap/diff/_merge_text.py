"""Writing a merge result as YAML in OURS' layout, with conflicts marked.

The canonical writer (:func:`argmap.formats.yaml.dumps`) orders keys its own
way and drops comments, so writing the merged map with it would rewrite every
line of a hand-kept file. Instead OURS' text is patched. It is cut into the
lines before the first key, one segment per top-level key, and within each
list section one block of lines per entry (an entry's block starts at the
comment lines right above it). An entry the merge took unchanged keeps its
lines, comments included. In a changed block-style entry only the keys whose
values changed are rewritten (by the canonical writer, at OURS' indentation);
its other lines and comments stay. A changed one-line flow entry is written
again as one line. A stance entry on a list of claims stays one entry when
only its claims changed. A new item goes after its predecessor; a deleted
item's block goes. A section written in flow style (``[...]`` after the key)
is written anew, whole. Every block written anew is read back and must be the
item it stands for; otherwise the whole map is written by the canonical
writer.

A conflicted item is written in block style with a ``conflict:`` key:
``conflict: {KEY: {ours: VALUE, theirs: VALUE}}`` for each key the sides
changed differently (the item itself holds OURS' value), or
``conflict: {ours: deleted, theirs: WHAT}`` when one side deleted it. The
loader reports every ``conflict:`` key as an unresolved merge conflict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from argmap.diff.merge import SECTIONS, Mark, MergeResult
from argmap.formats import _positions
from argmap.formats.yaml import TOP_KEYS, _scalar, dumps
from argmap.model import ArgumentMap

_HEAD_KEYS = tuple(k for k in TOP_KEYS if k not in SECTIONS)


def merge_text(result: MergeResult, ours_text: str | None = None) -> str:
    """The merged map as native YAML: OURS' text patched when it is given and
    is native YAML, the canonical writer's text otherwise; conflicts marked."""
    if ours_text is not None:
        try:
            patched = _patch(result, ours_text)
        except _CannotPatch:
            patched = None
        if patched is not None:
            return patched
    return _canonical(result)


class _CannotPatch(Exception):
    pass


# --------------------------------------------------------------------------- rendering


def _section_lines(name: str, items: Sequence[Any]) -> list[list[str]]:
    """Each item of a section as the canonical writer writes it (2-space dash)."""
    if not items:
        return []
    lines = dumps(ArgumentMap(**{name: tuple(items)})).split("\n")  # type: ignore[arg-type]
    start = lines.index(f"{name}:") + 1
    out: list[list[str]] = []
    for line in lines[start:]:
        if not line:
            break
        if line.startswith("  - "):
            out.append([line])
        else:
            out[-1].append(line)
    return out


def _head_lines(amap: ArgumentMap) -> dict[str, list[str]]:
    """The canonical lines of each top-level scalar key (argmap, title, ...)."""
    lines = dumps(replace(amap, **{n: () for n in SECTIONS})).split("\n")  # type: ignore[arg-type]
    out: dict[str, list[str]] = {}
    for line in lines:
        key = line.split(":", 1)[0]
        if key in _HEAD_KEYS:
            out[key] = [line]
    return out


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def _block(data: dict[str, Any], indent: str) -> list[str]:
    out: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict) and value:
            out.append(f"{indent}{key}:")
            out.extend(_block(value, indent + "  "))
        elif isinstance(value, list) and value and any(isinstance(v, dict) for v in value):
            out.append(f"{indent}{key}:")
            out.extend(f"{indent}  - {_flow(v)}" for v in value)
        else:
            out.append(f"{indent}{key}: {_flow(value)}")
    return out


def _as_data(item_lines: list[str]) -> dict[str, Any]:
    """The plain data of one canonically written item."""
    text = "\n".join(line[4:] for line in item_lines) + "\n"
    data = _positions.parse_with_positions(text).data
    if isinstance(data, dict):
        return data
    # A flow item such as `{from: a, to: b}` is a one-line mapping.
    parsed = _positions.parse_with_positions(item_lines[0][4:] + "\n").data
    return parsed if isinstance(parsed, dict) else {}


def _conflict_data(mine: dict[str, Any], alt: dict[str, Any] | None, mark: Mark) -> Any:
    if mark.deleted_by is not None:
        other = "theirs" if mark.deleted_by == "ours" else "ours"
        return {mark.deleted_by: "deleted", other: mark.other}
    assert alt is not None
    out: dict[str, Any] = {}
    for key in [*mine, *(k for k in alt if k not in mine)]:
        if mine.get(key) != alt.get(key):
            out[key] = {"ours": mine.get(key), "theirs": alt.get(key)}
    return out


def _marked(name: str, lines: list[str], mark: Mark) -> list[str]:
    """An item written in block style, with its ``conflict:`` key."""
    mine = _as_data(lines)
    alt = None
    if mark.theirs is not None:
        alt = _as_data(_section_lines(name, [mark.theirs])[0])
    data = {**mine, "conflict": _conflict_data(mine, alt, mark)}
    body = _block(data, "    ")
    return ["  - " + body[0][4:], *body[1:]]


def _rendered(result: MergeResult, name: str, indices: Iterable[int]) -> dict[int, list[str]]:
    """The canonical lines of the chosen items of a merged section."""
    wanted = list(indices)
    items = getattr(result.merged, name)
    blocks = _section_lines(name, [items[i] for i in wanted])
    out: dict[int, list[str]] = {}
    for i, lines in zip(wanted, blocks, strict=True):
        mark = result.marks.get((name, i))
        out[i] = _marked(name, lines, mark) if mark is not None else lines
    return out


def _canonical(result: MergeResult) -> str:
    text = dumps(result.merged)
    if result.clean:
        return text
    lines = text.split("\n")
    out: list[str] = []
    section = None
    index = -1
    i = 0
    while i < len(lines):
        line = lines[i]
        key = line.split(":", 1)[0] if line and not line.startswith(" ") else None
        if key is not None:
            section, index = key, -1
        if section in SECTIONS and line.startswith("  - "):
            index += 1
            block = [line]
            while i + 1 < len(lines) and lines[i + 1].startswith("    "):
                i += 1
                block.append(lines[i])
            mark = result.marks.get((section, index))
            out.extend(_marked(section, block, mark) if mark is not None else block)
        else:
            out.append(line)
        i += 1
    text = "\n".join(out)
    return _with_map_conflict(text, result)


def _with_map_conflict(text: str, result: MergeResult) -> str:
    mark = result.map_mark
    if mark is None or mark.theirs is None:
        return text
    mine = _head_data(result.merged)
    alt = _head_data(mark.theirs)
    block = _block({"conflict": _conflict_data(mine, alt, mark)}, "")
    lines = text.split("\n")
    at = next((i for i, line in enumerate(lines) if line == ""), len(lines))
    return "\n".join([*lines[:at], *block, *lines[at:]])


def _head_data(amap: ArgumentMap) -> dict[str, Any]:
    text = "\n".join(line for lines in _head_lines(amap).values() for line in lines) + "\n"
    data = _positions.parse_with_positions(text).data
    return data if isinstance(data, dict) else {}


# --------------------------------------------------------------------------- patching


def _is_gap(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _plain_data(text: str) -> Any:
    """Text to plain data: the fast parser, or the exact one where it steps aside."""
    from argmap.formats.yaml import _fast_parse

    data = _fast_parse(text)
    if data is None:
        parsed = _positions.parse_with_positions(text)
        if parsed.problems or parsed.duplicates:
            raise _CannotPatch
        data = parsed.data
    return data


_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?:\s|$)")


def _patch(result: MergeResult, text: str) -> str:
    lines = text.split("\n")
    trailing_newline = text.endswith("\n")
    if trailing_newline:
        lines.pop()
    # Top-level keys start at column 0 (OURS is a valid map, so each is there once).
    tops = [(i, m.group(1)) for i, line in enumerate(lines) if (m := _KEY.match(line))]
    keys = [key for _i, key in tops]
    if not tops or len(set(keys)) != len(keys) or any(key not in TOP_KEYS for key in keys):
        raise _CannotPatch
    ours = result.ours
    if any(getattr(ours, n) and n not in keys for n in SECTIONS):
        raise _CannotPatch
    # Each top-level segment: its lines up to the next key, less the trailing
    # blank and comment lines (kept as the gap after it).
    segments: list[tuple[str, list[str], list[str]]] = []
    preamble = lines[: tops[0][0]]
    for n, (start, key) in enumerate(tops):
        end = tops[n + 1][0] if n + 1 < len(tops) else len(lines)
        body_end = end
        while body_end > start + 1 and _is_gap(lines[body_end - 1]):
            body_end -= 1
        segments.append((key, lines[start:body_end], lines[body_end:end]))

    merged = result.merged
    heads = _head_lines(merged)
    out: list[str] = list(preamble)
    present = {key for key, _b, _g in segments}
    for key, body, gap in segments:
        if key in SECTIONS:
            new_body = _patch_section(result, key, body)
            if new_body is None:
                if key == "claims":
                    out.extend(["claims: []", *gap])
                elif out and gap and not gap[0].strip():
                    out.extend(gap[1:] if out[-1] == "" else gap)
                else:
                    out.extend(gap)
                continue
            out.extend(new_body)
        else:
            new = heads.get(key)
            if new is None:
                out.extend(gap)
                continue
            same = key == "argmap" or getattr(ours, key) == getattr(merged, key)
            out.extend(body if same else new)
        out.extend(gap)
        # Keys the merge added go after their predecessor in the canonical order.
        for missing in _added_after(key, present, merged):
            present.add(missing)
            if missing in SECTIONS:
                blocks = _rendered(result, missing, range(len(getattr(merged, missing))))
                if out and out[-1] != "":
                    out.append("")
                out.append(f"{missing}:")
                for i in range(len(blocks)):
                    out.extend(blocks[i])
                out.append("")
            else:
                out.extend(heads[missing])
    text_out = "\n".join(out) + ("\n" if trailing_newline else "")
    return _with_map_conflict_patched(text_out, result, tops)


def _with_map_conflict_patched(text: str, result: MergeResult, tops: list[tuple[int, str]]) -> str:
    mark = result.map_mark
    if mark is None or mark.theirs is None:
        return text
    mine = _head_data(result.merged)
    alt = _head_data(mark.theirs)
    block = _block({"conflict": _conflict_data(mine, alt, mark)}, "")
    lines = text.split("\n")
    at = next(
        (i for i, line in enumerate(lines) if line.split(":", 1)[0] in SECTIONS),
        len(lines),
    )
    while at > 0 and _is_gap(lines[at - 1]):
        at -= 1
    return "\n".join([*lines[:at], *block, *lines[at:]])


def _added_after(key: str, present: set[str], merged: ArgumentMap) -> list[str]:
    """Top-level keys missing from OURS that the merged map has, which go
    between ``key`` and the next key OURS has (in the canonical order)."""
    out: list[str] = []
    order = list(TOP_KEYS)
    for later in order[order.index(key) + 1 :]:
        if later in present:
            break
        if later in SECTIONS:
            if getattr(merged, later):
                out.append(later)
        elif later in ("description", "main") and getattr(merged, later):
            out.append(later)
    return out


def _patch_section(result: MergeResult, name: str, body: list[str]) -> list[str] | None:
    """The section's new lines, or None when the merged section is empty."""
    merged_items = getattr(result.merged, name)
    if not merged_items:
        return None
    ours_items = getattr(result.ours, name)
    first = next((i for i, line in enumerate(body[1:], 1) if line.lstrip().startswith("- ")), None)
    starts: list[int] = []
    dash = ""
    if first is not None and body[0].rstrip() == f"{name}:":
        dash = body[first][: len(body[first]) - len(body[first].lstrip())]
        marker = dash + "- "
        starts = [i for i, line in enumerate(body) if line.startswith(marker)]
    counts = [1] * len(starts)
    if starts and len(starts) != len(ours_items):
        # Entries holding several items (a stance on a list of claims): read them.
        entries = _entries(name, body)
        if entries is None or len(entries) != len(starts):
            starts = []
        else:
            counts = [_entry_count(name, e) for e in entries]
            if sum(counts) != len(ours_items):
                starts = []
    origin = result.origin.get(name, ())
    if not starts:
        blocks = _rendered(result, name, range(len(merged_items)))
        return [f"{name}:", *(line for i in range(len(blocks)) for line in blocks[i])]
    # Item i's block: from the comment lines right above it to the next block.
    leads: list[int] = []
    for st in starts:
        lead = st
        while lead - 1 > 0 and body[lead - 1].strip().startswith("#"):
            lead -= 1
        leads.append(lead)
    bounds = [*leads, len(body)]

    def ours_block(j: int) -> list[str]:
        return body[bounds[j] : bounds[j + 1]]

    first_of: dict[int, tuple[int, int]] = {}  # first model index -> (entry, count)
    m = 0
    for j, count in enumerate(counts):
        first_of[m] = (j, count)
        m += count
    simple = m == len(counts)  # one item per entry: entry j is item j
    # ["ours", first entry, end entry], ["patch", merged index, entry], ["new", merged index, 0]
    # ["group", merged index, entry, claims]: a stance entry on a list of claims
    plan: list[list[Any]] = []
    marks = result.marks

    def keep(j0: int, j1: int) -> None:
        if plan and plan[-1][0] == "ours" and plan[-1][2] == j0:
            plan[-1][2] = j1
        else:
            plan.append(["ours", j0, j1])

    i = 0
    n = len(merged_items)
    while i < n:
        o = origin[i]
        if o is not None and simple:
            x, y = merged_items[i], ours_items[o]
            if (x is y or x == y) and (not marks or (name, i) not in marks):
                keep(o, o + 1)
            else:
                plan.append(["patch", i, o])
            i += 1
            continue
        hit = first_of.get(o) if o is not None else None
        if o is not None and hit is not None:
            j, count = hit
            if count == 1:
                if merged_items[i] == ours_items[o] and (name, i) not in marks:
                    keep(j, j + 1)
                else:
                    plan.append(["patch", i, j])
                i += 1
                continue
            span = range(i, min(i + count, n))
            if (
                len(span) == count
                and all(origin[k] == o + k - i for k in span)
                and all(merged_items[k] == ours_items[o + k - i] for k in span)
                and not any((name, k) in marks for k in span)
            ):
                keep(j, j + 1)
                i += count
                continue
            if (
                len(span) == count
                and all(origin[k] == o + k - i for k in span)
                and not any((name, k) in marks for k in span)
                and len({replace(merged_items[k], claim="") for k in span}) == 1
            ):
                # The entry's claims changed, nothing else: it stays one entry.
                plan.append(["group", i, j, [merged_items[k].claim for k in span]])
                i += count
                continue
        plan.append(["new", i, 0])
        i += 1
    rendered = _rendered_plain(result, name, [step[1] for step in plan if step[0] != "ours"])
    for step in plan:
        if step[0] == "group":
            lines_of, data_of = rendered[step[1]]
            verb = next(v for v in ("asserts", "endorses", "rejects") if v in data_of)
            rendered[step[1]] = (lines_of, {**data_of, verb: step[3]})
            step[0] = "patch"
    patch_entries = _entries(
        name, [line for step in plan if step[0] == "patch" for line in ours_block(step[2])]
    )
    patched_of = iter(patch_entries or [])
    out = list(body[: leads[0]])
    check: list[tuple[list[str], dict[str, Any]]] = []  # written blocks, expected data
    for what, k, j, *_claims in plan:
        if what == "ours":
            out.extend(body[bounds[k] : bounds[j]])
            continue
        mark = marks.get((name, k))
        lines: list[str] | None = None
        comments: list[str] = []
        if what == "patch":
            entry = next(patched_of, None)
            block = ours_block(j)
            at = starts[j] - leads[j]
            lines = _patch_item(name, block, at, len(dash), entry, rendered[k], mark)
            comments = block[:at]
            rest = block[at + 1 :]
            if lines is None and mark is None and block[at].lstrip()[2:].startswith("{"):
                # A one-line flow entry stays one line.
                lines = [*comments, dash + "- " + _flow(rendered[k][1])]
                lines += rest if all(_is_gap(line) for line in rest) else []
        if lines is None:
            written = _marked(name, rendered[k][0], mark) if mark is not None else rendered[k][0]
            lines = [*comments, *_indent(written, dash)]
        out.extend(lines)
        if mark is None:
            check.append((lines, rendered[k][1]))
    _verify(name, check)
    while len(out) > 1 and not out[-1].strip():
        out.pop()
    return out


def _entries(name: str, lines: list[str]) -> list[Any] | None:
    """The plain entries of some lines of a section (None: nothing to read)."""
    if not lines:
        return None
    text = "\n".join(line for line in lines if not line.startswith(f"{name}:"))
    try:
        data = _plain_data(f"{name}:\n{text}\n")
    except _CannotPatch:
        return None
    entries = data.get(name) if isinstance(data, dict) else None
    return entries if isinstance(entries, list) else None


def _verify(name: str, written: list[tuple[list[str], dict[str, Any]]]) -> None:
    """Read back the blocks written anew; each must be the item it stands for."""
    if not written:
        return
    entries = _entries(name, [line for lines, _d in written for line in lines])
    if entries is None or entries != [d for _l, d in written]:
        raise _CannotPatch


def _rendered_plain(
    result: MergeResult, name: str, indices: list[int]
) -> dict[int, tuple[list[str], dict[str, Any]]]:
    """The canonical lines and plain data of the chosen items of a merged section."""
    if not indices:
        return {}
    items = getattr(result.merged, name)
    chosen = [items[i] for i in indices]
    blocks = _section_lines(name, chosen)
    text = "\n".join([f"{name}:", *(line for block in blocks for line in block)]) + "\n"
    data = _plain_data(text)
    entries = data.get(name) if isinstance(data, dict) else None
    if not isinstance(entries, list) or len(entries) != len(blocks):
        raise _CannotPatch
    return dict(zip(indices, zip(blocks, entries, strict=True), strict=True))


def _patch_item(
    name: str,
    block: list[str],
    start: int,
    dash: int,
    entry: Any,
    canonical: tuple[list[str], dict[str, Any]],
    mark: Mark | None,
) -> list[str] | None:
    """OURS' lines of one block-style item with only its changed keys rewritten;
    None when the item is not a block mapping (it is then written anew)."""
    head = block[start][dash + 2 :]
    if not isinstance(entry, dict) or not entry or head.startswith("{"):
        return None
    indent = " " * (dash + 2)
    keyed: list[tuple[str, int]] = []  # key, line in block
    m = _KEY.match(head)
    if m is None:
        return None
    keyed.append((m.group(1), start))
    for n in range(start + 1, len(block)):
        line = block[n]
        if line.startswith(indent) and (m := _KEY.match(line, len(indent))):
            keyed.append((m.group(1), n))
    if [k for k, _n in keyed] != list(entry):
        return None
    end = len(block)
    while end > start + 1 and _is_gap(block[end - 1]):
        end -= 1
    new_data = canonical[1]
    new_lines = {key: _block({key: value}, "") for key, value in new_data.items()}
    if keyed[0][0] not in new_data:
        return None
    dash_prefix = block[start][: dash + 2]
    out = list(block[:start])
    for n, (key, at) in enumerate(keyed):
        stop = keyed[n + 1][1] if n + 1 < len(keyed) else end
        if key not in new_data:
            continue
        if new_data[key] == entry[key]:
            out.extend(block[at:stop])
            continue
        lines = new_lines[key]
        first = (dash_prefix if n == 0 else indent) + lines[0]
        out.extend([first, *(indent + rest for rest in lines[1:])])
    for key, lines in new_lines.items():
        if key not in entry:
            out.extend(indent + rest for rest in lines)
    if mark is not None:
        alt = _as_data(_section_lines(name, [mark.theirs])[0]) if mark.theirs is not None else None
        out.extend(_block({"conflict": _conflict_data(new_data, alt, mark)}, indent))
    out.extend(block[end:])
    return out


def _entry_count(name: str, entry: Any) -> int:
    """How many model items one file entry of a section holds."""
    if name == "stances" and isinstance(entry, dict):
        for verb in ("asserts", "endorses", "rejects"):
            if isinstance(entry.get(verb), list):
                return len(entry[verb])
    return 1


def _indent(lines: list[str], dash: str) -> list[str]:
    if dash == "  ":
        return lines
    return [dash + line[2:] for line in lines]
