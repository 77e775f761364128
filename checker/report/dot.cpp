// Graphviz of every anomaly witness cycle: one cluster per (model, class).
// Node ids are built from model, class and transaction names, never from
// addresses, so the output is the same on every run (Ninja's graphviz output
// is the counter-example).

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "report/report.hpp"
#include "report/trace.hpp"

namespace isocheck {
namespace {

std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + '"';
}

// Edge styles follow Adya's figures: rw (anti-dependency) dashed, predicate dotted.
std::string edgeStyle(const DepEdge& e) {
    if (e.predicate) return "dotted";
    return e.type == DepType::RW ? "dashed" : "solid";
}

}  // namespace

std::string dotReport(const History& h, const FileResult& r) {
    std::string out = "digraph " + quoted(h.file) + " {\n";
    // The graph shows what was found; a stopped run says under its title that
    // more cycles may exist (SPEC 4), naming each stopped model and why.
    std::string label = h.title.empty() ? h.file : h.file + ": " + h.title;
    std::string stopped;
    for (const ModelResult& m : r.models)
        if (!m.complete)
            stopped += fmt::format("{}{} stopped by {}", stopped.empty() ? "" : "; ", m.model,
                                   stoppedBy(m));
    if (!stopped.empty()) label += "\nINCOMPLETE run, the cycles found so far (" + stopped + ")";
    // Invariants are no cycles: the graph only names the violated ones.
    for (const ModelResult& m : r.models)
        for (const InvariantFinding& v : m.invariantViolations)
            label += fmt::format("\n{}: invariant {} violated in {}", m.model,
                                 h.invariants.at(v.invariant).text, formatRows(h, v.rows));
    out += "  label=" + quoted(label) + ";\n";
    out += "  labelloc=t;\n  node [shape=circle];\n";
    for (const ModelResult& m : r.models) {
        for (const AnomalyFinding& a : m.anomalies) {
            if (a.cycle.empty()) continue;
            const std::string prefix = m.model + "/" + std::string(info(a.cls).name) + "/";
            const std::string name = a.name.empty() ? std::string(info(a.cls).commonName) : a.name;
            out += "  subgraph " + quoted("cluster_" + prefix) + " {\n";
            out += "    label=" + quoted(fmt::format("{}: {} ({})", m.model, info(a.cls).name, name)) +
                   ";\n";
            out += "    tooltip=" + quoted(formatTrace(h, a.witness)) + ";\n";
            std::vector<TxnId> nodes;
            for (const DepEdge& e : a.cycle)
                if (std::find(nodes.begin(), nodes.end(), e.from) == nodes.end())
                    nodes.push_back(e.from);
            for (TxnId t : nodes)
                out += "    " + quoted(prefix + h.txns.at(t).name) + " [label=" +
                       quoted(h.txns.at(t).name) + "];\n";
            for (const DepEdge& e : a.cycle)
                out += fmt::format("    {} -> {} [label={}, style={}];\n",
                                   quoted(prefix + h.txns.at(e.from).name),
                                   quoted(prefix + h.txns.at(e.to).name),
                                   quoted(formatEdgeLabel(h, e)),
                                   edgeStyle(e));
            out += "  }\n";
        }
    }
    return out + "}\n";
}

}  // namespace isocheck
