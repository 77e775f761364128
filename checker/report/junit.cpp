// JUnit XML for CI (the format Jenkins, GitLab and GitHub's test-report
// actions read): one testsuite per file, one testcase per model with
// expectations, a failure per unmet expectation naming model, key, expected
// and found, and the witness of what was found but not expected as the
// schedule to paste into the file (`schedule = ["T1", ...]`) and its steps.
// `time` attributes give each model's seconds (the only figures that differ
// between runs; tests strip them, tests/timings.hpp).

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "report/report.hpp"
#include "report/trace.hpp"

namespace isocheck {
namespace {

// The length of the well-formed UTF-8 sequence at the start of `s`, or 0.
std::size_t utf8Length(std::string_view s) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const auto cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
    const unsigned char c = b(0);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
        if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && b(1) < 0x90) return 0;  // overlong
        if (c == 0xF4 && b(1) >= 0x90) return 0;  // beyond U+10FFFF
        return 4;
    }
    return 0;
}

std::string xml(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // XML 1.0 allows no control characters other than tab and newlines.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    out += ' ';
                } else if (const std::size_t n = utf8Length(s.substr(i)); n != 0) {
                    out += s.substr(i, n);
                    i += n;
                    continue;
                } else {
                    // The document says UTF-8: a path with other bytes gets U+FFFD.
                    out += "\xEF\xBF\xBD";
                }
        }
        ++i;
    }
    return out;
}

struct Counts {
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t errors = 0;
    std::size_t skipped = 0;  ///< incomplete runs: their expectations are not judged
};

Counts count(const CheckedFile& f) {
    Counts c;
    if (!f.error.empty()) return {1, 0, 1, 0};
    for (const ModelResult& m : f.result.models) {
        if (!hasExpectations(f.history, m)) continue;
        ++c.tests;
        if (!m.complete) ++c.skipped;
        else if (!m.mismatches.empty()) ++c.failures;
    }
    return c;
}

// `skipped` only when some case was: verify runs without a bound, so its
// reports keep the attributes every JUnit reader knows.
std::string skippedAttribute(const Counts& c) {
    return c.skipped == 0 ? "" : fmt::format(" skipped=\"{}\"", c.skipped);
}

// Seconds with three decimals, as JUnit readers expect: ` time="0.021"`.
std::string timeAttribute(double seconds) { return fmt::format(" time=\"{:.3f}\"", seconds); }

// A file's seconds: the sum of its models' (loading is not timed).
double fileSeconds(const CheckedFile& f) {
    double sum = 0;
    for (const ModelResult& m : f.result.models)
        if (hasExpectations(f.history, m)) sum += m.stats.seconds;
    return sum;
}

// What backs one mismatch: a witness for each finding that was not expected
// (its schedule for the message, its steps for the body), or why there is
// none. Empty when the history states no expectation for the model.
struct Witness {
    std::string headline;  ///< `witness of G-single: schedule = ["T1", "T2"]`
    std::string steps;     ///< `T1:r x=10  T2:r x=10`, or empty
};

