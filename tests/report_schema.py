#!/usr/bin/env python3
"""The JSON report against its schema (issue 6, item 6), with Debian's
python3-jsonschema (Draft 2020-12).

  report_schema.py accept ISOCHECK SCHEMA WORKDIR
      Every report isocheck writes validates: every example and pin under
      every model (as one array and file by file), a report with failed
      expectations, each part of a sharded run and their merge, and an
      incomplete run (--max-states). Fails when a report does not validate,
      or when the reports leave some shape of the schema unexercised (a step
      kind, a failure reason, a mismatch key), so that the check stays
      meaningful as the examples change.

  report_schema.py reject ISOCHECK SCHEMA WORKDIR
      The check can fail: a valid report with one field removed, retyped,
      renamed or added is rejected, each for the reason expected.

Run from the source directory (CTest's WORKING_DIRECTORY). Exit 0 on
success, 1 on a failure, each failure explained on standard error.
"""

import copy
import glob
import json
import os
import subprocess
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError:
    sys.exit("report_schema.py: python3-jsonschema is missing (scripts/install-deps installs it)")

MODELS = ["read-uncommitted", "read-committed", "read-committed-snapshot", "repeatable-read",
          "snapshot", "serializable", "serializable-snapshot"]
ALL_MODELS = [arg for m in MODELS for arg in ("--model", m)]


class Checker:
    def __init__(self, isocheck, schema_path, work):
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
        self.validator = Draft202012Validator(schema)
        self.isocheck = isocheck
        self.work = work
        self.failures = 0
        self.reports = 0
        os.makedirs(work, exist_ok=True)

    def fail(self, what):
        print(f"FAIL: {what}", file=sys.stderr)
        self.failures += 1

    def run(self, args, codes):
        """Runs isocheck; returns its standard output, or None (a failure) on
        an exit code outside `codes`."""
        p = subprocess.run([self.isocheck] + args, capture_output=True, text=True, check=False)
        if p.returncode not in codes:
            self.fail(f"isocheck {' '.join(args)}: exit {p.returncode}, expected one of "
                      f"{sorted(codes)}\n{p.stderr}")
            return None
        return p.stdout

    def errors(self, report):
        return sorted(self.validator.iter_errors(report), key=lambda e: list(e.absolute_path))

    def validate(self, what, text):
        """Parses and validates one report; returns it (None when invalid)."""
        if text is None:
            return None
        try:
            report = json.loads(text)
        except json.JSONDecodeError as e:
            self.fail(f"{what}: not JSON: {e}")
            return None
        errors = self.errors(report)
        for e in errors[:5]:
            where = "".join(f"[{p!r}]" for p in e.absolute_path)
            self.fail(f"{what}: {where or 'the report'}: {e.message[:400]}")
        self.reports += 1
        return None if errors else report


def files_of(report):
    return report if isinstance(report, list) else [report]


def steps_of(report):
    """Every structured step, wait and failure in a report."""
    for f in files_of(report):
        for m in f.get("models", []):
            lists = [m[name] for name in ("anomalies", "phenomena", "deadlocks", "aborts")]
            if "fixed_schedule" in m:
                lists.append([m["fixed_schedule"]])
            for finding in (x for lst in lists for x in lst):
                yield from (("step", s) for s in finding["trace"])
                yield from (("wait", w) for w in finding.get("waiting", []))
                if "failure" in finding:
                    yield ("failure", finding["failure"])


