// A report a teacher can paste into course notes: the history as a table of
// transactions, then one table of findings and one of final states per model.

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "report/report.hpp"
#include "report/trace.hpp"

namespace isocheck {
namespace {

// Table cells: a `|` would end the cell, a newline the row.
std::string cell(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}


// A code span: the fence is one backtick longer than the longest run of
// backticks in `s` (CommonMark 6.1), so no user text can close it early.
std::string code(std::string_view s) {
    if (s.empty()) return "";
    std::size_t longest = 0;
    std::size_t run = 0;
    for (const char c : s) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(longest + 1, '`');
    const std::string pad = longest > 0 ? " " : "";
    return fence + pad + cell(s) + pad + fence;
}

// User-written prose (a title, a description): no raw HTML gets through, and
// in a heading no Markdown markup either.
std::string prose(std::string_view s, bool inlineOnly) {
    std::string out;
    for (const char c : s) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else if (inlineOnly && std::string_view("\\`*_[]#|~!").find(c) != std::string_view::npos) {
            out += '\\';
            out += c;
        } else if (inlineOnly && c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

// Table text outside code spans: a cell, without raw HTML.
std::string textCell(std::string_view s) { return cell(prose(s, false)); }

// `--timeout` as code, "an interrupt" as words.
std::string stopCause(const ModelResult& m) {
    const std::string_view by = stoppedBy(m);
    return by.starts_with("--") ? code(by) : std::string(by);
}

void row(std::string& out, std::string_view finding, std::string_view name,
         std::string_view what, const std::string& witness) {
    out += fmt::format("| {} | {} | {} | {} |\n", textCell(finding), textCell(name), textCell(what),
                       code(witness));
}

void findings(std::string& out, const History& h, const ModelResult& m) {
    if (m.anomalies.empty() && m.phenomena.empty() && m.deadlocks.empty() && m.aborts.empty()) {
        out += m.complete ? "No anomalies, phenomena, deadlocks or aborts.\n\n"
                          : "No anomalies, phenomena, deadlocks or aborts found so far.\n\n";
        return;
    }
    out += "| finding | name | cycle or detail | witness |\n|---|---|---|---|\n";
    for (const AnomalyFinding& a : m.anomalies)
        row(out, info(a.cls).name, a.name.empty() ? info(a.cls).commonName : a.name,
            a.cycle.empty() ? a.detail : formatCycle(h, a.cycle), formatTrace(h, a.witness));
    for (const PhenomenonFinding& p : m.phenomena)
        row(out, info(p.ph).name, info(p.ph).commonName,
            p.cycle.empty() ? p.detail : formatCycle(h, p.cycle), formatTrace(h, p.witness));
    for (const DeadlockFinding& d : m.deadlocks)
        row(out, "deadlock", "victim " + h.txns.at(d.victim).name, formatWaitsFor(h, d.cycle),
            formatTrace(h, d.witness));
    for (const AbortFinding& a : m.aborts)
        row(out, "abort " + h.txns.at(a.txn).name, causeName(a.cause), a.why,
            formatTrace(h, a.witness));
    out += '\n';
}

// One finding's explanation: what allowed it, its schedule to paste, and
// the same schedule under each other model.
void explained(std::string& out, const History& h, std::string_view finding, const Trace& witness,
               const Explanation& x) {
    out += fmt::format("**{}.** {}\n{}\n", textCell(finding), prose(x.allowedBy, false),
                       code(scheduleLine(h, witness)));
    if (!x.elsewhere.empty()) out += '\n';
    for (const Elsewhere& e : x.elsewhere)
        out += fmt::format("- under {}: {}\n", e.model, prose(e.text, false));
    out += '\n';
}

void explanations(std::string& out, const History& h, const ModelResult& m, const ModelExplanations& x) {
    for (std::size_t i = 0; i < m.anomalies.size() && i < x.anomalies.size(); ++i)
        explained(out, h, info(m.anomalies[i].cls).name, m.anomalies[i].witness, x.anomalies[i]);
    for (std::size_t i = 0; i < m.phenomena.size() && i < x.phenomena.size(); ++i)
        explained(out, h, info(m.phenomena[i].ph).name, m.phenomena[i].witness, x.phenomena[i]);
    for (std::size_t i = 0; i < m.deadlocks.size() && i < x.deadlocks.size(); ++i)
        explained(out, h, "deadlock", m.deadlocks[i].witness, x.deadlocks[i]);
    for (std::size_t i = 0; i < m.aborts.size() && i < x.aborts.size(); ++i)
        explained(out, h, "abort of " + h.txns.at(m.aborts[i].txn).name, m.aborts[i].witness, x.aborts[i]);
}

}  // namespace

std::string markdownHeading(const History& h) {
    return "# " + prose(h.title.empty() ? h.file : h.title, true) + "\n\n";
}

std::string markdownReport(const History& h, const FileResult& r,
                           std::span<const ModelExplanations> explained) {
    std::string out = markdownHeading(h);
    out += "File: " + code(h.file) + "\n\n";
    if (!h.description.empty())
        out += prose(h.description, false) + (h.description.ends_with('\n') ? "\n" : "\n\n");
    out += "| transaction | operations |\n|---|---|\n";
    for (const Txn& t : h.txns) {
        std::string ops;
        for (const Op& op : t.ops) ops += (ops.empty() ? "" : ", ") + code(op.text);
        out += "| " + textCell(t.name) + " | " + ops + " |\n";
    }
    out += '\n';
    if (!h.invariants.empty()) {
        out += "Invariants:";
        for (const Invariant& inv : h.invariants) out += ' ' + code(inv.text);
        out += "\n\n";
    }
    for (std::size_t mi = 0; mi < r.models.size(); ++mi) {
        const ModelResult& m = r.models[mi];
        out += "## " + m.model + "\n\n";
        if (notExplored(m))
            out += fmt::format("Not explored: **incomplete**, stopped by {} before it started.\n\n",
                               stopCause(m));
        else
            out += fmt::format("{}{}.\n\n", statsFigures(m.stats),
                               m.complete ? "" : fmt::format("; **incomplete**: stopped by {}",
                                                             stopCause(m)));
        if (m.schedule) {
            out += m.schedule->possible
                       ? "The fixed schedule is possible: " + code(formatTrace(h, m.schedule->trace))
                       : fmt::format("The fixed schedule is **not possible** (step {}): {}",
                                     m.schedule->failedAt + 1, cell(m.schedule->why));
            out += "\n\n";
        }
        findings(out, h, m);
        if (mi < explained.size()) explanations(out, h, m, explained[mi]);
        const bool invariants = !h.invariants.empty();
        if (!m.finalStates.empty()) {
            out += invariants ? "| final state | serializable | violates |\n|---|---|---|\n"
                              : "| final state | serializable |\n|---|---|\n";
            for (const FinalStateFinding& f : m.finalStates) {
                out += "| " + code(formatRows(h, f.rows)) + " | " +
                       (f.serializable ? "yes" : "**no**") + " |";
                if (invariants) {
                    std::string violates;
                    for (const std::size_t i : f.violates)
                        violates += (violates.empty() ? " " : ", ") + code(h.invariants.at(i).text);
                    out += violates + " |";
                }
                out += '\n';
            }
            out += '\n';
        } else if (!m.complete) {
            out += "No final states found so far.\n\n";
        }
        if (invariants) {
            out += "| invariant | holds | witness |\n|---|---|---|\n";
            for (std::size_t i = 0; i < h.invariants.size(); ++i) {
                const auto v = std::ranges::find(m.invariantViolations, i, &InvariantFinding::invariant);
                out += "| " + code(h.invariants[i].text) + " | ";
                if (v == m.invariantViolations.end())
                    out += std::string(m.complete ? "yes" : "no violation found so far") + " | |\n";
                else
                    out += "**no**: " + code(formatRows(h, v->rows)) + " | " +
                           code(formatTrace(h, v->witness)) + " |\n";
            }
            out += '\n';
        }
        if (hasExpectations(h, m)) {
            if (!m.complete) out += "Expectations: not judged (incomplete run).\n\n";
            else if (m.mismatches.empty()) out += "Expectations: met.\n\n";
            else {
                out += "Expectations: **failed**.\n\n";
                for (const ExpectationMismatch& x : m.mismatches)
                    out += "- " + code(formatMismatch(x)) + '\n';
                out += '\n';
            }
        }
    }
    while (out.ends_with("\n\n")) out.pop_back();
    return out;
}

}  // namespace isocheck
