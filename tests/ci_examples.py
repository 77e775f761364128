#!/usr/bin/env python3
"""The CI examples of examples/ci/ are valid YAML of the right shape, and
their `isocheck verify` steps work: run with the built binary on PATH and
HISTORIES pointing at examples/, they pass and write a JUnit report that
parses as XML, with the times CI servers show.

usage: ci_examples.py SOURCE_DIR ISOCHECK_BINARY
Needs PyYAML (Debian's python3-yaml, installed by scripts/install-deps)."""

import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

try:
    import yaml
except ImportError:  # a python3 other than Debian's first on PATH
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    sys.exit("ci_examples: FAIL: PyYAML is missing (apt-get install python3-yaml)")

source, binary = sys.argv[1], sys.argv[2]
ci = os.path.join(source, "examples", "ci")
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
    return ok


def load(name):
    with open(os.path.join(ci, name), encoding="utf-8") as f:
        return yaml.safe_load(f)


def run_shell(script, env, cwd):
    """Runs a step's shell text as GitHub (bash -eo pipefail) would."""
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                          env=env, cwd=cwd, capture_output=True, text=True, check=False)


def check_report(path, where):
    """The JUnit file parses, counts the examples and times every testcase."""
    if not check(os.path.exists(path), f"{where}: no {os.path.basename(path)} written"):
        return
    root = ET.parse(path).getroot()
    check(root.tag == "testsuites", f"{where}: root element {root.tag}")
    check(int(root.get("tests", "0")) > 0 and root.get("failures") == "0",
          f"{where}: tests={root.get('tests')} failures={root.get('failures')}")
    cases = root.findall("./testsuite/testcase")
    check(cases and all(float(c.get("time", "-1")) >= 0 for c in cases),
          f"{where}: a testcase without a time attribute")
    check(float(root.get("time", "-1")) >= 0, f"{where}: no time on testsuites")


def environment(extra):
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(os.path.abspath(binary)) + os.pathsep + env.get("PATH", "")
    env["HISTORIES"] = os.path.join(source, "examples")
    env.update(extra)
    return env


# GitHub Actions: `on` reads as True in YAML 1.1.
gh = load("github-actions.yml")
check(isinstance(gh, dict) and (True in gh or "on" in gh) and "jobs" in gh,
      "github-actions.yml: needs on and jobs")
steps = [s for job in gh.get("jobs", {}).values() for s in job.get("steps", [])]
def runs_verify(text):
    """Whether a shell text has a line running isocheck verify."""
    return any(line.lstrip().startswith("isocheck verify ") for line in text.splitlines())


verify = [s for s in steps if runs_verify(s.get("run", ""))]
summary = [s for s in steps if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
upload = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
check(len(verify) == 1 and "--junit report.xml" in verify[0]["run"],
      "github-actions.yml: one step runs isocheck verify --junit report.xml")
check(upload and upload[0].get("with", {}).get("path") == "report.xml"
      and upload[0].get("if") == "always()",
      "github-actions.yml: report.xml uploaded with if: always()")
check(summary and summary[0].get("if") == "always()",
      "github-actions.yml: a summary step with if: always()")
if verify and summary:
    with tempfile.TemporaryDirectory() as tmp:
        step_summary = os.path.join(tmp, "summary.md")
        env = environment({"GITHUB_STEP_SUMMARY": step_summary})
        r = run_shell(verify[0]["run"], env, tmp)
        check(r.returncode == 0, f"github-actions.yml: verify step exited {r.returncode}: {r.stderr}")
        # --quiet: nothing but the summary line when every expectation holds.
        check(r.stdout.count("\n") == 1 and r.stdout.startswith("verify: "),
              f"github-actions.yml: verify --quiet printed {r.stdout[:500]!r}")
        check_report(os.path.join(tmp, "report.xml"), "github-actions.yml")
        r = run_shell(summary[0]["run"], env, tmp)
        check(r.returncode == 0, "github-actions.yml: summary step failed")
        with open(step_summary, encoding="utf-8") as f:
            text = f.read()
        check("## isocheck verify" in text and "verify: " in text,
              f"github-actions.yml: step summary {text!r}")

# GitLab CI: one job whose script runs verify and whose artifacts report JUnit.
gl = load("gitlab-ci.yml")
jobs = {k: v for k, v in (gl or {}).items() if isinstance(v, dict) and "script" in v}
check(len(jobs) == 1, "gitlab-ci.yml: one job with a script")
for name, job in jobs.items():
    artifacts = job.get("artifacts", {})
    check(artifacts.get("reports", {}).get("junit") == "report.xml",
          "gitlab-ci.yml: artifacts:reports:junit is report.xml")
    check(artifacts.get("when") == "always", "gitlab-ci.yml: artifacts when: always")
    script = "\n".join(job["script"])
    check(runs_verify(script) and "--junit report.xml" in script,
          "gitlab-ci.yml: the script runs isocheck verify --junit report.xml")
    with tempfile.TemporaryDirectory() as tmp:
        r = run_shell(script, environment({}), tmp)
        check(r.returncode == 0, f"gitlab-ci.yml: script exited {r.returncode}: {r.stderr}")
        check_report(os.path.join(tmp, "report.xml"), "gitlab-ci.yml")

for f in failures:
    print(f"ci_examples: FAIL: {f}", file=sys.stderr)
if failures:
    sys.exit(1)
print("ci_examples: github-actions.yml and gitlab-ci.yml: ok")
