#!/usr/bin/env python3
"""Precision and recall of factcheck on the blind corpus (tests/blind/*/expected.toml).

    scripts/score-blind.py [--bin target/release/factcheck] [--kb PATH] [--set set-a] [-v]

Each article is checked with its manifest date (`--date`). An alarm is a finding of severity
error or warning. A planted error is caught when an alarm with its code sits on its line and
overlaps its text; every other alarm is a false one. Advice is counted apart.
"""
import argparse, json, os, subprocess, sys, tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def line_span(text, line, needle):
    """Byte span of `needle` on 1-based `line` of `text`."""
    data = text.encode()
    lines = data.split(b"\n")
    start = sum(len(l) + 1 for l in lines[: line - 1])
    i = lines[line - 1].find(needle.encode())
    if i < 0:
        return None
    return (start + i, start + i + len(needle.encode()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target/release/factcheck"))
    ap.add_argument("--kb", action="append", default=[])
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    sets = a.set or sorted(p.name for p in (ROOT / "tests/blind").iterdir() if p.is_dir())
    total = {"tp": 0, "fp": 0, "expected": 0, "caught": 0, "advice": 0, "correct": 0, "flagged": 0}
    for s in sets:
        base = ROOT / "tests/blind" / s
        man = tomllib.loads((base / "expected.toml").read_text())
        st = {k: 0 for k in total}
        for art in man["article"]:
            path = base / art["file"]
            text = path.read_text()
            cmd = [a.bin, "check", "--format", "json", "--fail-on", "never", "--date", str(art["date"])]
            for k in a.kb:
                cmd += ["--kb", k]
            out = subprocess.run(cmd + [str(path)], cwd=ROOT, capture_output=True, text=True)
            try:
                doc = json.loads(out.stdout)
            except json.JSONDecodeError:
                print(f"{path}: no JSON ({out.stderr.strip()[:200]})", file=sys.stderr)
                continue
            findings = [f for f in doc["files"][0]["findings"]] if doc["files"] else []
            alarms = [f for f in findings if f["severity"] in ("error", "warning")]
            st["advice"] += len(findings) - len(alarms)
            errors = art.get("error", [])
            used = set()
            for e in errors:
                st["expected"] += 1
                sp = line_span(text, e["line"], e["text"])
                hit = None
                for i, f in enumerate(alarms):
                    if f["code"] != e["code"] or f["span"]["line"] != e["line"]:
                        continue
                    if sp and (f["span"]["end"] <= sp[0] or f["span"]["start"] >= sp[1]):
                        continue
                    hit = i
                    break
                if hit is not None:
                    st["caught"] += 1
                    used.add(hit)
                elif a.verbose:
                    print(f"  MISS {s}/{art['file']}:{e['line']} {e['code']} {e['text']!r}")
            for i, f in enumerate(alarms):
                if i in used:
                    st["tp"] += 1
                else:
                    st["fp"] += 1
                    if a.verbose:
                        print(f"  FALSE {s}/{art['file']}:{f['span']['line']} {f['code']} {f['text']!r}: {f['message']}")
            if not errors:
                st["correct"] += 1
                if alarms:
                    st["flagged"] += 1
        report(s, st)
        for k in total:
            total[k] += st[k]
    if len(sets) > 1:
        report("all", total)


def report(name, st):
    alarms = st["tp"] + st["fp"]
    p = st["tp"] / alarms if alarms else 1.0
    r = st["caught"] / st["expected"] if st["expected"] else 1.0
    print(f"{name}: precision {p:.2f} ({st['tp']}/{alarms}), recall {r:.2f} ({st['caught']}/{st['expected']}), "
          f"correct articles flagged {st['flagged']}/{st['correct']}, advice {st['advice']}")


if __name__ == "__main__":
    main()
