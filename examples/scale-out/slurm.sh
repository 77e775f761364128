#!/bin/bash
# isocheck over a Slurm cluster: N shards of one run as an array job, then a
# merge job that starts when every shard has ended well (see README.md here).
#
#   bash slurm.sh HISTORY [MORE HISTORIES...]      on the login node: submits both
#   SHARDS=16 bash slurm.sh HISTORY                 the same with 16 parts
#   sbatch slurm.sh HISTORY                          only the array (4 parts)
#
# Run it from a directory that every node sees: the parts go to parts/, the
# shards' logs to isocheck-shard-JOBID-K.out, the merged report to
# isocheck-merge-JOBID.out (and as JSON to isocheck-merge-JOBID.json). The history
# files are given as they will be read by every node and by the merge, so
# the same relative path (from this directory) or a shared absolute path.
#
#SBATCH --job-name=isocheck-shard
#SBATCH --array=1-4
#SBATCH --cpus-per-task=4
#SBATCH --mem=2G
#SBATCH --time=02:00:00
#SBATCH --output=isocheck-shard-%A-%a.out
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: bash slurm.sh HISTORY... (or sbatch slurm.sh HISTORY...)" >&2
    exit 2
fi

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
    # On the login node: submit this script as the array, then the merge.
    shards=${SHARDS:-4}
    mkdir -p parts
    rm -f parts/part-*.json parts/part-*.json.partial
    array=$(sbatch --parsable --array="1-$shards" "$0" "$@")
    array=${array%%;*}  # "JOBID;CLUSTER" on a federation
    # The job's exit code is the last merge's: 0, 1 (an expectation failed), 2 or 3.
    # shellcheck disable=SC2016 # $SLURM_JOB_ID is expanded by the merge job
    merge=$(sbatch --parsable --job-name=isocheck-merge --dependency="afterok:$array" \
        --cpus-per-task=1 --mem=2G --time=00:30:00 --output="isocheck-merge-%j.out" \
        --wrap='isocheck merge --format json parts/part-*.json > "isocheck-merge-$SLURM_JOB_ID.json"; isocheck merge parts/part-*.json')
    merge=${merge%%;*}
    echo "submitted the shards as job $array (tasks 1-$shards) and the merge as job $merge"
    echo "the report: isocheck-merge-$merge.out (JSON: isocheck-merge-$merge.json)"
    exit 0
fi

# One array task: part K of N, as JSON, written under another name and
# renamed when complete. A part judges no expectation (merge judges the whole
# run): it exits 0 when done, and the merge runs only when every part did.
K=$SLURM_ARRAY_TASK_ID
N=$SLURM_ARRAY_TASK_COUNT
if [ "${SLURM_ARRAY_TASK_MIN:-1}" -ne 1 ] || [ "${SLURM_ARRAY_TASK_MAX:-$N}" -ne "$N" ]; then
    echo "the array must be 1-N (--array=1-$N), not $SLURM_ARRAY_TASK_MIN-$SLURM_ARRAY_TASK_MAX" >&2
    exit 2
fi
mkdir -p parts
isocheck check --jobs "${SLURM_CPUS_PER_TASK:-1}" --quiet --shard "$K/$N" --format json "$@" \
    >"parts/part-$K.json.partial"
mv "parts/part-$K.json.partial" "parts/part-$K.json"
