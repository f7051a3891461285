#!/bin/sh
# Runs every target for SECONDS (default 600) one after another, logging to fuzz-<target>.log.
# Run from fuzz/: sh run-all.sh [SECONDS] [targets...]
secs=${1:-600}
shift 2>/dev/null
targets=${*:-extract kb_load check}
for t in $targets; do
    nice -n 10 cargo +nightly fuzz run -a -s none "$t" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        > "fuzz-$t.log" 2>&1
done