def accept(c):
    histories = sorted(glob.glob("examples/*.toml")) + sorted(glob.glob("specs/pins/*.toml"))
    if len(histories) < 20:
        c.fail(f"only {len(histories)} history files found: run from the source directory")
        return

    everything = c.validate("every example and pin under every model",
                            c.run(["check", "--format", "json", "--quiet", "--jobs", "1"] +
                                  ALL_MODELS + histories, {0, 1}))
    if everything is not None:
        if len(everything) != len(histories):
            c.fail(f"{len(histories)} files gave {len(everything)} reports")
        for f in everything:
            if [m["model"] for m in f["models"]] != MODELS:
                c.fail(f"{f['file']}: models {[m['model'] for m in f['models']]}")

    for h in histories:
        c.validate(h, c.run(["check", "--format", "json", "--quiet", "--jobs", "1", h], {0}))

    # The engine models' files: transcripts (their step outcomes), probe
    # files (OTV and PMP findings), engine pins.
    engines = sorted(glob.glob("specs/engines/**/*.toml", recursive=True))
    outcomes = probes = 0
    for h in engines:
        report = c.validate(h, c.run(["check", "--format", "json", "--quiet", "--jobs", "1", h], {0}))
        files = report if isinstance(report, list) else [report] if report else []
        for m in (m for f in files for m in f["models"]):
            outcomes += len(m.get("fixed_schedule", {}).get("outcomes", []))
            probes += len(m["probes"])
    if len(engines) < 60 or outcomes == 0 or probes == 0:
        c.fail(f"specs/engines: {len(engines)} files, {outcomes} step outcomes, {probes} OTV/PMP findings")

    # No example or pin deletes a row: a lost update by a delete (T2 reads x,
    # T1 deletes it, T2 writes it back: G-single under read-committed).
    deletes = os.path.join(c.work, "delete.toml")
    with open(deletes, "w", encoding="utf-8") as f:
        f.write('models = ["read-committed"]\n[initial]\nx = 1\n'
                '[[txn]]\nops = ["d x"]\n[[txn]]\nops = ["r x", "w x = x + 1"]\n')
    deleted = c.validate("a history with a delete",
                         c.run(["check", "--format", "json", "--quiet", deletes], {0}))

    # Expectations that fail, of every key, on a fixed schedule that cannot
    # happen (T2's write waits for T1's read lock at step 3): SPEC 1.4 says
    # the execution then exhibits nothing, so every key but `possible` finds
    # the empty set or false. Values, not text.
    wrong = os.path.join(c.work, "wrong-expectations.toml")
    with open(wrong, "w", encoding="utf-8") as f:
        f.write('models = ["serializable"]\nschedule = ["T1", "T2", "T2"]\n[initial]\nx = 10\n'
                '[[txn]]\nops = ["r x", "w x = x + 1"]\n[[txn]]\nops = ["r x", "w x = x + 1"]\n'
                '[expect.serializable]\nanomalies = ["G-single"]\nphenomena = ["P0", "P4"]\n'
                'deadlock = true\nsnapshot_too_old = true\npossible = true\n')
    failed = c.validate("failed expectations",
                        c.run(["check", "--format", "json", "--quiet", wrong], {1}))
    if failed is not None:
        got = [(x["key"], x["expected"], x["found"])
               for x in failed["models"][0]["expectations"]["mismatches"]]
        want = [("anomalies", ["G-single"], []), ("phenomena", ["P0", "P4"], []),
                ("deadlock", True, False), ("snapshot_too_old", True, False),
                ("possible", True, False)]
        if got != want:
            c.fail(f"failed expectations: mismatches {got}, expected {want}")

    # The reports must exercise the schema's shapes, or validating them
    # proves little: every step kind, a deadlock victim's abort (step null),
    # both reasons a fixed schedule cannot happen, deadlock waits.
    seen = [x for r in (everything, deleted) if r is not None for x in steps_of(r)]
    kinds = {s["kind"] for what, s in seen if what == "step"}
    for kind in ["read", "read-for-update", "write", "update", "delete", "select", "commit",
                 "abort"]:
        if kind not in kinds:
            c.fail(f"no report has a trace step of kind {kind}")
    if not any(what == "step" and s["step"] is None for what, s in seen):
        c.fail("no report has a deadlock victim's abort in a trace")
    reasons = {s["reason"] for what, s in seen if what == "failure"}
    if reasons != {"waits", "ended"}:
        c.fail(f"fixed-schedule failures of the reasons {sorted(reasons)} only")
    if not any(what == "wait" for what, _ in seen):
        c.fail("no report has a deadlock")

    # The parts of a sharded run, and their merge.
    sharded = ["examples/lost-update.toml", "examples/write-skew.toml"]
    parts = []
    for k in (1, 2):
        path = os.path.join(c.work, f"part-{k}.json")
        text = c.run(["check", "--format", "json", "--quiet", "--jobs", "1", "--shard", f"{k}/2"] +
                     sharded, {0})
        c.validate(f"part {k} of 2", text)
        if text is not None:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            parts.append(path)
    if len(parts) == 2:
        c.validate("the merged report", c.run(["merge", "--format", "json"] + parts, {0}))

    # An incomplete run: stopped by --max-states, expectations not judged.
    partial = c.validate("an incomplete run",
                         c.run(["check", "--format", "json", "--quiet", "--jobs", "1",
                                "--max-states", "3"] + ALL_MODELS + histories[:3], {3}))
    if partial is not None and not any(m["complete"] is False and m["stop_reason"] == "max-states"
                                       for f in files_of(partial) for m in f["models"]):
        c.fail("the --max-states run has no model marked incomplete")

    # A file that could not be checked is written as {"format_version", "file",
    # "error"} (json.cpp); no command prints one today, so validate the shape.
    c.validate("a file with an error", json.dumps(
        [{"format_version": 1, "file": "a.toml", "error": "a.toml:3: unknown key x"},
         everything[0] if everything else {}]))


