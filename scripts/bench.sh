#!/usr/bin/env bash
# Benchmarks factcheck on a generated corpus and prints one table, measured in one run:
#   - check throughput, single-threaded and on all cores, beside ripgrep reading every number
#     of the same files (`rg -j1 -o '[0-9][0-9,.]*'`) as the reading-speed reference;
#   - `factcheck extract --format json` (every claim, no KB) on all cores, and its peak memory;
#   - KB load time and peak memory for 1k, 10k and 100k records;
#   - check time of a fixed corpus against those three KBs (total, and less the KB load);
#   - peak memory for two corpus sizes (it should follow the largest article, not the corpus);
#   - start-up for one small article with the embedded KB;
#   - precision and recall of the findings against the mismatches planted in the corpus.
#
# Usage: scripts/bench.sh [MB]          (default 20 MB of articles)
#   BENCH_DIR=dir  generate into dir and keep the files there (a later run of the same size
#                  reuses them); without it a temporary directory is used and removed on exit.
#   BENCH_RUNS=n   hyperfine runs of each command (default 5).
#   BENCH_VS=bin   another factcheck binary (an earlier release, say) timed on one thread in
#                  the same hyperfine run as this build, and reported beside it.
# Needs: cargo, hyperfine, ripgrep (rg), GNU time (/usr/bin/time), python3.
set -euo pipefail

MB=${1:-20}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${BENCH_DIR:-}" ]; then
    DIR=$BENCH_DIR
    mkdir -p "$DIR"
else
    # Ours alone: removed however the script ends (a 20 MB run generates some 300 MB).
    DIR=$(mktemp -d "${TMPDIR:-/tmp}/factcheck-bench.XXXXXX")
    trap 'rm -rf "$DIR"' EXIT
fi
RUNS=${BENCH_RUNS:-5}
VS=${BENCH_VS:-}
if [ -n "$VS" ] && [ ! -x "$VS" ]; then
    echo "BENCH_VS=$VS is not an executable file" >&2
    exit 2
fi

