// Graphviz of a whole report: one digraph, whatever the number of files, so
// that `dot -Tsvg` makes one picture. A cluster per file, inside it one per
// model, inside that one per finding: each dependency cycle (anomalies, and
// the two edges of P4, A5A and A5B), each deadlock's waits-for cycle, and a
// note for a finding without a cycle (G1a, G1b, P0-P3) or a violated
// invariant. A legend explains the edge styles.
//
// Node ids are paths built from the file's place on the command line, the
// model, the finding and the transaction (`f1/snapshot/G-single/T1`), never
// from addresses, so the output is the same on every run (Ninja's graphviz
// output is the counter-example). An edge's label is a node of its own on the
// edge (a point between two half-edges): Graphviz never lets two nodes
// overlap, so the labels of a two-transaction cycle cannot touch.

#include <algorithm>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "report/report.hpp"
#include "report/trace.hpp"

namespace isocheck {
namespace {

// A DOT string: every user-written text goes through here.
std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '\r') continue;
        out += c;
    }
    return out + '"';
}

// Edge styles follow Adya's figures: rw (anti-dependency) dashed, predicate
// dotted; the colours tell the three kinds apart at a glance.
struct Style {
    std::string_view style;
    std::string_view color;
};

Style edgeStyle(const DepEdge& e) {
    const std::string_view color = e.type == DepType::WW   ? "black"
                                   : e.type == DepType::WR ? "#1f5fbf"
                                                           : "#c0392b";
    if (e.predicate) return {"dotted", color};
    return {e.type == DepType::RW ? "dashed" : "solid", color};
}

constexpr std::string_view kWaitsColor = "#8e44ad";

// The writer of one graph: knows the indentation and the ids of what it drew.
class Graph {
public:
    std::string out;

    void line(int depth, std::string_view text) {
        out.append(static_cast<std::size_t>(depth) * 2, ' ');
        out += text;
        out += '\n';
    }
    void open(int depth, const std::string& id, const std::string& label, std::string_view extra = {}) {
        line(depth, "subgraph " + quoted("cluster_" + id) + " {");
        line(depth + 1, "label=" + quoted(label) + ";");
        if (!extra.empty()) line(depth + 1, extra);
    }
    void close(int depth) { line(depth, "}"); }

    // A transaction of one finding.
    void txn(int depth, const std::string& prefix, const std::string& name, bool victim = false) {
        line(depth, fmt::format("{} [label={}{}];", quoted(prefix + name), quoted(name),
                                victim ? ", shape=doublecircle, color=\"#c0392b\"" : ""));
    }
    // An edge from `from` to `to` with its label on a point node of its own.
    void edge(int depth, const std::string& prefix, std::size_t index, const std::string& from,
              const std::string& to, const std::string& label, Style s, bool bold = false) {
        const std::string mid = quoted(fmt::format("{}e{}", prefix, index));
        const std::string attrs = fmt::format("style={}, color={}{}", s.style, quoted(s.color),
                                              bold ? ", penwidth=2" : "");
        line(depth, fmt::format("{} [shape=plaintext, fontsize=10, fontcolor={}, label={}];", mid,
                                quoted(s.color), quoted(label)));
        line(depth, fmt::format("{} -> {} [{}, arrowhead=none];", quoted(prefix + from), mid, attrs));
        line(depth, fmt::format("{} -> {} [{}];", mid, quoted(prefix + to), attrs));
    }
    void note(int depth, const std::string& id, const std::string& text) {
        line(depth, fmt::format("{} [shape=note, fontsize=10, label={}];", quoted(id), quoted(text)));
    }
};

void cycle(Graph& g, int depth, const History& h, const std::string& prefix,
           const std::vector<DepEdge>& edges) {
    std::vector<TxnId> nodes;
    for (const DepEdge& e : edges)
        if (std::ranges::find(nodes, e.from) == nodes.end()) nodes.push_back(e.from);
    for (const TxnId t : nodes) g.txn(depth, prefix, h.txns.at(t).name);
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const DepEdge& e = edges[i];
        g.edge(depth, prefix, i, h.txns.at(e.from).name, h.txns.at(e.to).name, formatEdgeLabel(h, e),
               edgeStyle(e));
    }
}

// `lock on x` out of `T2 op 2 "w x = x + 1" waits for T1 (lock on x)`.
std::string waitLabel(const Wait& w) {
    const std::size_t open = w.why.rfind(" (");
    if (open == std::string::npos || !w.why.ends_with(')')) return "waits for";
    return "waits for " + w.why.substr(open + 2, w.why.size() - open - 3);
}