std::vector<Witness> witnesses(const History& h, const ModelResult& m,
                               const ExpectationMismatch& x) {
    std::vector<Witness> out;
    const auto it = h.expectations.find(m.model);
    if (it == h.expectations.end()) return out;
    const Expectation& e = it->second;
    const auto found = [&](const Trace& t, std::string_view what) {
        out.push_back({fmt::format("witness of {}: {}", what, scheduleLine(h, t)),
                       formatTrace(h, t)});
    };
    const auto none = [&](std::string_view what) {
        out.push_back({fmt::format("no execution shows {}", what), ""});
    };
    const auto listed = [](const std::optional<std::vector<std::string>>& names,
                           std::string_view name) {
        return names && std::ranges::find(*names, name) != names->end();
    };
    if (x.key == "anomalies" && e.anomalies) {
        for (const AnomalyFinding& a : m.anomalies)
            if (!listed(e.anomalies, info(a.cls).name)) found(a.witness, info(a.cls).name);
        for (const std::string& name : *e.anomalies) {
            const auto named = [&](const AnomalyFinding& a) { return info(a.cls).name == name; };
            if (std::ranges::none_of(m.anomalies, named)) none(name);
        }
    } else if (x.key == "phenomena" && e.phenomena) {
        for (const PhenomenonFinding& p : m.phenomena)
            if (!listed(e.phenomena, info(p.ph).name)) found(p.witness, info(p.ph).name);
        for (const std::string& name : *e.phenomena) {
            const auto named = [&](const PhenomenonFinding& p) { return info(p.ph).name == name; };
            if (std::ranges::none_of(m.phenomena, named)) none(name);
        }
    } else if (x.key == "deadlock" && e.deadlock) {
        if (!m.deadlocks.empty()) found(m.deadlocks.front().witness, "a deadlock");
        else none("a deadlock");
    } else if (x.key == "snapshot_too_old" && e.snapshotTooOld) {
        const auto tooOld =
            std::ranges::find(m.aborts, AbortCause::SnapshotTooOld, &AbortFinding::cause);
        if (tooOld != m.aborts.end()) found(tooOld->witness, "snapshot too old");
        else none("snapshot too old");
    } else if (x.key == "invariants_hold" && e.invariantsHold) {
        for (const InvariantFinding& v : m.invariantViolations)
            found(v.witness, "a violation of " + h.invariants.at(v.invariant).text);
        if (m.invariantViolations.empty()) none("an invariant violation");
    } else if (x.key == "possible" && m.schedule) {
        const ScheduleVerdict& v = *m.schedule;
        if (v.possible) {
            out.push_back({"the schedule ran to the end", formatTrace(h, v.trace)});
        } else {
            std::string who;
            if (h.schedule && v.failedAt < h.schedule->size())
                who = " (" + txnName(h, (*h.schedule)[v.failedAt]) + ")";
            out.push_back({fmt::format("the schedule is NOT possible at step {}{}: {}",
                                       v.failedAt + 1, who, v.why),
                           formatTrace(h, v.trace)});
        }
    }
    return out;
}

void suite(std::string& out, const CheckedFile& f) {
    const Counts c = count(f);
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\"{}{}>\n",
                       xml(f.path), c.tests, c.failures, c.errors, skippedAttribute(c),
                       timeAttribute(fileSeconds(f)));
    if (!f.error.empty()) {
        out += fmt::format("    <testcase classname=\"{0}\" name=\"load\">\n"
                           "      <error message=\"{1}\">{1}</error>\n    </testcase>\n",
                           xml(f.path), xml(f.error));
    }
    for (const ModelResult& m : f.result.models) {
        if (!hasExpectations(f.history, m)) continue;
        out += fmt::format(R"(    <testcase classname="{}" name="{}"{})", xml(f.path),
                           xml(m.model), timeAttribute(m.stats.seconds));
        // An incomplete run judges no expectation (SPEC 4): JUnit's "skipped".
        if (!m.complete) {
            out += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                               xml(fmt::format("{}: not judged (incomplete run): stopped by {}",
                                               m.model, stoppedBy(m))));
            continue;
        }
        if (m.mismatches.empty()) {
            out += "/>\n";
            continue;
        }
        // One failure element per testcase (some readers keep only the first);
        // the message joins the mismatches with their witness schedules, the
        // body lists one mismatch per line, each witness and its steps below.
        std::string message;
        std::string body;
        for (const ExpectationMismatch& x : m.mismatches) {
            const std::string line = fmt::format("{}: {}: expected {} found {}", m.model, x.key,
                                                 x.expected, x.found);
            message += (message.empty() ? "" : "; ") + line;
            body += line + '\n';
            for (const Witness& w : witnesses(f.history, m, x)) {
                message += " (" + w.headline + ")";
                body += "  " + w.headline + '\n';
                if (!w.steps.empty()) body += "    " + w.steps + '\n';
            }
        }
        out += fmt::format(">\n      <failure message=\"{}\" type=\"expectation\">{}</failure>\n",
                           xml(message), xml(body));
        out += "    </testcase>\n";
    }
    out += "  </testsuite>\n";
}

}  // namespace

std::string junitReport(std::span<const CheckedFile> files) {
    Counts total;
    for (const CheckedFile& f : files) {
        const Counts c = count(f);
        total.tests += c.tests;
        total.failures += c.failures;
        total.errors += c.errors;
        total.skipped += c.skipped;
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    double seconds = 0;
    for (const CheckedFile& f : files) seconds += fileSeconds(f);
    out += fmt::format("<testsuites name=\"isocheck verify\" tests=\"{}\" failures=\"{}\" "
                       "errors=\"{}\"{}{}>\n",
                       total.tests, total.failures, total.errors, skippedAttribute(total),
                       timeAttribute(seconds));
    for (const CheckedFile& f : files) suite(out, f);
    return out + "</testsuites>\n";
}

}  // namespace isocheck