missing=()
for tool in hyperfine rg python3; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
[ -x /usr/bin/time ] || missing+=("time")
if [ ${#missing[@]} -gt 0 ]; then
    pkgs=${missing[*]}
    pkgs=${pkgs/rg/ripgrep}
    echo "bench.sh needs: ${missing[*]}  (Debian: apt-get install $pkgs)" >&2
    exit 2
fi

cd "$ROOT"
echo "building (release)…" >&2
cargo build --release --quiet --bin factcheck --example gen-corpus
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
FC=$TARGET/release/factcheck
GEN=$TARGET/release/examples/gen-corpus

# Named by size, so a kept BENCH_DIR serves runs of several sizes without mixing them up.
MAIN=$DIR/corpus-${MB}mb
SMALL=$DIR/corpus-${MB}mb-quarter
echo "generating corpus and KBs in $DIR…" >&2
[ -d "$MAIN" ] || "$GEN" generate --out "$MAIN" --records 1000 --mb "$MB" >&2
[ -d "$SMALL" ] || "$GEN" generate --out "$SMALL" --records 1000 --mb "$(python3 -c "print($MB/4)")" >&2
for k in 10000 100000; do
    # The first 1,000 records of every generated KB are the same, so the corpus written from
    # the 1k KB has the same findings against the larger ones.
    [ -d "$DIR/kb$k" ] || "$GEN" generate --out "$DIR/kb$k" --records $k --mb 0 >&2
done
BYTES=$(find "$MAIN/articles" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
FILES=$(find "$MAIN/articles" -type f | wc -l)
SMALL_BYTES=$(find "$SMALL/articles" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')

# Warm the page cache so every command reads from memory.
find "$MAIN/articles" "$SMALL/articles" -type f -exec cat {} + > /dev/null

mean() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][${2:-0}]['mean'])" "$1"; }
peak_kb() { /usr/bin/time -o "$DIR/rss" -f '%M' "$@" >/dev/null 2>&1 || true; tail -1 "$DIR/rss"; }

echo "timing check throughput…" >&2
vs_cmd=()
[ -n "$VS" ] && vs_cmd=("env RAYON_NUM_THREADS=1 $VS --kb $MAIN/kb -q --format json $MAIN/articles")
hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$DIR/t-throughput.json" \
    "rg -j1 -o [0-9][0-9,.]* $MAIN/articles" \
    "env RAYON_NUM_THREADS=1 $FC --kb $MAIN/kb -q --format json $MAIN/articles" \
    "$FC --kb $MAIN/kb -q --format json $MAIN/articles" \
    "$FC extract --format json $MAIN/articles" \
    "${vs_cmd[@]}" >&2
RG=$(mean "$DIR/t-throughput.json" 0)
ONE=$(mean "$DIR/t-throughput.json" 1)
ALL=$(mean "$DIR/t-throughput.json" 2)

echo "timing KB loads…" >&2
hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$DIR/t-kb.json" \
    "$FC kb check $MAIN/kb" "$FC kb check $DIR/kb10000/kb" "$FC kb check $DIR/kb100000/kb" >&2
# Each KB checks the small corpus and, for the fixed cost (load, validation, indexes), one
# tiny article: the difference is the time spent checking.
printf 'The sale is worth $5 million.\n' > "$DIR/tiny.md"
hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$DIR/t-kbcheck.json" \
    "$FC --kb $MAIN/kb -q --format json $SMALL/articles" \
    "$FC --kb $DIR/kb10000/kb -q --format json $SMALL/articles" \
    "$FC --kb $DIR/kb100000/kb -q --format json $SMALL/articles" \
    "$FC --kb $MAIN/kb -q --format json $DIR/tiny.md" \
    "$FC --kb $DIR/kb10000/kb -q --format json $DIR/tiny.md" \
    "$FC --kb $DIR/kb100000/kb -q --format json $DIR/tiny.md" >&2

echo "timing start-up…" >&2
hyperfine -N -i --warmup 5 --runs 50 --export-json "$DIR/t-start.json" \
    "$FC $ROOT/examples/kosovo-correct.md" "$FC $DIR/tiny.md" "$FC --version" >&2

echo "measuring memory…" >&2
M_KB1=$(peak_kb "$FC" kb check "$MAIN/kb")
M_KB10=$(peak_kb "$FC" kb check "$DIR/kb10000/kb")
M_KB100=$(peak_kb "$FC" kb check "$DIR/kb100000/kb")
M_MAIN=$(peak_kb "$FC" --kb "$MAIN/kb" -q --format json "$MAIN/articles")
M_SMALL=$(peak_kb "$FC" --kb "$MAIN/kb" -q --format json "$SMALL/articles")
M_EXTRACT=$(peak_kb "$FC" extract --format json "$MAIN/articles")

echo "timing one 12 MB sentence…" >&2
# One sentence of 12 MB, mixing the built-in KB's deals: linking must stay linear in the
# claims of a sentence.
python3 - "$DIR/one-sentence.txt" <<'PY'
import random, sys
random.seed(7)
parts = ["Kosovo will receive 246 Javelin missiles", "Romania bought 263 Javelin missiles for $80 million",
         "Poland ordered 250 Abrams tanks worth $4.75 billion", "the State Department approved the sale on Jan. 11, 2024",
         "Congress was notified", "Taiwan will get 66 F-16 jets", "Finland buys 64 F-35 jets for $9.4 billion"]
out, n = [], 0
while n < 12_000_000:
    p = random.choice(parts); out.append(p); n += len(p) + 5
open(sys.argv[1], "w").write(" and ".join(out) + ".\n")
PY
/usr/bin/time -o "$DIR/long" -f '%e %M' "$FC" -q --format json "$DIR/one-sentence.txt" >/dev/null 2>&1 || true
LONG=$(tail -1 "$DIR/long")

echo "scoring findings…" >&2
"$FC" --kb "$MAIN/kb" --format json "$MAIN/articles" > "$DIR/findings.json" || true
SCORE=$("$GEN" score "$MAIN" "$DIR/findings.json" | head -1 || true)

python3 - "$DIR" "$BYTES" "$FILES" "$SMALL_BYTES" "$RG" "$ONE" "$ALL" \
    "$M_KB1" "$M_KB10" "$M_KB100" "$M_MAIN" "$M_SMALL" "$SCORE" "$M_EXTRACT" "$LONG" "$VS" <<'PY'
import json, os, sys
d, nbytes, files, small_bytes, rg, one, alls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), *map(float, sys.argv[5:8])
m_kb1, m_kb10, m_kb100, m_main, m_small = (int(x) / 1024 for x in sys.argv[8:13])
score = sys.argv[13]
m_extract = int(sys.argv[14]) / 1024
long_s, long_kb = (sys.argv[15].split() + ["?", "0"])[:2]
vs = sys.argv[16]
mb = nbytes / 2**20
def means(f): return [r['mean'] for r in json.load(open(os.path.join(d, f)))['results']]
def mins(f): return [r['min'] for r in json.load(open(os.path.join(d, f)))['results']]
tmin = mins('t-throughput.json')
kb = means('t-kb.json'); kbmin = mins('t-kb.json'); st = means('t-start.json')
# Checking time is a difference of two runs: the fastest of each is the steadier measure on a
# shared machine.
kc = mins('t-kbcheck.json')
print(f"\n## factcheck benchmark: {mb:.1f} MB in {files} articles, {os.cpu_count()} cores\n")
print("| measure | value |")
print("|---|---|")
print(f"| ripgrep, every number (`rg -j1 -o`) | {rg*1e3:.0f} ms, {mb/rg:.0f} MB/s (fastest run {tmin[0]*1e3:.0f} ms) |")
print(f"| factcheck, 1 thread | {one*1e3:.0f} ms, {mb/one:.1f} MB/s ({rg/one:.3f} of ripgrep, 1/{one/rg:.1f}; fastest runs 1/{tmin[1]/tmin[0]:.1f}) |")
if vs:
    other, other_min = means('t-throughput.json')[4], tmin[4]
    print(f"| `{vs}`, 1 thread (same run) | {other*1e3:.0f} ms, {mb/other:.1f} MB/s (1/{other/rg:.1f} of ripgrep; fastest run {other_min*1e3:.0f} ms); this build / it: {one/other:.3f} (fastest runs {tmin[1]/other_min:.3f}) |")
print(f"| factcheck, all cores | {alls*1e3:.0f} ms, {mb/alls:.1f} MB/s ({one/alls:.2f}x one thread; fastest runs {tmin[1]/tmin[2]:.2f}x) |")
ex = means('t-throughput.json')[3]
print(f"| factcheck extract --format json, all cores (every claim, no KB) | {ex*1e3:.0f} ms, {mb/ex:.1f} MB/s (fastest {tmin[3]*1e3:.0f} ms), {m_extract:.0f} MB peak |")
for n, t, tmin_, m in zip(["1k", "10k", "100k"], kb, kbmin, [m_kb1, m_kb10, m_kb100]):
    print(f"| KB load + validation, {n} records (`kb check`) | {t*1e3:.0f} ms (fastest {tmin_*1e3:.0f} ms), {m:.0f} MB peak |")
smb = small_bytes / 2**20
for n, t, fixed in zip(["1k", "10k", "100k"], kc[:3], kc[3:]):
    print(f"| check {smb:.1f} MB against the {n} KB (fastest runs) | {t*1e3:.0f} ms: {fixed*1e3:.0f} ms KB load and indexes, {(t-fixed)*1e3:.0f} ms checking |")
small_check, big_check = kc[0] - kc[3], kc[2] - kc[5]
if small_check > 0 and big_check > 0:
    print(f"| checking time, 100k KB / 1k KB (load and indexes excluded) | {big_check/small_check:.2f}x |")
else:
    # A corpus this small checks in less time than the runs of the KB load vary by.
    print("| checking time, 100k KB / 1k KB (load and indexes excluded) | lost in the noise of the loads (a larger corpus tells) |")
print(f"| peak memory, {mb:.1f} MB corpus / {smb:.1f} MB corpus | {m_main:.0f} MB / {m_small:.0f} MB |")
print(f"| start-up, embedded KB: the Kosovo example / a one-line article | {st[0]*1e3:.1f} ms / {st[1]*1e3:.1f} ms (`--version`: {st[2]*1e3:.1f} ms) |")
print(f"| one 12 MB sentence (built-in KB) | {long_s} s, {int(long_kb)/1024:.0f} MB peak |")
print(f"| findings vs planted mismatches | {score} |")
PY
if [ -n "${BENCH_DIR:-}" ]; then
    echo "(files kept in $DIR)" >&2
fi
