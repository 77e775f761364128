#!/usr/bin/env bash
# The engine models against the real servers (issue 10, specs/live.md):
# starts a throwaway PostgreSQL 15 and MariaDB (scripts/db-servers), then
# runs, with `isocheck run`, every Hermitage transcript under its engine
# models, every example's witness schedules under every engine model of
# each server, and a seeded differential run of generated histories with
# random transcripts: ISOCHECK_LIVE_HISTORIES per engine (default 300),
# shared out among the engine's models, each history under one. Any step
# where server and model differ fails the test and prints the history as a
# file to run again. With ISOCHECK_LIVE_RANDOM=N (the long mode), also N
# more histories per engine under every one of its models. Exit 77 (CTest:
# skipped) when the servers are not installed.
#
# Usage: tests/live.sh ISOCHECK   (the binary to test)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "$1")
if [ ! -x /usr/lib/postgresql/15/bin/postgres ] || ! command -v mariadbd >/dev/null && [ ! -x /usr/sbin/mariadbd ]; then
    echo "live: PostgreSQL 15 or MariaDB is not installed (scripts/install-deps installs them): skipped"
    exit 77
fi
if [ "${ISOCHECK_LIVE_INSIDE:-}" != 1 ]; then
    ISOCHECK_LIVE_INSIDE=1 exec "$root/scripts/db-servers" with "$0" "$@"
fi
: "${ISOCHECK_PG_CONNINFO:?} ${ISOCHECK_MARIADB_SOCKET:?}"
cd "$root"
mariadb="socket=$ISOCHECK_MARIADB_SOCKET user=$ISOCHECK_MARIADB_USER database=$ISOCHECK_MARIADB_DB"
status=0
run() {  # name, then isocheck run's arguments
    local name=$1 out
    shift
    out=$(mktemp)
    if "$bin" run "$@" >"$out" 2>&1; then
        if grep -q '^random:' "$out"; then
            echo "live: $name: $(grep '^random:' "$out" | sed 's/^random: //')"
        else
            echo "live: $name: $(grep -c 'agrees with the model' "$out") runs agree"
        fi
    else
        echo "live: $name: FAILED"
        if grep -q '^random:' "$out"; then
            head -150 "$out"  # each history that differs, as a file to run again
            grep '^random:' "$out"
        else
            grep -B40 -E 'DIFFERS|error' "$out" | tail -80
        fi
        status=1
    fi
    rm -f "$out"
}
run "PostgreSQL 15, Hermitage's transcripts" --engine postgres --connect "$ISOCHECK_PG_CONNINFO" \
    specs/engines/transcripts/postgres-*.toml
run "MariaDB, Hermitage's MySQL transcripts" --engine mariadb --connect "$mariadb" \
    specs/engines/transcripts/mysql-*.toml
run "PostgreSQL 15, every example's witnesses" --engine postgres --connect "$ISOCHECK_PG_CONNINFO" --witnesses \
    --model postgres-read-committed --model postgres-repeatable-read --model postgres-serializable examples/*.toml
run "MariaDB, every example's witnesses" --engine mariadb --connect "$mariadb" --witnesses \
    --model mysql-read-uncommitted --model mysql-read-committed --model mysql-repeatable-read \
    --model mysql-serializable examples/*.toml
# The differential run: each engine's histories shared out among its
# models, a seed per model (so every history is a different one), the two
# servers side by side.
histories=${ISOCHECK_LIVE_HISTORIES:-300}
differential() {  # engine, connection, models...
    local engine=$1 conn=$2 seed=0 each
    shift 2
    each=$(((histories + $# - 1) / $#))
    for model; do
        seed=$((seed + 1))
        ((each > 0)) || continue
        run "$engine, $each generated histories under $model (--seed $seed)" --engine "$engine" --connect "$conn" \
            --random "$each" --seed "$seed" --model "$model"
    done
}
pg_models=(postgres-read-committed postgres-repeatable-read postgres-serializable)
my_models=(mysql-read-uncommitted mysql-read-committed mysql-repeatable-read mysql-serializable)
pg_out=$(mktemp)
differential postgres "$ISOCHECK_PG_CONNINFO" "${pg_models[@]}" >"$pg_out" 2>&1 &
pg_job=$!
differential mariadb "$mariadb" "${my_models[@]}" || status=1
wait "$pg_job" || status=1
cat "$pg_out"
grep -q FAILED "$pg_out" && status=1
rm -f "$pg_out"
random=${ISOCHECK_LIVE_RANDOM:-0}
if ((random > 0)); then
    args=()
    for m in "${pg_models[@]}"; do args+=(--model "$m"); done
    "$bin" run --engine postgres --connect "$ISOCHECK_PG_CONNINFO" --random "$random" --seed 101 "${args[@]}" | tail -1 ||
        status=1
    args=()
    for m in "${my_models[@]}"; do args+=(--model "$m"); done
    "$bin" run --engine mariadb --connect "$mariadb" --random "$random" --seed 101 "${args[@]}" | tail -1 || status=1
fi
exit "$status"
