"""Benchmark the semantic diff on synthetic maps with 1% of claims edited.

    python benchmarks/bench_diff.py            # 10k and 100k claims
    python benchmarks/bench_diff.py 1000 10000 # other sizes

For each size the map is read (benchmarks/data/map_N.yaml, generated with
benchmarks/generate.py when missing) and a second version is made in memory
by editing 1% of its claims: re-ids (0.1% of the claims, so 100 at 100k),
text edits, removals, additions, relinked supports and changed stances. Only
the diff is timed (best of three), not loading: ``diff_maps`` alone, and with
the JSON output. The script also checks that every re-id is reported as a
rename.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from argmap.diff import diff_maps  # noqa: E402
from argmap.formats.registry import read  # noqa: E402
from argmap.formats.yaml import attack_id, support_id  # noqa: E402
from argmap.model import ArgumentMap, AttackKind, Claim, StanceKind  # noqa: E402


def load(n: int) -> ArgumentMap:
    path = ROOT / "benchmarks" / "data" / f"map_{n}.yaml"
    if not path.exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from generate import generate

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate(n), "utf-8")
    return read(path)


def edit(
    m: ArgumentMap, seed: int = 1, reids: int | None = None
) -> tuple[ArgumentMap, dict[str, str]]:
    """A new version with 1% of claims edited; returns it and the re-ids made.

    A tenth of the edits are re-ids, or ``reids`` claims when given.
    """
    rng = random.Random(seed)
    n = len(m.claims)
    if reids is None:
        picked = rng.sample([c.id for c in m.claims], max(10, n // 100))
        k = len(picked)
        reid = picked[: k // 10]
    else:  # re-ids on top of (and apart from) the 1% of other edits
        sample = rng.sample([c.id for c in m.claims], max(10, n // 100) + reids)
        reid, picked = sample[:reids], sample[reids:]
        k = len(picked)
    retext = set(picked[k // 10 : k // 2])
    remove = set(picked[k // 2 : k * 6 // 10])
    relink = set(picked[k * 6 // 10 : k * 8 // 10])
    restance = set(picked[k * 8 // 10 :])
    renames = {c: f"{c}-renamed" for c in reid}

    def r(i: str) -> str:
        return renames.get(i, i)

    claims = [
        replace(
            c, id=r(c.id), text=c.text.replace(" ", " really ", 1) if c.id in retext else c.text
        )
        for c in m.claims
        if c.id not in remove
    ]
    claims += [
        Claim(f"added-{i}", f"Added claim {i} about the new tram line.") for i in range(k // 10)
    ]
    ids = [c.id for c in claims]
    sup_ids: dict[str, str] = {}
    supports = []
    for s in m.supports:
        if remove & {*s.premises, s.conclusion}:
            continue
        conclusion = s.conclusion
        if conclusion in relink:
            relink.discard(conclusion)
            conclusion = rng.choice(ids)
            if conclusion in s.premises:
                continue
        premises = tuple(r(p) for p in s.premises)
        sid = s.id if s.explicit_id else support_id(premises, r(conclusion))
        sup_ids[s.id] = sid
        supports.append(replace(s, id=sid, premises=premises, conclusion=r(conclusion)))
    seen_sup = set()
    unique_supports = []
    for s in supports:
        key = (frozenset(s.premises), s.conclusion)
        if key not in seen_sup:
            seen_sup.add(key)
            unique_supports.append(s)
    attacks = []
    for a in m.attacks:
        if a.attacker in remove or a.target in remove:
            continue
        if a.kind is AttackKind.UNDERCUTS:
            if a.target not in sup_ids:
                continue
            target = sup_ids[a.target]
        else:
            target = r(a.target)
        aid = a.id if a.explicit_id else attack_id(r(a.attacker), target)
        attacks.append(replace(a, id=aid, attacker=r(a.attacker), target=target))
    stances = []
    for st in m.stances:
        if st.claim in remove:
            continue
        kind = st.kind
        if st.claim in restance:
            kind = StanceKind.REJECTS if kind is not StanceKind.REJECTS else StanceKind.ENDORSES
        stances.append(replace(st, claim=r(st.claim), kind=kind))
    new = replace(
        m,
        claims=tuple(claims),
        supports=tuple(unique_supports),
        attacks=tuple(attacks),
        stances=tuple(stances),
        main=tuple(r(x) for x in m.main if x not in remove),
    )
    return new, renames


def best(fn: Callable[[], object], repeat: int = 3) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs."""
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return min(wall), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument(
        "--reids",
        type=int,
        nargs="*",
        default=[],
        metavar="K",
        help="Also time rename detection alone with K re-ids on the largest map.",
    )
    args = parser.parse_args()
    print(
        f"{'claims':>8} {'edited':>7} {'re-ids':>7} {'found':>6}"
        f" {'diff s':>8} {'cpu s':>7} {'+json s':>8} {'cpu s':>7}"
    )
    for n in args.sizes:
        old = load(n)
        new, renames = edit(old)
        d = diff_maps(old, new)
        found = sum(1 for o, nid in d.renames.items() if renames.get(o) == nid)
        t_diff, c_diff = best(lambda old=old, new=new: diff_maps(old, new))
        t_json, c_json = best(lambda old=old, new=new: diff_maps(old, new).to_json())
        edited = max(10, len(old.claims) // 100)
        print(
            f"{n:>8} {edited:>7} {len(renames):>7} {found:>6}"
            f" {t_diff:>8.3f} {c_diff:>7.3f} {t_json:>8.3f} {c_json:>7.3f}"
        )
        print(f"         {d.counts()}")
    if args.reids:
        from argmap.diff._rename import detect_renames

        print(f"\nrename detection alone, {max(args.sizes)} claims")
        print(f"{'re-ids':>8} {'found':>6} {'cpu s':>7}")
        for k in args.reids:
            new, renames = edit(old, reids=k)
            new_ids = {c.id for c in new.claims}
            old_ids = {c.id for c in old.claims}
            gone = [c.id for c in old.claims if c.id not in new_ids]
            fresh = [c.id for c in new.claims if c.id not in old_ids]
            found_map = detect_renames(old, new, gone, fresh)
            ok = sum(1 for o, (nid, _s) in found_map.items() if renames.get(o) == nid)
            _w, cpu = best(
                lambda new=new, gone=gone, fresh=fresh: detect_renames(old, new, gone, fresh)
            )
            print(f"{k:>8} {ok:>6} {cpu:>7.3f}")


if __name__ == "__main__":
    main()