void model(Graph& g, const History& h, const ModelResult& m, const std::string& id) {
    std::string label = m.model;
    if (!m.complete) label += fmt::format(" (INCOMPLETE, stopped by {}: the findings so far)", stoppedBy(m));
    g.open(2, id, label);
    bool any = false;
    for (const AnomalyFinding& a : m.anomalies) {
        const std::string code(info(a.cls).name);
        const std::string name = a.name.empty() ? std::string(info(a.cls).commonName) : a.name;
        const std::string prefix = id + "/" + code + "/";
        if (a.cycle.empty()) {
            g.note(3, prefix + "note", fmt::format("{} ({}): {}", code, name, a.detail));
        } else {
            g.open(3, id + "/" + code, fmt::format("{} ({})", code, name),
                   "tooltip=" + quoted(formatTrace(h, a.witness)) + ";");
            cycle(g, 4, h, prefix, a.cycle);
            g.close(3);
        }
        any = true;
    }
    for (const PhenomenonFinding& p : m.phenomena) {
        const PhenomenonInfo& i = info(p.ph);
        const std::string prefix = id + "/" + std::string(i.name) + "/";
        if (p.cycle.empty()) {
            g.note(3, prefix + "note", fmt::format("{} ({}): {}", i.name, i.commonName, p.detail));
        } else {
            g.open(3, id + "/" + std::string(i.name), fmt::format("{} ({})", i.name, i.commonName),
                   "tooltip=" + quoted(formatTrace(h, p.witness)) + ";");
            cycle(g, 4, h, prefix, p.cycle);
            g.close(3);
        }
        any = true;
    }
    for (std::size_t d = 0; d < m.deadlocks.size(); ++d) {
        const DeadlockFinding& dl = m.deadlocks[d];
        const std::string cid = fmt::format("{}/deadlock{}", id, d + 1);
        const std::string prefix = cid + "/";
        g.open(3, cid, fmt::format("deadlock: {}; victim {}", formatWaitsFor(h, dl.cycle), h.txns.at(dl.victim).name),
               "tooltip=" + quoted(formatTrace(h, dl.witness)) + ";");
        for (const TxnId t : dl.cycle) g.txn(4, prefix, h.txns.at(t).name, t == dl.victim);
        for (std::size_t i = 0; i < dl.cycle.size(); ++i) {
            const TxnId from = dl.cycle[i];
            const TxnId to = dl.cycle[(i + 1) % dl.cycle.size()];
            const std::string label = i < dl.waits.size() ? waitLabel(dl.waits[i]) : "waits for";
            g.edge(4, prefix, i, h.txns.at(from).name, h.txns.at(to).name, label, {"bold", kWaitsColor}, true);
        }
        g.close(3);
        any = true;
    }
    for (const InvariantFinding& v : m.invariantViolations) {
        g.note(3, fmt::format("{}/invariant{}", id, v.invariant + 1),
               fmt::format("invariant {} violated in {}", h.invariants.at(v.invariant).text, formatRows(h, v.rows)));
        any = true;
    }
    if (!any) g.note(3, id + "/none", m.complete ? "no anomaly, phenomenon, deadlock or violated invariant"
                                                 : "none found so far");
    g.close(2);
}

// One edge of each kind, as the findings draw them.
void legend(Graph& g) {
    g.open(1, "legend", "legend", "style=dashed; color=gray;");
    g.txn(2, "legend/", "Ti");
    g.txn(2, "legend/", "Tj");
    DepEdge e;
    std::size_t i = 0;
    for (const auto& [type, predicate, text] :
         {std::tuple{DepType::WW, false, "ww: Tj overwrote Ti's version"},
          std::tuple{DepType::WR, false, "wr: Tj read Ti's version"},
          std::tuple{DepType::RW, false, "rw: Tj overwrote what Ti read"},
          std::tuple{DepType::RW, true, "predicate rw: Tj changed what Ti's select matched"}}) {
        e.type = type;
        e.predicate = predicate;
        g.edge(2, "legend/", i++, "Ti", "Tj", text, edgeStyle(e));
    }
    g.edge(2, "legend/", i, "Tj", "Ti", "waits for: Tj waits for a lock Ti holds", {"bold", kWaitsColor}, true);
    g.line(2, "\"legend/victim\" [label=\"victim\", shape=doublecircle, color=\"#c0392b\"];");
    g.close(1);
}

}  // namespace

std::string dotReport(std::span<const CheckedFile> files) {
    Graph g;
    g.line(0, "digraph isocheck {");
    g.line(1, "graph [fontname=\"Helvetica\", fontsize=12, labeljust=l, rankdir=LR];");
    g.line(1, "node [fontname=\"Helvetica\", shape=circle];");
    g.line(1, "edge [fontname=\"Helvetica\"];");
    for (std::size_t f = 0; f < files.size(); ++f) {
        const CheckedFile& file = files[f];
        if (!file.error.empty()) continue;
        const History& h = file.history;
        const std::string id = fmt::format("f{}", f + 1);
        std::string label = h.title.empty() ? file.path : file.path + ": " + h.title;
        g.open(1, id, label, "style=rounded;");
        for (const ModelResult& m : file.result.models) model(g, h, m, id + "/" + m.model);
        g.close(1);
    }
    legend(g);
    g.line(0, "}");
    return g.out;
}

std::string dotReport(const History& h, const FileResult& r) {
    const CheckedFile file{h.file, h, r, {}, {}, {}};
    return dotReport(std::span<const CheckedFile>(&file, 1));
}

}  // namespace isocheck
