#!/usr/bin/env python3
"""The pictures a learner reads (issue 7, item 4), checked with the tools that
show them: Graphviz for the DOT report and headless Chromium for the HTML one.

    pictures.py dot ISOCHECK WORKDIR
        The DOT report of several history files is one graph: `dot -Tsvg` reads
        it and writes one well-formed SVG document. Control: two digraphs one
        after the other (what isocheck used to write) do not pass the check.

    pictures.py html ISOCHECK WORKDIR
        The HTML report of several files loads in headless Chromium with no
        console message at all (no error, no refused resource: the page's
        Content-Security-Policy forbids fetching anything), and in the DOM it
        leaves, every witness's swimlanes have one lane per transaction of its
        file, in file order. Control: a page that logs a console error is caught.

Run from the source tree (CTest sets the working directory).
"""
import os
import shutil
import subprocess
import sys
import tomllib
import xml.dom.minidom
from html.parser import HTMLParser

FILES = [
    "examples/lost-update.toml",
    "examples/doctors-on-call.toml",
    "examples/phantom.toml",
    "examples/read-only-anomaly.toml",
    "examples/overdraft.toml",
    "examples/deadlock.toml",
]


# User text that must be escaped everywhere: were any of it taken for markup,
# the DOT would not parse, or the page would try to run a script or load an
# image, which its Content-Security-Policy refuses with a console message.
HOSTILE = r"""title = "<script>console.error('title')</script> & \"quotes\" } digraph {"
description = "<img src=x onerror=console.error(1)> a & b"
invariants = ["x + y >= 1"]
[initial]
x = 1
y = 1
[[txn]]
name = "<b>T1</b>"
ops = ["r x", "r y", "w x = 0 if x + y >= 2", "commit"]
[[txn]]
name = "T\"2\\"
ops = ["r x", "r y", "w y = 0 if x + y >= 2", "commit"]
"""


def files(workdir):
    hostile = os.path.join(workdir, "hostile <&>.toml")
    with open(hostile, "w") as f:
        f.write(HOSTILE)
    return FILES + [hostile]


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def one_svg(dot_text, workdir, name):
    """Whether `dot -Tsvg` reads the text and writes one well-formed XML document."""
    source = os.path.join(workdir, name + ".dot")
    with open(source, "w") as f:
        f.write(dot_text)
    r = run(["dot", "-Tsvg", source])
    if r.returncode != 0:
        return False, "dot failed: " + r.stderr.strip()
    try:
        doc = xml.dom.minidom.parseString(r.stdout)
    except Exception as e:  # ExpatError: junk after the first document, say
        return False, "not one well-formed XML document: %s" % e
    if doc.documentElement.tagName != "svg":
        return False, "the document is not an svg"
    return True, ""


def check_dot(isocheck, workdir):
    if shutil.which("dot") is None:
        fail("Graphviz's dot is not installed (scripts/install-deps installs graphviz)")
    paths = files(workdir)
    r = run([isocheck, "check", "--format", "dot"] + paths)
    if r.returncode != 0:
        fail("isocheck check --format dot exited %d: %s" % (r.returncode, r.stderr))
    graphs = sum(1 for line in r.stdout.splitlines() if line.startswith("digraph"))
    if graphs != 1:
        fail("%d digraphs in the report, not one" % graphs)
    for i, path in enumerate(paths, 1):
        if 'subgraph "cluster_f%d" {' % i not in r.stdout:
            fail("no cluster for " + path)
    ok, why = one_svg(r.stdout, workdir, "report")
    if not ok:
        fail("the report's DOT: " + why)
    # The control: one graph per file, as before, is not one picture.
    two = run([isocheck, "check", "--format", "dot", FILES[0]]).stdout * 2
    ok, _ = one_svg(two, workdir, "control")
    if ok:
        fail("the check cannot fail: two digraphs passed it")
    print("ok: %d files, one graph, one well-formed SVG document" % len(paths))


def transactions(path):
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    return [t.get("name", "T%d" % i) for i, t in enumerate(doc["txn"], 1)]


class Lanes(HTMLParser):
    """The lanes of every swimlane table, with the file section it is in."""

    def __init__(self):
        super().__init__()
        self.section = None
        self.tables = []  # (section id, [data-txn of each lane])

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "section" and "file" in classes:
            self.section = a.get("id")
        elif tag == "table" and "lanes" in classes:
            self.tables.append((self.section, []))
        elif tag == "tr" and "lane" in classes:
            if not self.tables:
                fail("a lane outside a swimlane table")
            self.tables[-1][1].append(a.get("data-txn"))


CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--enable-logging=stderr", "--v=0", "--dump-dom"]


def chromium():
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return shutil.which(name)
    fail("chromium is not installed (scripts/install-deps installs it)")


def load(browser, page, workdir):
    """The DOM Chromium leaves after loading `page`, and its console messages."""
    profile = os.path.join(workdir, "profile")
    r = run([browser, "--user-data-dir=" + profile] + CHROMIUM_FLAGS + ["file://" + os.path.abspath(page)],
            timeout=120)
    if r.returncode != 0:
        fail("chromium exited %d: %s" % (r.returncode, r.stderr[-2000:]))
    console = [line for line in r.stderr.splitlines() if ":CONSOLE" in line]
    return r.stdout, console


def check_html(isocheck, workdir):
    browser = chromium()
    # The control first: a console error must be seen.
    control = os.path.join(workdir, "control.html")
    with open(control, "w") as f:
        f.write('<!DOCTYPE html><html><head><title>control</title></head><body>'
                '<script>console.error("isocheck control")</script></body></html>')
    _, console = load(browser, control, workdir)
    if not any("isocheck control" in line for line in console):
        fail("the check cannot fail: a page's console error was not seen")

    paths = files(workdir)
    r = run([isocheck, "check", "--format", "html"] + paths)
    if r.returncode != 0:
        fail("isocheck check --format html exited %d: %s" % (r.returncode, r.stderr))
    page = os.path.join(workdir, "report.html")
    with open(page, "w") as f:
        f.write(r.stdout)
    dom, console = load(browser, page, workdir)
    if console:
        fail("console messages:\n" + "\n".join(console))
    lanes = Lanes()
    lanes.feed(dom)
    expected = {"f%d" % i: transactions(path) for i, path in enumerate(paths, 1)}
    seen = set()
    for section, names in lanes.tables:
        if section not in expected:
            fail("swimlanes outside a file's section")
        if names != expected[section]:
            fail("%s: lanes %s, transactions %s" % (section, names, expected[section]))
        seen.add(section)
    if seen != set(expected):
        fail("no swimlanes for " + ", ".join(sorted(set(expected) - seen)))
    print("ok: %d swimlane tables, each with one lane per transaction; no console message" % len(lanes.tables))


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("dot", "html"):
        fail(__doc__)
    what, isocheck, workdir = sys.argv[1:]
    os.makedirs(workdir, exist_ok=True)
    check_dot(isocheck, workdir) if what == "dot" else check_html(isocheck, workdir)


if __name__ == "__main__":
    main()
