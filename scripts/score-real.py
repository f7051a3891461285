#!/usr/bin/env python3
"""Findings on real published articles, against a manifest of what a correct checker says.

    scripts/score-real.py DIR [--bin target/release/factcheck] [-v]

DIR holds the saved pages (never committed: they are other people's text) and
`manifest.toml` (see docs/real-articles.md): per article its file, url, date, the findings
it should raise (`[[article.expect]]` line/text/code) and the false alarms seen before
(`[[article.false_alarm]]`). An alarm is an error or warning; advice is counted apart.
"""
import argparse, json, subprocess, sys, tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--bin", default=str(ROOT / "target/release/factcheck"))
    ap.add_argument("--kb", action="append", default=[])
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    d = Path(a.dir)
    man = tomllib.loads((d / "manifest.toml").read_text())
    pages = agree = alarms = true = advice = missed = 0
    false_pages = 0
    for art in man["article"]:
        pages += 1
        cmd = [a.bin, "check", "--format", "json", "--fail-on", "never"]
        if art.get("date"):
            cmd += ["--date", str(art["date"])]
        for k in a.kb:
            cmd += ["--kb", k]
        out = subprocess.run(cmd + [str(d / art["file"])], cwd=ROOT, capture_output=True, text=True)
        doc = json.loads(out.stdout)
        fs = doc["files"][0]["findings"] if doc["files"] else []
        expect = art.get("expect", [])
        if not expect:
            agree += 1
        hit = set()
        page_false = False
        for f in fs:
            if f["severity"] == "advice":
                advice += 1
                continue
            ok = any(e["code"] == f["code"] and e["line"] == f["span"]["line"] for e in expect)
            if ok:
                true += 1
                hit.add((f["code"], f["span"]["line"]))
            else:
                alarms += 1
                page_false = True
                if a.verbose:
                    print(f"  FALSE {art['file']}:{f['span']['line']} {f['code']} {f['text']!r}: {f['message']}")
        false_pages += page_false
        for e in expect:
            if (e["code"], e["line"]) not in hit:
                missed += 1
                if a.verbose:
                    print(f"  MISS {art['file']}:{e['line']} {e['code']} {e['text']!r}")
    print(f"{pages} pages ({agree} agree with the KB): {alarms} false alarms (errors and warnings) on "
          f"{false_pages} pages, {true} true findings, {missed} missed, {advice} advice")


if __name__ == "__main__":
    main()
