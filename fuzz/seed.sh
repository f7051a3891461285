#!/bin/sh
# Seeds each fuzz target's corpus from the project's own articles and KB files.
# Run from fuzz/: sh seed.sh
set -e
mkdir -p corpus/extract corpus/check corpus/kb_load
for f in ../tests/corpus/*/* ../tests/fixtures/check/articles/* ../tests/heldout/*/* ../../shared/seed/*.txt; do
    [ -f "$f" ] || continue
    n=$(basename "$f")
    # extract: the first byte picks whether the article has a date.
    { printf '\001'; cat "$f"; } > "corpus/extract/$n"
    cp "$f" "corpus/check/$n"
done
for f in $(find ../rules ../tests/fixtures -name '*.toml'); do
    n=$(echo "${f#../}" | tr '/' '_')
    # kb_load: the first byte picks whether the embedded language rules load too.
    { printf '\000'; cat "$f"; } > "corpus/kb_load/$n"
    { printf '\001'; cat "$f"; } > "corpus/kb_load/alone-$n"
done
