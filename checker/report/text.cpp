// The default report, for people: what the file says, then per model what
// exploring it found, each finding with a witness written as steps.

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "anomaly/probes.hpp"
#include "report/report.hpp"
#include "report/trace.hpp"

namespace isocheck {
namespace {

std::string commonName(const AnomalyFinding& a) {
    return a.name.empty() ? std::string(info(a.cls).commonName) : a.name;
}

void header(std::string& out, const History& h) {
    out += h.file;
    if (!h.title.empty()) out += ": " + h.title;
    out += '\n';
    std::vector<std::pair<KeyId, Value>> initial;
    for (KeyId k = 0; k < h.initial.size(); ++k)
        if (h.initial[k]) initial.emplace_back(k, *h.initial[k]);
    out += "  initial: " + formatRows(h, initial) + '\n';
    for (const Txn& t : h.txns) {
        std::string ops;
        for (const Op& op : t.ops) ops += (ops.empty() ? "" : "; ") + op.text;
        out += "  " + t.name + (t.readOnly ? " (read-only): " : ": ") + ops + '\n';
    }
    for (const Invariant& inv : h.invariants) out += "  invariant: " + inv.text + '\n';
    if (h.schedule) {
        std::string s;
        for (TxnId t : *h.schedule) s += (s.empty() ? "" : " ") + h.txns.at(t).name;
        out += (h.transcript ? "  transcript: " : "  schedule: ") + s + '\n';
    }
}

// A witness, then its schedule as a line to paste back into the file.
void witness(std::string& out, const History& h, const Trace& t) {
    out += fmt::format("      witness: {}\n      {}\n", formatTrace(h, t), scheduleLine(h, t));
}

// How the finding came about, and what its witness does under the other models.
void explanation(std::string& out, const Explanation* x) {
    if (x == nullptr) return;
    out += "      allowed: " + x->allowedBy + '\n';
    for (const Elsewhere& e : x->elsewhere) out += fmt::format("      under {}: {}\n", e.model, e.text);
}

// The explanation of finding `i` of one kind, when there are explanations.
const Explanation* nth(const ModelExplanations* x, std::vector<Explanation> ModelExplanations::*kind,
                       std::size_t i) {
    if (x == nullptr || i >= (x->*kind).size()) return nullptr;
    return &(x->*kind)[i];
}

void anomalies(std::string& out, const History& h, const ModelResult& m, const ModelExplanations* x) {
    if (m.anomalies.empty()) {
        out += fmt::format("  anomalies: {}\n", noneFound(m));
        return;
    }
    out += "  anomalies:\n";
    for (std::size_t i = 0; i < m.anomalies.size(); ++i) {
        const AnomalyFinding& a = m.anomalies[i];
        const std::string what = a.cycle.empty() ? a.detail : formatCycle(h, a.cycle);
        out += fmt::format("    {} ({}): {}\n", info(a.cls).name, commonName(a), what);
        witness(out, h, a.witness);
        if (!a.cycle.empty()) out += "      why: " + explainCycle(h, a.cycle) + '\n';
        explanation(out, nth(x, &ModelExplanations::anomalies, i));
    }
}

void phenomena(std::string& out, const History& h, const ModelResult& m, const ModelExplanations* x) {
    if (m.phenomena.empty()) {
        out += fmt::format("  phenomena: {}\n", noneFound(m));
        return;
    }
    out += "  phenomena:\n";
    for (std::size_t n = 0; n < m.phenomena.size(); ++n) {
        const PhenomenonFinding& p = m.phenomena[n];
        const PhenomenonInfo& i = info(p.ph);
        const std::string what = p.cycle.empty() ? p.detail : formatCycle(h, p.cycle);
        out += fmt::format("    {} ({}): {}\n", i.name, i.commonName, what);
        witness(out, h, p.witness);
        if (!p.cycle.empty() && !p.detail.empty()) out += "      detail: " + p.detail + '\n';
        explanation(out, nth(x, &ModelExplanations::phenomena, n));
    }
}

void deadlocks(std::string& out, const History& h, const ModelResult& m, const ModelExplanations* x) {
    if (m.deadlocks.empty()) {
        out += fmt::format("  deadlocks: {}\n", noneFound(m));
        return;
    }
    out += "  deadlocks:\n";
    for (std::size_t i = 0; i < m.deadlocks.size(); ++i) {
        const DeadlockFinding& d = m.deadlocks[i];
        out += fmt::format("    {}; victim {}\n", formatWaitsFor(h, d.cycle),
                           h.txns.at(d.victim).name);
        for (const Wait& w : d.waits) out += "      " + w.why + '\n';
        witness(out, h, d.witness);
        explanation(out, nth(x, &ModelExplanations::deadlocks, i));
    }
}

void aborts(std::string& out, const History& h, const ModelResult& m, const ModelExplanations* x) {
    if (m.aborts.empty()) {
        out += fmt::format("  aborts: {}\n", noneFound(m));
        return;
    }
    out += "  aborts:\n";
    for (std::size_t i = 0; i < m.aborts.size(); ++i) {
        const AbortFinding& a = m.aborts[i];
        out += fmt::format("    {} ({}){}\n", h.txns.at(a.txn).name, causeName(a.cause),
                           a.why.empty() ? "" : ": " + a.why);
        witness(out, h, a.witness);
        explanation(out, nth(x, &ModelExplanations::aborts, i));
    }
}

void finalStates(std::string& out, const History& h, const ModelResult& m) {
    out += "  final states:";
    out += m.finalStates.empty() ? fmt::format(" {}\n", noneFound(m)) : "\n";
    for (const FinalStateFinding& f : m.finalStates) {
        std::string violates;
        for (const std::size_t i : f.violates)
            violates += (violates.empty() ? "  violates " : ", ") + h.invariants.at(i).text;
        out += fmt::format("    {}  {}{}\n", formatRows(h, f.rows),
                           f.serializable ? "serializable" : "NOT serializable", violates);
        // A state no serial order gives deserves its witness; the others are plain.
        if (!f.serializable) witness(out, h, f.witness);
    }
}

// Each invariant: violated (with the final state and its witness) or holding.
void invariants(std::string& out, const History& h, const ModelResult& m) {
    if (h.invariants.empty()) return;
    out += "  invariants:\n";
    for (std::size_t i = 0; i < h.invariants.size(); ++i) {
        const auto v = std::ranges::find(m.invariantViolations, i, &InvariantFinding::invariant);
        if (v == m.invariantViolations.end()) {
            out += fmt::format("    {}: {}\n", h.invariants[i].text,
                               m.complete ? "holds in every final state" : "no violation found so far");
            continue;
        }
        out += fmt::format("    {}: VIOLATED in {}\n", h.invariants[i].text, formatRows(h, v->rows));
        witness(out, h, v->witness);
    }
}

void verdict(std::string& out, const History& h, const ModelResult& m) {
    if (!m.schedule) return;
    const ScheduleVerdict& v = *m.schedule;
    const std::string_view what = h.transcript ? "transcript" : "schedule";
    // A transcript's steps as sent: "T1 runs, T2 waits, ...".
    const auto steps = [&] {
        std::string s;
        for (std::size_t i = 0; i < v.outcomes.size(); ++i)
            s += fmt::format("{}{} {}", i == 0 ? "" : ", ", h.txns.at((*h.schedule)[i]).name, nameOf(v.outcomes[i]));
        return s;
    };
    if (v.possible) {
        out += fmt::format("  {}: possible\n", what);
        if (h.transcript) out += "      steps: " + steps() + '\n';
        out += "      trace: " + formatTrace(h, v.trace) + '\n';
        return;
    }
    std::string who;
    if (h.schedule && v.failedAt < h.schedule->size())
        who = " (" + h.txns.at((*h.schedule)[v.failedAt]).name + ")";
    out += fmt::format("  {}: NOT possible at step {}{}: {}\n", what, v.failedAt + 1, who, v.why);
    if (h.transcript && !v.outcomes.empty()) out += "      steps: " + steps() + '\n';
    out += "      ran: " + formatTrace(h, v.trace) + '\n';
}

// What the file probes (specs/engines/README.md): each possible or prevented
// here, and OTV and PMP with their witnesses (the others' are above).
void probes(std::string& out, const History& h, const ModelResult& m) {
    if (h.probes.empty()) return;
    std::string line;
    for (const std::string& p : h.probes)
        line += fmt::format("{}{} {}", line.empty() ? "" : ", ", p,
                            probeWitness(m, p) != nullptr ? "possible"
                            : m.complete                  ? "prevented"
                                                          : "not found so far");
    out += "  probes: " + line + '\n';
    for (const ProbeFinding& p : m.probes) {
        out += fmt::format("    {}: {}\n", p.probe, p.detail);
        witness(out, h, p.witness);
    }
}

void expectations(std::string& out, const History& h, const ModelResult& m) {
    if (!hasExpectations(h, m)) return;
    // Expectations speak of every execution; part of them proves nothing either way.
    if (!m.complete) {
        out += "  expectations: not judged (incomplete run)\n";
        return;
    }
    if (m.mismatches.empty()) {
        out += "  expectations: met\n";
        return;
    }
    out += "  expectations: FAILED\n";
    for (const ExpectationMismatch& x : m.mismatches) out += "    " + formatMismatch(x) + '\n';
}

}  // namespace

std::string textHeader(const History& h) {
    std::string out;
    header(out, h);
    return out;
}

std::string textReport(const History& h, const FileResult& r, const LevelMatrix* matrix,
                       std::span<const ModelExplanations> explanations) {
    std::string out;
    header(out, h);
    if (matrix != nullptr && !matrix->columns.empty()) out += '\n' + matrixText(*matrix);
    for (std::size_t i = 0; i < r.models.size(); ++i) {
        const ModelResult& m = r.models[i];
        const ModelExplanations* x = i < explanations.size() ? &explanations[i] : nullptr;
        out += '\n' + statsLine(m) + '\n';
        verdict(out, h, m);
        anomalies(out, h, m, x);
        phenomena(out, h, m, x);
        deadlocks(out, h, m, x);
        aborts(out, h, m, x);
        finalStates(out, h, m);
        invariants(out, h, m);
        probes(out, h, m);
        expectations(out, h, m);
    }
    return out;
}

}  // namespace isocheck
