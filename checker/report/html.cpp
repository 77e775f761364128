// The HTML report: one self-contained page (inline CSS and SVG; no script, no
// external resource, and a Content-Security-Policy that forbids fetching any)
// for a learner to read in a browser. Per file: the history, the matrix
// across levels, then per model each finding with its witness as swimlanes
// (one lane per transaction; waits, skips and aborts marked), its dependency
// or waits-for cycle drawn as SVG laid out here (nodes on a circle, each edge
// bent to its own side so that two opposite edges and their labels never
// meet), its schedule to paste and the explanations that compare levels.
// Every user-written text goes through `esc`.

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "report/report.hpp"
#include "report/trace.hpp"

namespace isocheck {
namespace {

// Text and attribute values alike.
std::string esc(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

constexpr std::string_view kStyle = R"(
:root { --ww: #222; --wr: #1f5fbf; --rw: #c0392b; --wait: #8e44ad; --ok: #1e7b34; --bad: #b03a2e; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; color: #1b1b1b; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid #ddd; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.15rem; margin: 1.8rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
code, pre, .lanes td { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .88rem; }
table { border-collapse: collapse; margin: .4rem 0 .8rem; }
th, td { border: 1px solid #d4d4d4; padding: .2rem .45rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; font-weight: 600; }
.path { color: #555; margin-top: -.2rem; }
.stats { color: #555; font-size: .9rem; }
.matrix td.possible { background: #fbe3e0; color: var(--bad); font-weight: 600; }
.matrix td.prevented { background: #e3f3e6; color: var(--ok); }
.matrix td.unknown { background: #fff6d6; }
.matrix td.notseen { color: #999; }
.matrix small { display: block; color: #555; font-weight: normal; }
.finding { border: 1px solid #e2e2e2; border-radius: 6px; padding: .3rem .9rem .7rem; margin: .8rem 0; }
.finding .figure { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.lanes th[scope=row] { background: #f4f4f4; }
.lanes td.step { background: #eef4fb; }
.lanes td.commit { background: #e3f3e6; }
.lanes td.abort { background: #fbe3e0; color: var(--bad); font-weight: 600; }
.lanes td.skip { background: #f2f2f2; color: #777; font-style: italic; }
.lanes td.wait { background: #f3e8f8; color: var(--wait); font-style: italic; }
.lanes thead th { font-weight: normal; color: #777; font-size: .8rem; text-align: center; }
.schedule { background: #f7f7f7; padding: .2rem .4rem; border-radius: 3px; }
.allowed { margin: .4rem 0; }
ul.elsewhere { margin: .2rem 0 .2rem 1.2rem; padding: 0; }
ul.elsewhere li.same { color: var(--bad); }
ul.elsewhere li.prevented { color: var(--ok); }
.note { color: #555; }
.met { color: var(--ok); font-weight: 600; }
.failed { color: var(--bad); font-weight: 600; }
svg.cycle text { font: 12px system-ui, Helvetica, Arial, sans-serif; }
svg.cycle .node circle { fill: #fff; stroke: #333; stroke-width: 1.5; }
svg.cycle .node.victim circle { stroke: var(--rw); stroke-width: 3; }
svg.cycle path { fill: none; stroke-width: 1.6; }
svg.cycle .ww path { stroke: var(--ww); }
svg.cycle .wr path { stroke: var(--wr); }
svg.cycle .rw path { stroke: var(--rw); stroke-dasharray: 6 4; }
svg.cycle .predicate path { stroke-dasharray: 2 3; }
svg.cycle .wait path { stroke: var(--wait); stroke-width: 2.4; }
svg.cycle .ww text { fill: var(--ww); } svg.cycle .wr text { fill: var(--wr); }
svg.cycle .rw text { fill: var(--rw); } svg.cycle .wait text { fill: var(--wait); }
.legend { font-size: .9rem; color: #444; }
@media print { .finding { break-inside: avoid; } }
)";

// Arrowheads, defined once per page: url(#...) resolves across the document.
constexpr std::string_view kMarkers = R"(<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>
<marker id="arrow-ww" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#222"/></marker>
<marker id="arrow-wr" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1f5fbf"/></marker>
<marker id="arrow-rw" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c0392b"/></marker>
<marker id="arrow-wait" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8e44ad"/></marker>
</defs></svg>
)";

// One edge of a drawn cycle: between the i-th and j-th node.
struct SvgEdge {
    std::size_t from = 0;
    std::size_t to = 0;
    std::string label;
    std::string_view kind;  // "ww", "wr", "rw" or "wait"
    bool predicate = false;
};

struct Point {
    double x = 0;
    double y = 0;
};

// A cycle drawn on a circle: node i at angle -90° + 360° i / n, clockwise, so
// the cycle reads like the text. Each edge is a quadratic curve bent away
// from the centre (for two nodes, to its own left), its label beyond the bend.
std::string cycleSvg(const std::vector<std::string>& nodes, const std::vector<SvgEdge>& edges,
                     std::size_t victim, std::string_view title) {
    constexpr double kNode = 20;   // node radius
    constexpr double kMargin = 110;  // room for the labels
    const std::size_t n = nodes.size();
    const double radius = n <= 2 ? 70 : 45 + 22.0 * static_cast<double>(n);
    // Two nodes sit side by side (T1 on the left), their edges bent above and below.
    const double top = n <= 2 ? 70 : radius + 50;
    const Point centre{radius + kMargin, top};
    const double width = 2 * (radius + kMargin);
    const double height = 2 * top;
    std::vector<Point> at;
    for (std::size_t i = 0; i < n; ++i) {
        const double angle = (n == 2 ? std::numbers::pi : -std::numbers::pi / 2) +
                             2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
        at.push_back({centre.x + radius * std::cos(angle), centre.y + radius * std::sin(angle)});
    }
    std::string out = fmt::format(
        R"(<svg class="cycle" role="img" width="{:.0f}" height="{:.0f}" viewBox="0 0 {:.0f} {:.0f}"><title>{}</title>)",
        width, height, width, height, esc(title));
    for (const SvgEdge& e : edges) {
        const Point a = at.at(e.from);
        const Point b = at.at(e.to);
        const double dx = b.x - a.x;
        const double dy = b.y - a.y;
        const double len = std::max(std::hypot(dx, dy), 1.0);
        Point normal{-dy / len, dx / len};  // the edge's left
        const Point mid{(a.x + b.x) / 2, (a.y + b.y) / 2};
        if (n > 2 && (mid.x - centre.x) * normal.x + (mid.y - centre.y) * normal.y < 0)
            normal = {-normal.x, -normal.y};
        const double bend = n == 2 ? 45 : 28;
        const Point control{mid.x + normal.x * bend, mid.y + normal.y * bend};
        // Start and end on the circles, towards the control point.
        const auto onCircle = [&](Point p) {
            const double cx = control.x - p.x;
            const double cy = control.y - p.y;
            const double l = std::max(std::hypot(cx, cy), 1.0);
            return Point{p.x + cx / l * kNode, p.y + cy / l * kNode};
        };
        const Point s = onCircle(a);
        const Point t = onCircle(b);
        const Point top{0.25 * s.x + 0.5 * control.x + 0.25 * t.x, 0.25 * s.y + 0.5 * control.y + 0.25 * t.y};
        const Point label{top.x + normal.x * 14, top.y + normal.y * 14 + 4};
        const std::string_view anchor = std::abs(normal.x) < 0.35 ? "middle" : normal.x > 0 ? "start" : "end";
        out += fmt::format(
            R"svg(<g class="edge {}{}"><path d="M{:.1f},{:.1f} Q{:.1f},{:.1f} {:.1f},{:.1f}" marker-end="url(#arrow-{})"/>)svg"
            R"svg(<text x="{:.1f}" y="{:.1f}" text-anchor="{}">{}</text></g>)svg",
            e.kind, e.predicate ? " predicate" : "", s.x, s.y, control.x, control.y, t.x, t.y, e.kind, label.x,
            label.y, anchor, esc(e.label));
    }
    for (std::size_t i = 0; i < n; ++i)
        out += fmt::format(
            R"(<g class="node{}"><circle cx="{:.1f}" cy="{:.1f}" r="{:.0f}"/><text x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text></g>)",
            i == victim ? " victim" : "", at[i].x, at[i].y, kNode, at[i].x, at[i].y + 4, esc(nodes[i]));
    return out + "</svg>\n";
}

std::string dependencySvg(const History& h, const std::vector<DepEdge>& cycle, std::string_view title) {
    std::vector<TxnId> order;
    for (const DepEdge& e : cycle)
        if (std::ranges::find(order, e.from) == order.end()) order.push_back(e.from);
    std::vector<std::string> names;
    names.reserve(order.size());
    for (const TxnId t : order) names.push_back(h.txns.at(t).name);
    const auto index = [&](TxnId t) {
        return static_cast<std::size_t>(std::ranges::find(order, t) - order.begin());
    };
    std::vector<SvgEdge> edges;
    edges.reserve(cycle.size());
    for (const DepEdge& e : cycle)
        edges.push_back({index(e.from), index(e.to), formatEdgeLabel(h, e), depTypeName(e.type), e.predicate});
    return cycleSvg(names, edges, names.size(), title);
}

// `lock on x` out of `T2 op 2 "w x = x + 1" waits for T1 (lock on x)`.
std::string lockOf(const Wait& w) {
    const std::size_t open = w.why.rfind(" (");
    if (open == std::string::npos || !w.why.ends_with(')')) return "waits for";
    return w.why.substr(open + 2, w.why.size() - open - 3);
}

std::string waitsForSvg(const History& h, const DeadlockFinding& d, std::string_view title) {
    std::vector<std::string> names;
    std::size_t victim = d.cycle.size();
    for (std::size_t i = 0; i < d.cycle.size(); ++i) {
        names.push_back(h.txns.at(d.cycle[i]).name);
        if (d.cycle[i] == d.victim) victim = i;
    }
    std::vector<SvgEdge> edges;
    for (std::size_t i = 0; i < d.cycle.size(); ++i)
        edges.push_back({i, (i + 1) % d.cycle.size(),
                         i < d.waits.size() ? "waits: " + lockOf(d.waits[i]) : "waits for", "wait", false});
    return cycleSvg(names, edges, victim, title);
}

// The witness as swimlanes: a column per step, a lane per transaction of the
// file (those without a step too). `waits`, for a deadlock, adds a last
// column with what each member's next operation waits for.
std::string swimlanes(const History& h, const Trace& t, const std::vector<Wait>& waits = {}) {
    const std::vector<TraceStep> steps = traceSteps(h, t);
    std::string out = R"(<table class="lanes"><thead><tr><th></th>)";
    std::size_t number = 0;
    for (const TraceStep& s : steps)
        out += s.scheduled ? fmt::format("<th>{}</th>", ++number) : std::string("<th>&#8211;</th>");
    if (!waits.empty()) out += "<th>then</th>";
    out += "</tr></thead><tbody>\n";
    for (TxnId id = 0; id < h.txns.size(); ++id) {
        const std::string& name = h.txns[id].name;
        out += fmt::format(R"(<tr class="lane" data-txn="{}"><th scope="row">{}</th>)", esc(name), esc(name));
        for (const TraceStep& s : steps) {
            if (s.txn != id) {
                out += "<td></td>";
                continue;
            }
            std::string text = s.text;
            if (text.starts_with(name + ":")) text.erase(0, name.size() + 1);
            const std::string_view cls = s.kind == "abort"    ? "abort"
                                         : s.kind == "commit" ? "commit"
                                         : s.kind == "skip"   ? "skip"
                                                              : "step";
            out += fmt::format(R"(<td class="{}">{}</td>)", cls, esc(text));
        }
        if (!waits.empty()) {
            const auto w = std::ranges::find(waits, id, &Wait::txn);
            out += w == waits.end() ? std::string("<td></td>")
                                    : fmt::format(R"(<td class="wait">{}</td>)", esc(w->why));
        }
        out += "</tr>\n";
    }
    return out + "</tbody></table>\n";
}

std::string scheduleCode(const History& h, const Trace& t) {
    return fmt::format(R"(<p>Paste to replay: <code class="schedule">{}</code></p>)", esc(scheduleLine(h, t)));
}

void explanation(std::string& out, const Explanation* x) {
    if (x == nullptr) return;
    out += fmt::format(R"(<p class="allowed"><strong>Allowed:</strong> {}</p>)", esc(x->allowedBy));
    if (x->elsewhere.empty()) return;
    out += "<p>The same schedule under the other levels:</p><ul class=\"elsewhere\">";
    for (const Elsewhere& e : x->elsewhere)
        out += fmt::format(R"(<li class="{}"><strong>{}</strong>: {}</li>)", e.found ? "same" : "prevented",
                           esc(e.model), esc(e.text));
    out += "</ul>\n";
}

const Explanation* nth(const ModelExplanations* x, std::vector<Explanation> ModelExplanations::*kind,
                       std::size_t i) {
    if (x == nullptr || i >= (x->*kind).size()) return nullptr;
    return &(x->*kind)[i];
}

void modelSection(std::string& out, const History& h, const ModelResult& m, const ModelExplanations* x,
                  const std::string& id) {
    out += fmt::format(R"(<section class="model" id="{}"><h3>{}</h3><p class="stats">{}</p>)", esc(id),
                       esc(m.model), esc(statsLine(m)));
    if (m.schedule) {
        const ScheduleVerdict& v = *m.schedule;
        out += v.possible ? std::string("<p>The fixed schedule <strong>can happen</strong>:</p>")
                          : fmt::format("<p>The fixed schedule <strong>cannot happen</strong> at step {}: {}</p>",
                                        v.failedAt + 1, esc(v.why));
        out += swimlanes(h, v.trace, v.possible || v.wait.waitsFor == 0 ? std::vector<Wait>{}
                                                                        : std::vector<Wait>{v.wait});
    }
    const bool none = m.anomalies.empty() && m.phenomena.empty() && m.deadlocks.empty() && m.aborts.empty();
    if (none) out += fmt::format(R"(<p class="note">No anomaly, phenomenon, deadlock or abort{}.</p>)",
                                 m.complete ? "" : " found so far (incomplete run)");
    for (std::size_t i = 0; i < m.anomalies.size(); ++i) {
        const AnomalyFinding& a = m.anomalies[i];
        const std::string name = a.name.empty() ? std::string(info(a.cls).commonName) : a.name;
        const std::string title = fmt::format("{} ({})", info(a.cls).name, name);
        out += fmt::format(R"(<article class="finding anomaly"><h4>{}</h4>)", esc(title));
        out += fmt::format("<p><code>{}</code></p>", esc(a.cycle.empty() ? a.detail : formatCycle(h, a.cycle)));
        out += R"(<div class="figure">)";
        if (!a.cycle.empty()) out += dependencySvg(h, a.cycle, title);
        out += swimlanes(h, a.witness) + "</div>";
        out += scheduleCode(h, a.witness);
        if (!a.cycle.empty()) out += fmt::format("<p><strong>Why:</strong> {}</p>", esc(explainCycle(h, a.cycle)));
        explanation(out, nth(x, &ModelExplanations::anomalies, i));
        out += "</article>\n";
    }
    for (std::size_t i = 0; i < m.phenomena.size(); ++i) {
        const PhenomenonFinding& p = m.phenomena[i];
        const std::string title = fmt::format("{} ({})", info(p.ph).name, info(p.ph).commonName);
        out += fmt::format(R"(<article class="finding phenomenon"><h4>{}</h4>)", esc(title));
        out += fmt::format("<p><code>{}</code></p>", esc(p.cycle.empty() ? p.detail : formatCycle(h, p.cycle)));
        out += R"(<div class="figure">)";
        if (!p.cycle.empty()) out += dependencySvg(h, p.cycle, title);
        out += swimlanes(h, p.witness) + "</div>";
        out += scheduleCode(h, p.witness);
        if (!p.cycle.empty() && !p.detail.empty()) out += fmt::format("<p>{}</p>", esc(p.detail));
        explanation(out, nth(x, &ModelExplanations::phenomena, i));
        out += "</article>\n";
    }
    for (std::size_t i = 0; i < m.deadlocks.size(); ++i) {
        const DeadlockFinding& d = m.deadlocks[i];
        const std::string title = fmt::format("deadlock: {}; victim {}", formatWaitsFor(h, d.cycle),
                                              h.txns.at(d.victim).name);
        out += fmt::format(R"(<article class="finding deadlock"><h4>{}</h4><div class="figure">)", esc(title));
        out += waitsForSvg(h, d, title) + swimlanes(h, d.witness, d.waits) + "</div>";
        out += scheduleCode(h, d.witness);
        explanation(out, nth(x, &ModelExplanations::deadlocks, i));
        out += "</article>\n";
    }
    for (std::size_t i = 0; i < m.aborts.size(); ++i) {
        const AbortFinding& a = m.aborts[i];
        out += fmt::format(R"(<article class="finding abort"><h4>abort of {} ({})</h4>)", esc(h.txns.at(a.txn).name),
                           esc(causeName(a.cause)));
        if (!a.why.empty()) out += fmt::format("<p>{}</p>", esc(a.why));
        out += swimlanes(h, a.witness) + scheduleCode(h, a.witness);
        explanation(out, nth(x, &ModelExplanations::aborts, i));
        out += "</article>\n";
    }
    if (!m.finalStates.empty()) {
        out += "<h4>Final states</h4><table><thead><tr><th>state</th><th>serializable</th>";
        if (!h.invariants.empty()) out += "<th>violates</th>";
        out += "<th>witness schedule</th></tr></thead><tbody>\n";
        for (const FinalStateFinding& f : m.finalStates) {
            out += fmt::format("<tr><td><code>{}</code></td><td>{}</td>", esc(formatRows(h, f.rows)),
                               f.serializable ? "yes" : R"(<span class="failed">no</span>)");
            if (!h.invariants.empty()) {
                std::string violates;
                for (const std::size_t v : f.violates)
                    violates += (violates.empty() ? "" : ", ") + esc(h.invariants.at(v).text);
                out += fmt::format("<td>{}</td>", violates);
            }
            out += fmt::format("<td><code>{}</code></td></tr>\n", esc(scheduleLine(h, f.witness)));
        }
        out += "</tbody></table>\n";
    }
    for (std::size_t i = 0; i < h.invariants.size(); ++i) {
        const auto v = std::ranges::find(m.invariantViolations, i, &InvariantFinding::invariant);
        if (v == m.invariantViolations.end()) {
            out += fmt::format(R"(<p>Invariant <code>{}</code>: <span class="met">{}</span></p>)",
                               esc(h.invariants[i].text), m.complete ? "holds in every final state" : "no violation found so far");
            continue;
        }
        out += fmt::format(R"(<article class="finding invariant"><h4>Invariant {} violated in {}</h4>)",
                           esc(h.invariants[i].text), esc(formatRows(h, v->rows)));
        out += swimlanes(h, v->witness) + scheduleCode(h, v->witness) + "</article>\n";
    }
    if (hasExpectations(h, m)) {
        if (!m.complete) out += "<p>Expectations: not judged (incomplete run).</p>";
        else if (m.mismatches.empty()) out += R"(<p>Expectations: <span class="met">met</span>.</p>)";
        else {
            out += R"(<p>Expectations: <span class="failed">failed</span>.</p><ul>)";
            for (const ExpectationMismatch& mm : m.mismatches) out += fmt::format("<li><code>{}</code></li>", esc(formatMismatch(mm)));
            out += "</ul>";
        }
    }
    out += "</section>\n";
}

void fileSection(std::string& out, const CheckedFile& f, std::size_t index) {
    const History& h = f.history;
    const std::string id = fmt::format("f{}", index + 1);
    out += fmt::format(R"(<section class="file" id="{}"><h2>{}</h2><p class="path">{}</p>)", id,
                       esc(h.title.empty() ? f.path : h.title), esc(f.path));
    if (!h.description.empty()) out += fmt::format("<p>{}</p>", esc(h.description));
    out += "<table><thead><tr><th>transaction</th><th>operations</th></tr></thead><tbody>\n";
    for (const Txn& t : h.txns) {
        std::string ops;
        for (const Op& op : t.ops) ops += (ops.empty() ? "" : ", ") + fmt::format("<code>{}</code>", esc(op.text));
        out += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", esc(t.name), ops);
    }
    out += "</tbody></table>\n";
    std::vector<std::pair<KeyId, Value>> initial;
    for (KeyId k = 0; k < h.initial.size(); ++k)
        if (h.initial[k]) initial.emplace_back(k, *h.initial[k]);
    out += fmt::format("<p>Initial rows: <code>{}</code></p>", esc(formatRows(h, initial)));
    for (const Invariant& inv : h.invariants) out += fmt::format("<p>Invariant: <code>{}</code></p>", esc(inv.text));
    if (!f.matrix.columns.empty()) out += "<h3>Across levels</h3>\n" + matrixHtml(f.matrix);
    for (std::size_t m = 0; m < f.result.models.size(); ++m)
        modelSection(out, h, f.result.models[m], m < f.explanations.size() ? &f.explanations[m] : nullptr,
                     fmt::format("{}-{}", id, f.result.models[m].model));
    out += "</section>\n";
}

}  // namespace

std::string htmlPage(std::string_view title, std::string_view body) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    // Nothing may be fetched: not a script, an image, a font or a favicon.
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
           "'unsafe-inline'; img-src data:\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<link rel=\"icon\" href=\"data:,\">\n";
    out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", esc(title), kStyle);
    out += kMarkers;
    out += body;
    return out + "</body>\n</html>\n";
}

std::string htmlReport(std::span<const CheckedFile> files) {
    std::string body;
    const std::string title = files.size() == 1 && !files[0].history.title.empty()
                                  ? "isocheck: " + files[0].history.title
                                  : "isocheck report";
    body += fmt::format("<h1>{}</h1>\n", esc(title));
    body += R"(<p class="legend">Edges: <span style="color:#222">ww</span> a later write of the same row, )"
            R"(<span style="color:#1f5fbf">wr</span> a read of another's write, )"
            R"(<span style="color:#c0392b">rw (dashed)</span> an overwrite of what another read; dotted: )"
            R"(through a predicate; <span style="color:#8e44ad">waits</span> a lock wait.</p>)"
            "\n";
    for (std::size_t i = 0; i < files.size(); ++i)
        if (files[i].error.empty()) fileSection(body, files[i], i);
    return htmlPage(title, body);
}

}  // namespace isocheck
