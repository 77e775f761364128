#!/usr/bin/env bash
# Four shards through GNU parallel, merged, equal the single run (issue 5,
# item 5; the recipe of examples/scale-out/README.md).
#
#   tests/scale_out.sh ISOCHECK WORKDIR [HISTORY...]
#
# Writes two benchmark-like workloads into WORKDIR (counter-5: five
# transactions each incrementing x; transfer-4: four transactions reading x
# and y and writing one of them, as bench/gen-workloads writes them), runs
# `isocheck check --shard K/4 --format json` for K = 1..4 through GNU
# parallel on them and on the HISTORY files given, merges the four parts with
# `isocheck merge`, and compares the text and JSON reports with the single
# run's. The seconds and memory differ between runs and are left out; so are
# the counts ("stats aside", issue 5): the distinct count, which merge sums
# over the parts, is an upper bound (a distinct execution can be reached in
# two parts), checked to lie between the single run's and the merged number
# of executions; the executions and states, because with the state cache the
# parts explore subtrees that the single run may explore as one, sharing its
# cache (specs/exploration.md 3). Exits 0 when they agree,
# 1 with a diff when not, 77 (skipped) when GNU parallel is not installed.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 ISOCHECK WORKDIR [HISTORY...]" >&2
    exit 2
fi
isocheck=$1
work=$2
shift 2

if ! command -v parallel >/dev/null; then
    echo "scale_out.sh: GNU parallel is not installed (apt-get install parallel): skipped" >&2
    exit 77
fi

rm -rf "$work"
mkdir -p "$work"

# counter-N and transfer-N as bench/gen-workloads writes them, with more models.
ops() {  # ops TXN-NAME OPS...: one [[txn]] table
    local name=$1 list=""
    shift
    for op in "$@"; do list+="${list:+, }\"$op\""; done
    printf '\n[[txn]]\nname = "%s"\nops = [%s]\n' "$name" "$list"
}
{
    printf 'title = "counter-5: lost-update workload, 5 transactions"\n'
    printf 'models = ["repeatable-read", "snapshot", "serializable", "serializable-snapshot"]\n'
    printf '\n[initial]\nx = 0\n'
    for i in 1 2 3 4 5; do ops "T$i" "r x" "w x = x + 1" "commit"; done
} >"$work/counter-5.toml"
{
    printf 'title = "transfer-4: write-skew workload, 4 transactions over x and y"\n'
    printf '\n[initial]\nx = 10\ny = 20\n'
    for i in 1 2 3 4; do
        if [ $((i % 2)) -eq 1 ]; then w="w x = x + y"; else w="w y = x + y"; fi
        ops "T$i" "r x" "r y" "$w" "commit"
    done
} >"$work/transfer-4.toml"

files=("$work/counter-5.toml" "$work/transfer-4.toml" "$@")

# One shard: part K of 4 of every file, as JSON. A part judges no
# expectation (merge judges the whole run), so it exits 0.
shard() {
    local k=$1
    shift
    "$ISOCHECK" check --jobs 1 --shard "$k/4" --format json "$@" >"$WORK/part-$k.json"
}
export -f shard
export ISOCHECK=$isocheck WORK=$work
# --quote: every word of the command is passed as it is (paths with spaces).
SHELL=$(command -v bash) parallel --will-cite --halt now,fail=1 --jobs 4 --quote \
    shard {} "${files[@]}" ::: 1 2 3 4

parts=("$work"/part-{1,2,3,4}.json)
status=0
"$isocheck" check --format json "${files[@]}" >"$work/single.json" || status=$?
"$isocheck" check "${files[@]}" >"$work/single.txt" || true
merged=0
"$isocheck" merge --format json "${parts[@]}" >"$work/merged.json" || merged=$?
"$isocheck" merge "${parts[@]}" >"$work/merged.txt" || true
if [ "$merged" -ne "$status" ]; then
    echo "scale_out.sh: merge exited $merged, the single run $status" >&2
    exit 1
fi

# The figures that differ: seconds and memory (tests/timings.hpp), and the
# counts.
comparable() {
    sed -E 's/, [0-9]+\.[0-9]{2} s, [0-9,]+ MB/, <seconds> s, <memory> MB/
            s/"seconds": [0-9.eE+-]+/"seconds": "<seconds>"/
            s/"peak_memory_kb": [0-9]+/"peak_memory_kb": "<memory>"/
            s/[0-9,]+ executions? \([0-9,]+ distinct\), [0-9,]+ states/<n> executions (<distinct> distinct), <n> states/
            s/"(executions|distinct_executions|states)": [0-9]+/"\1": "<n>"/' "$1"
}
for format in txt json; do
    if ! diff -u <(comparable "$work/single.$format") <(comparable "$work/merged.$format") \
        >"$work/diff.$format"; then
        echo "scale_out.sh: four shards merged differ from the single run ($format):" >&2
        cat "$work/diff.$format" >&2
        exit 1
    fi
done

# Distinct counts: single <= merged <= merged executions, model by model.
counts() {  # executions and distinct of every stats line, one pair a line
    sed -nE 's/^[a-z-]+: ([0-9,]+) executions? \(([0-9,]+) distinct\).*/\1 \2/p' "$1" | tr -d ,
}
if ! paste -d ' ' <(counts "$work/single.txt") <(counts "$work/merged.txt") |
    awk '{ if ($4 < $2 || $4 > $3) { print "scale_out.sh: distinct " $4 " not within " $2 ".." $3 > "/dev/stderr"; bad = 1 } }
         END { exit bad }'; then
    exit 1
fi
lines=$(counts "$work/single.txt" | wc -l)
if [ "$lines" -eq 0 ]; then
    echo "scale_out.sh: no stats lines found in the text report" >&2
    exit 1
fi
echo "scale_out.sh: 4 shards merged = the single run (${#files[@]} files, $lines model runs)"
