// The explanations that compare levels (issue 7 item 3): every witness comes
// with a `schedule = [...]` line that pastes back into its file and replays
// the finding; the rule that allowed a finding and what its witness does
// under the other models, derived by hand for the textbook cases; and one
// cycle printed from one starting point everywhere.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "scratch.hpp"

namespace {

namespace fs = std::filesystem;
using isocheck::test::inProcess;
using isocheck::test::Run;
using isocheck::test::Scratch;
using isocheck::test::slurp;

// One witness of a text report: the model and section it is under, the
// finding's line, and the witness and schedule lines.
struct PrintedWitness {
    std::string model;
    std::string section;  // "anomalies", "deadlocks", "final states", ...
    std::string finding;  // `    G-single (lost update): T1 -ww[x]-> T2 -rw[x]-> T1`
    std::string steps;    // after `witness: `
    std::string schedule; // `schedule = ["T1", "T2"]`
};

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
        out.push_back(text.substr(start, nl - start));
    return out;
}

bool startsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

std::vector<PrintedWitness> printedWitnesses(const std::string& report) {
    std::vector<PrintedWitness> out;
    std::string model;
    std::string section;
    std::string finding;
    const std::vector<std::string> all = lines(report);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const std::string& l = all[i];
        if (!l.empty() && l[0] != ' ' && (l.find(" executions (") != std::string::npos || l.find(" execution (") != std::string::npos))
            model = l.substr(0, l.find(':'));
        else if (startsWith(l, "  ") && !startsWith(l, "   ") && l.find(':') != std::string::npos)
            section = l.substr(2, l.find(':') - 2);
        else if (startsWith(l, "    ") && !startsWith(l, "     "))
            finding = l;
        else if (startsWith(l, "      witness: ")) {
            REQUIRE(i + 1 < all.size());
            CAPTURE(l);
            REQUIRE(startsWith(all[i + 1], "      schedule = ["));
            out.push_back({model, section, finding, l.substr(15), all[i + 1].substr(6)});
        }
    }
    return out;
}

std::vector<std::string> historyFiles() {
    std::vector<std::string> files;
    for (const char* dir : {"examples", "specs"})
        for (const auto& e : fs::recursive_directory_iterator(fs::path(ISOCHECK_SOURCE_DIR) / dir))
            if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path().string());
    std::ranges::sort(files);
    return files;
}

}  // namespace

TEST_CASE("every witness line pastes back as a schedule that replays") {
    Scratch scratch;
    std::size_t replayed = 0;
    for (const std::string& file : historyFiles()) {
        CAPTURE(file);
        const std::string source = slurp(file);
        // A file with a fixed schedule (or a transcript, or a textbook history) is its own witness.
        if (source.find("\nschedule = ") != std::string::npos || startsWith(source, "schedule = ") ||
            source.find("\ntranscript = ") != std::string::npos ||
            source.find("\nhistory = ") != std::string::npos)
            continue;
        const Run report = inProcess({"check", file});
        REQUIRE(report.err.empty());
        for (const PrintedWitness& w : printedWitnesses(report.out)) {
            CAPTURE(w.model);
            CAPTURE(w.finding);
            CAPTURE(w.schedule);
            // The line goes first: a top-level key must come before the tables.
            const std::string pasted = scratch.write("pasted.toml", w.schedule + "\n" + source);
            const Run again = inProcess({"check", "--model", w.model, pasted});
            REQUIRE(again.err.empty());
            CHECK(again.out.find("\n  schedule: possible\n") != std::string::npos);
            // The same execution: the witness's steps. A deadlock's witness
            // stops where the cycle exists and an abort's at the abort; the
            // rest of the transactions runs after them (SPEC 3.1).
            const std::string trace = "      trace: " + w.steps;
            const std::size_t at = again.out.find(trace);
            REQUIRE(at != std::string::npos);
            const char next = again.out.at(at + trace.size());
            if (w.section == "deadlocks" || w.section == "aborts") CHECK((next == '\n' || next == ' '));
            else CHECK(next == '\n');
            // And the same finding, printed the same way.
            CHECK(again.out.find('\n' + w.finding + '\n') != std::string::npos);
            ++replayed;
        }
    }
    CHECK(replayed >= 200);
}

