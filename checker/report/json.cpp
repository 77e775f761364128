// The JSON report of SPEC section 5. ordered_json keeps fields in the order
// written here, so output is byte-stable; fields may be added, never renamed.

#include <cmath>

#include <nlohmann/json.hpp>

#include "report/report.hpp"
#include "report/trace.hpp"

namespace isocheck {
namespace {

using Json = nlohmann::ordered_json;

Json steps(const History& h, const Trace& t) {
    Json out = Json::array();
    for (const TraceStep& s : traceSteps(h, t)) out.push_back(s.text);
    return out;
}

// "max-states", "timeout", "interrupt": what stopped an incomplete run.
std::string stopReasonName(const ModelResult& m) {
    switch (m.stopReason) {
        case StopReason::Timeout: return "timeout";
        case StopReason::Interrupt: return "interrupt";
        case StopReason::MaxStates:
        case StopReason::None: break;  // as stoppedBy: the explorer's own bound
    }
    return "max-states";
}

double milliseconds(double seconds) {
    return std::isfinite(seconds) && seconds > 0 ? std::round(seconds * 1000) / 1000 : 0.0;
}

Json cycle(const History& h, const std::vector<DepEdge>& edges) {
    Json out = Json::array();
    for (const DepEdge& e : edges) {
        Json edge{{"from", h.txns.at(e.from).name},
                  {"to", h.txns.at(e.to).name},
                  {"type", std::string(depTypeName(e.type))},
                  {"key", h.keys.at(e.key)}};
        if (e.predicate) edge["predicate"] = h.predicates.at(e.predicateId).text;
        out.push_back(std::move(edge));
    }
    return out;
}

Json rows(const History& h, const std::vector<std::pair<KeyId, Value>>& rs) {
    Json out = Json::object();
    for (const auto& [k, v] : rs) out[h.keys.at(k)] = v ? Json(*v) : Json(nullptr);
    return out;
}

Json anomaly(const History& h, const AnomalyFinding& a) {
    Json out{{"class", std::string(info(a.cls).name)},
             {"name", a.name.empty() ? std::string(info(a.cls).commonName) : a.name},
             {"schedule", traceSchedule(h, a.witness)},
             {"cycle", cycle(h, a.cycle)},
             {"steps", steps(h, a.witness)}};
    if (!a.cycle.empty()) out["why"] = explainCycle(h, a.cycle);
    if (!a.detail.empty()) out["detail"] = a.detail;
    return out;
}

Json phenomenon(const History& h, const PhenomenonFinding& p) {
    Json out{{"name", std::string(info(p.ph).name)},
             {"common_name", std::string(info(p.ph).commonName)},
             {"schedule", traceSchedule(h, p.witness)},
             {"steps", steps(h, p.witness)}};
    if (!p.cycle.empty()) out["cycle"] = cycle(h, p.cycle);
    if (!p.detail.empty()) out["detail"] = p.detail;
    return out;
}

Json deadlock(const History& h, const DeadlockFinding& d) {
    Json names = Json::array();
    for (TxnId t : d.cycle) names.push_back(h.txns.at(t).name);
    return Json{{"schedule", traceSchedule(h, d.witness)},
                {"cycle", std::move(names)},
                {"victim", h.txns.at(d.victim).name},
                {"waits", d.waits},
                {"steps", steps(h, d.witness)}};
}

Json abort(const History& h, const AbortFinding& a) {
    Json out{{"cause", causeName(a.cause)},
             {"txn", h.txns.at(a.txn).name},
             {"schedule", traceSchedule(h, a.witness)},
             {"steps", steps(h, a.witness)}};
    if (!a.why.empty()) out["why"] = a.why;
    return out;
}

Json verdict(const History& h, const ScheduleVerdict& v) {
    Json out{{"possible", v.possible}};
    if (!v.possible) {
        out["failed_at"] = v.failedAt;  // 0-based index into the file's schedule
        out["why"] = v.why;
    }
    out["schedule"] = traceSchedule(h, v.trace);
    out["steps"] = steps(h, v.trace);
    return out;
}

Json model(const History& h, const ModelResult& m) {
    Json out{{"model", m.model}, {"complete", m.complete}};
    if (!m.complete) out["stop_reason"] = stopReasonName(m);
    if (m.schedule) out["fixed_schedule"] = verdict(h, *m.schedule);
    Json list = Json::array();
    for (const AnomalyFinding& a : m.anomalies) list.push_back(anomaly(h, a));
    out["anomalies"] = std::move(list);
    list = Json::array();
    for (const PhenomenonFinding& p : m.phenomena) list.push_back(phenomenon(h, p));
    out["phenomena"] = std::move(list);
    list = Json::array();
    for (const DeadlockFinding& d : m.deadlocks) list.push_back(deadlock(h, d));
    out["deadlocks"] = std::move(list);
    list = Json::array();
    for (const AbortFinding& a : m.aborts) list.push_back(abort(h, a));
    out["aborts"] = std::move(list);
    list = Json::array();
    for (const FinalStateFinding& f : m.finalStates)
        list.push_back(Json{{"state", rows(h, f.rows)},
                            {"serializable", f.serializable},
                            {"schedule", traceSchedule(h, f.witness)}});
    out["final_states"] = std::move(list);
    out["snapshot_too_old"] = m.snapshotTooOld;
    // As Spin's summary does: which reductions were on. Seconds (to the
    // millisecond) and peak memory are the only fields that differ between
    // runs and --jobs values.
    out["stats"] = Json{{"executions", m.stats.executions},
                        {"distinct_executions", m.stats.distinctExecutions},
                        {"states", m.stats.states},
                        {"reductions", m.stats.reductions},
                        {"seconds", milliseconds(m.stats.seconds)},
                        {"peak_memory_kb", m.stats.peakMemoryKb}};
    list = Json::array();
    // "checked": the file states expectations for this model. "judged": they
    // were compared, which only a complete run does. An incomplete run judges
    // nothing (SPEC 4): "judged" is false and "met" null, neither true nor
    // false, with no mismatches; the keys stay the same in every report so
    // that readers need no special case. Without expectations a complete run
    // keeps "met": true, as before.
    // One part of a sharded run judges nothing either (merge judges the whole).
    const bool checked = hasExpectations(h, m);
    const bool judged = m.expectationsChecked;
    if (m.complete)
        for (const ExpectationMismatch& x : m.mismatches)
            list.push_back(Json{{"key", x.key}, {"expected", x.expected}, {"found", x.found}});
    out["expectations"] = Json{{"checked", checked},
                               {"judged", judged},
                               {"met", m.complete && (judged || !checked) ? Json(m.mismatches.empty())
                                                                         : Json(nullptr)},
                               {"mismatches", std::move(list)}};
    return out;
}

Json file(const CheckedFile& f) {
    Json out{{"file", f.path}};
    if (!f.error.empty()) {
        out["error"] = f.error;
        return out;
    }
    if (!f.history.title.empty()) out["title"] = f.history.title;
    Json models = Json::array();
    for (const ModelResult& m : f.result.models) models.push_back(model(f.history, m));
    out["models"] = std::move(models);
    return out;
}

}  // namespace

std::string jsonReport(std::span<const CheckedFile> files) {
    Json out;
    if (files.size() == 1) {
        out = file(files.front());
    } else {
        out = Json::array();
        for (const CheckedFile& f : files) out.push_back(file(f));
    }
    // Replace rather than throw on invalid UTF-8 (file names and titles are the user's).
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

}  // namespace isocheck