def reject(c):
    text = c.run(["check", "--format", "json", "--quiet", "--jobs", "1"] + ALL_MODELS +
                 ["examples/lost-update.toml", "examples/deadlock.toml"], {0})
    base = c.validate("the unchanged report", text)
    if base is None:
        return
    lost = 0  # examples/lost-update.toml
    rc = 1    # read-committed: G-single and P4

    def model(r):
        return r[lost]["models"][rc]

    def without(key):
        def change(r):
            del r[lost][key]
        return change

    def setting(path, value):
        def change(r):
            obj = r
            for p in path[:-1]:
                obj = obj[p]
            obj[path[-1]] = value
        return change

    def on_model(f):
        return lambda r: f(model(r))

    mutations = [
        ("no format_version", without("format_version"), "'format_version' is a required property"),
        ("format_version 2", setting([lost, "format_version"], 2), "1 was expected"),
        ("format_version as a string", setting([lost, "format_version"], "1"), "1 was expected"),
        ("complete as a string", on_model(lambda m: m.update(complete="yes")),
         "'yes' is not of type 'boolean'"),
        ("an unknown model", on_model(lambda m: m.update(model="read-commited")),
         "'read-commited' is not one of"),
        ("an anomaly without its trace", on_model(lambda m: m["anomalies"][0].pop("trace")),
         "'trace' is a required property"),
        ("an unknown anomaly code", on_model(lambda m: m["anomalies"][0].update(code="G3")),
         "'G3' is not one of"),
        ("a phenomenon named by its code only (before format_version 1)",
         on_model(lambda m: (m["phenomena"][0].pop("code"), m["phenomena"][0].update(name="P4"))),
         "'code' is a required property"),
        ("a field the schema does not know", on_model(lambda m: m.update(verdict="ok")),
         "Additional properties are not allowed ('verdict' was unexpected)"),
        ("a step of an unknown kind", on_model(lambda m: m["anomalies"][0]["trace"][0].update(kind="jump")),
         "'jump' is not one of ['read', 'read-for-update']"),
        ("a step numbered from 0", on_model(lambda m: m["anomalies"][0]["trace"][0].update(step=0)),
         "0 is less than the minimum of 1"),
        ("a read step without the version it read",
         on_model(lambda m: m["anomalies"][0]["trace"][0].pop("version")),
         "'version' is a required property"),
        ("a mismatch as JSON text inside strings",
         on_model(lambda m: m["expectations"]["mismatches"].append(
             {"key": "deadlock", "expected": "false", "found": "true",
              "text": "deadlock: expected false found true"})),
         "'false' is not of type 'boolean'"),
        ("states below 0", on_model(lambda m: m["stats"].update(states=-1)),
         "-1 is less than the minimum of 0"),
        ("incomplete without a stop reason", on_model(lambda m: m.update(complete=False)),
         "'stop_reason' is a required property"),
        ("a deadlock wait without whom it waits for",
         lambda r: r[1]["models"][rc]["deadlocks"][0]["waiting"][0].pop("waits_for"),
         "'waits_for' is a required property"),
        ("an abort of an unknown cause",
         lambda r: r[1]["models"][rc]["aborts"][0].update(cause="timeout"),
         "'timeout' is not one of"),
    ]
    for what, change, message in mutations:
        report = copy.deepcopy(base)
        change(report)
        errors = c.errors(report)
        if not errors:
            c.fail(f"{what}: the schema accepts it")
            continue
        # The reason can lie deep under a oneOf: look through every branch.
        messages = []
        stack = list(errors)
        while stack:
            e = stack.pop()
            messages.append(e.message)
            stack.extend(e.context)
        if not any(message in m for m in messages):
            c.fail(f"{what}: rejected, but not because {message!r}: "
                   f"{[m[:200] for m in messages[:5]]}")
        else:
            print(f"rejected as it should be: {what} ({message})")


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("accept", "reject"):
        sys.exit(__doc__)
    mode, isocheck, schema, work = sys.argv[1:]
    c = Checker(isocheck, schema, work)
    (accept if mode == "accept" else reject)(c)
    print(f"{c.reports} reports validated, {c.failures} failures")
    sys.exit(1 if c.failures else 0)


if __name__ == "__main__":
    main()