TEST_CASE("lost update: the rule that allowed it and the same schedule under every other level") {
    // Derived by hand from the models' rules (specs/models.md). The witness of
    // read-committed: T1 and T2 read x=10, T1 writes 11 and commits, T2 writes 11.
    const Run r = inProcess({"check", ISOCHECK_SOURCE_DIR "/examples/lost-update.toml"});
    REQUIRE(r.code == 0);
    const std::string& out = r.out;
    const std::size_t rc = out.find("\nread-committed: ");
    const std::size_t rcs = out.find("\nread-committed-snapshot: ");
    REQUIRE(rc != std::string::npos);
    REQUIRE(rcs != std::string::npos);
    const std::string section = out.substr(rc, rcs - rc);
    CAPTURE(section);
    // T2's write could follow T1's read because read-committed's read lock is short.
    CHECK(section.find("      allowed: T1 overwrote x while T2, which had read it, was still running: "
                       "read-committed holds a read lock only while the read runs") != std::string::npos);
    // Read-uncommitted takes no read locks: the same schedule, the same cycle.
    CHECK(section.find("      under read-uncommitted: the same schedule runs: G-single here too\n") !=
          std::string::npos);
    // Read-committed-snapshot: T2 writes after T1 committed, over the newest version: the same.
    CHECK(section.find("      under read-committed-snapshot: the same schedule runs: G-single here too\n") !=
          std::string::npos);
    // Long read locks: after both reads each write waits for the other's read
    // lock, a deadlock as soon as it exists, and T2 (last in the file) is the victim.
    CHECK(section.find("      under repeatable-read: after step 2, T2 aborts: T2 is the deadlock victim") !=
          std::string::npos);
    CHECK(section.find("      under serializable: after step 2, T2 aborts: T2 is the deadlock victim") !=
          std::string::npos);
    // Snapshot isolation: at step 5 T2 writes x, and T1 committed a newer version
    // after T2's snapshot: first-updater-wins aborts T2.
    CHECK(section.find("      under snapshot: step 5: T2 aborts: T2 op 2 \"w x = x + 1\": a version of x "
                       "newer than its snapshot committed; no G-single\n") != std::string::npos);
}

TEST_CASE("one cycle, one starting point: the class and the phenomenon print the same cycle") {
    const Run r = inProcess({"check", "--model", "read-committed", ISOCHECK_SOURCE_DIR "/examples/lost-update.toml"});
    CHECK(r.out.find("    G-single (lost update): T1 -ww[x]-> T2 -rw[x]-> T1\n") != std::string::npos);
    CHECK(r.out.find("    P4 (lost update): T1 -ww[x]-> T2 -rw[x]-> T1\n") != std::string::npos);
}

TEST_CASE("write skew: snapshot isolation allows it because it checks no read-write conflict") {
    const std::string file = ISOCHECK_SOURCE_DIR "/examples/write-skew.toml";
    const Run r = inProcess({"check", "--model", "snapshot", "--model", "serializable-snapshot", file});
    CAPTURE(r.out);
    // The witness: T1 reads x and y, writes x; T2 reads x (1: T1 has not
    // committed), T1 commits, T2 reads y and writes y. T1 -rw[y]-> T2 follows
    // time (T1 ended before T2 wrote y); T2 -rw[x]-> T1 does not: T2 read x
    // before T1's version committed, from its snapshot. And the two wrote
    // different rows, which is all first-updater-wins checks.
    CHECK(r.out.find("      allowed: T2 read x while T1's newer version of it was not committed yet: "
                     "under snapshot isolation a transaction reads the snapshot taken at its first "
                     "operation") != std::string::npos);
    CHECK(r.out.find("Snapshot isolation aborts only a write-write conflict (first-updater-wins), and no "
                     "row of this cycle was written by two concurrent transactions.\n") != std::string::npos);
    // Under SSI the same schedule makes a pivot, and one of them aborts.
    // Under SSI, T2's write of y makes T1 (committed, with T2 -rw[x]-> T1 in
    // and now T1 -rw[y]-> T2 out) a pivot: T2, the one still running, aborts.
    CHECK(r.out.find("      under serializable-snapshot: step 7: T2 aborts: T2 op 3 \"w y = 0\": writing y "
                     "would make a committed reader a pivot; no G2-item\n") != std::string::npos);
}

TEST_CASE("a fixed schedule is explained without replays") {
    Scratch scratch;
    const std::string file = scratch.write("fixed.toml", R"(schedule = ["T1", "T2", "T1", "T1", "T2", "T2"]
[initial]
x = 10
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
)");
    const Run r = inProcess({"check", "--model", "read-committed", "--model", "snapshot", file});
    CHECK(r.out.find("      allowed: ") != std::string::npos);
    CHECK(r.out.find("      under ") == std::string::npos);
}
