#!/usr/bin/env python3
"""Scores `factcheck extract --format json` on the blind extraction catalogue
(tests/extract-catalogue/cases.toml, written from the issue's classes without sight of the
code and frozen before the extractor was changed for it).

A case passes when every expected claim is found (same kind, overlapping span, and the same
value, currency, state or authority where the case gives one; a count's `of` must end with
the expected noun), and, for a strict case, no other claim of a listed kind (or any claim,
when it expects none) is found.

Usage: scripts/score-extract-catalogue.py [--bin target/release/factcheck] [-v] [--min N]

With --min N it exits 1 when fewer than N cases pass (CI keeps the score from slipping).
"""
import argparse, json, subprocess, sys, tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KIND = {"count": {"count"}, "money": {"amount", "money"}, "percent": {"percent"},
        "date": {"date"}, "status": {"status"}}


def claims_of(binary, text):
    out = subprocess.run([binary, "extract", "--format", "json", "-"], input=text.encode(),
                         capture_output=True, check=False).stdout
    doc = json.loads(out or b'{"files":[]}')
    files = doc.get("files") or [{}]
    return files[0].get("claims", [])


def matches(exp, got, text):
    if got["kind"] not in KIND.get(exp["kind"], {exp["kind"]}):
        return False
    at = text.find(exp["text"])
    lo, hi = at, at + len(exp["text"])
    s = got["span"]
    if at < 0 or not (s["start"] < hi and lo < s["end"]):
        return False
    v = exp.get("value")
    if isinstance(v, (int, float)) and got.get("value") != v:
        try:
            if abs(float(got.get("value")) - float(v)) > 1e-9:
                return False
        except (TypeError, ValueError):
            return False
    if isinstance(v, str) and exp["kind"] == "date":
        gv = str(got.get("value") or "")
        if v.startswith("--"):
            if f"-{v[2:]}" not in gv:
                return False
        elif gv != v:
            return False
    if "currency" in exp and got.get("currency") != exp["currency"]:
        return False
    if "of" in exp and not (got.get("of") or "").lower().endswith(exp["of"].lower()):
        return False
    if "state" in exp and got.get("state") != exp["state"]:
        return False
    if exp.get("authority") not in (None, "other") and got.get("authority") != exp["authority"]:
        return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target/release/factcheck"))
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--min", type=int, default=0, help="exit 1 when fewer cases pass")
    a = ap.parse_args()
    cases = tomllib.load(open(ROOT / "tests/extract-catalogue/cases.toml", "rb"))["case"]
    per = defaultdict(lambda: [0, 0])
    for c in cases:
        got = claims_of(a.bin, c["text"])
        ok = all(any(matches(e, g, c["text"]) for g in got) for e in c.get("expect", []))
        if ok and c.get("strict"):
            kinds = {k for e in c["expect"] for k in KIND.get(e["kind"], {e["kind"]})}
            extra = [g for g in got if (not kinds or g["kind"] in kinds)
                     and not any(matches(e, g, c["text"]) for e in c["expect"])]
            ok = not extra
        per[c["class"]][0] += ok
        per[c["class"]][1] += 1
        if a.v and not ok:
            print(f"FAIL [{c['class']}] {c['text']!r}\n  want {c.get('expect')}\n  got  "
                  + json.dumps([(g['kind'], g['text'], g.get('value'), g.get('currency'), g.get('of'))
                                for g in got]))
    tot = [sum(v[0] for v in per.values()), sum(v[1] for v in per.values())]
    for k, (p, n) in sorted(per.items()):
        print(f"{k:22} {p}/{n}")
    print(f"{'all':22} {tot[0]}/{tot[1]} cases pass")
    if tot[0] < a.min:
        print(f"below the floor: {tot[0]} < {a.min} cases", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
