// The JSON report of SPEC section 5, format_version 1 (specs/report.md; the
// schema is specs/report.schema.json). ordered_json keeps fields in the order
// written here, so output is byte-stable; fields may be added, never renamed.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <variant>

#include <nlohmann/json.hpp>

#include "report/report.hpp"
#include "report/trace.hpp"

namespace isocheck {
namespace {

using Json = nlohmann::ordered_json;

// The version an event read or installed: its writer and which of the
// writer's writes it is, 1-based; the row's initial version (unborn when
// the row is not in [initial]) has writer null and write 0.
Json version(const History& h, const VersionId& v) {
    if (v.writer == kInitialWriter) return Json{{"writer", nullptr}, {"write", 0}};
    return Json{{"writer", txnName(h, v.writer)}, {"write", v.seq + 1}};
}

Json value(Value v) { return v ? Json(*v) : Json(nullptr); }

// What an item read observed: the value (null when the row was absent),
// whether the row existed, and the version.
void readInto(Json& out, const History& h, const Event& e) {
    out["value"] = e.exists ? value(e.value) : Json(nullptr);
    out["exists"] = e.exists;
    out["version"] = version(h, e.version);
}

// One step as an object, beside its text in "steps": the step's position in
// the witness schedule (1-based; null for a deadlock victim's abort, which
// has no place in it), the transaction and its operation (1-based, as `T2
// op 2` in the text report), the kind, and what the operation read or wrote.
Json step(const History& h, const TraceStep& s, std::uint64_t& scheduled) {
    Json out{{"step", s.scheduled ? Json(++scheduled) : Json(nullptr)},
             {"transaction", txnName(h, s.txn)},
             {"operation", s.op + 1},
             {"kind", std::string(s.kind)}};
    if (s.kind == "abort") {
        out["cause"] = causeName(s.cause);
    } else if (s.kind == "select" && s.predicate) {
        out["predicate"] = h.predicates.at(*s.predicate).text;
        Json rows = Json::array();
        for (KeyId k : s.rows) rows.push_back(h.keys.at(k));
        out["rows"] = std::move(rows);
    } else if ((s.kind == "update-where" || s.kind == "delete-where") && s.predicate) {
        out["predicate"] = h.predicates.at(*s.predicate).text;
        Json rows = Json::array();
        for (const TraceStep::RowWrite& w : s.writes) {
            Json row{{"key", h.keys.at(w.write.key)}};
            if (w.read) {
                Json read;
                readInto(read, h, *w.read);
                row["read"] = std::move(read);
            }
            if (s.kind == "update-where") row["value"] = value(w.write.value);
            row["version"] = version(h, w.write.version);
            rows.push_back(std::move(row));
        }
        out["rows"] = std::move(rows);
    } else if (s.write) {
        out["key"] = h.keys.at(s.write->key);
        if (s.read) {
            Json read;
            readInto(read, h, *s.read);
            out["read"] = std::move(read);
        }
        if (s.kind != "delete") out["value"] = value(s.write->value);
        out["version"] = version(h, s.write->version);
    } else if (s.read) {
        out["key"] = h.keys.at(s.read->key);
        readInto(out, h, *s.read);
    }
    return out;
}

// A witness twice: "steps", the text of each step, and "trace", the same
// steps as objects.
void witness(Json& out, const History& h, const Trace& t) {
    Json texts = Json::array();
    Json objects = Json::array();
    std::uint64_t scheduled = 0;
    for (const TraceStep& s : traceSteps(h, t)) {
        texts.push_back(s.text);
        objects.push_back(step(h, s, scheduled));
    }
    out["steps"] = std::move(texts);
    out["trace"] = std::move(objects);
}

Json names(const History& h, std::uint64_t txns) {
    Json out = Json::array();
    for (TxnId t = 0; t < h.txns.size() && t < 64; ++t)
        if (txns & bit(t)) out.push_back(txnName(h, t));
    return out;
}

// The operation a transaction would run next: its number, kind, and key or predicate.
void operationInto(Json& out, const History& h, TxnId t, std::uint16_t op) {
    out["operation"] = op + 1;
    if (t >= h.txns.size() || op >= h.txns[t].ops.size()) return;
    const Op& o = h.txns[t].ops[op];
    out["kind"] = std::string(opKindName(o.kind));
    if (o.scans()) out["predicate"] = h.predicates.at(o.predicate).text;
    else if (!o.ends()) out["key"] = h.keys.at(o.key);
}

Json waiting(const History& h, const Wait& w) {
    Json out{{"transaction", txnName(h, w.txn)}};
    operationInto(out, h, w.txn, w.op);
    out["waits_for"] = names(h, w.waitsFor);
    return out;
}

Json expectationValue(const ExpectationValue& v) {
    if (const bool* b = std::get_if<bool>(&v)) return *b;
    if (const auto* n = std::get_if<std::vector<std::string>>(&v)) return *n;
    return nullptr;  // `possible` in a file without a fixed schedule
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

// "code" and "class" are the same Adya class (SPEC 5 names "class"; "code"
// is common to anomalies and phenomena); "name" the common name.
Json anomaly(const History& h, const AnomalyFinding& a) {
    Json out{{"code", std::string(info(a.cls).name)},
             {"class", std::string(info(a.cls).name)},
             {"name", a.name.empty() ? std::string(info(a.cls).commonName) : a.name},
             {"schedule", traceSchedule(h, a.witness)},
             {"cycle", cycle(h, a.cycle)}};
    witness(out, h, a.witness);
    if (!a.cycle.empty()) out["why"] = explainCycle(h, a.cycle);
    if (!a.detail.empty()) out["detail"] = a.detail;
    return out;
}

// As anomalies: "code" P4, "name" lost update ("common_name" too, as before
// format_version 1).
Json phenomenon(const History& h, const PhenomenonFinding& p) {
    Json out{{"code", std::string(info(p.ph).name)},
             {"name", std::string(info(p.ph).commonName)},
             {"common_name", std::string(info(p.ph).commonName)},
             {"schedule", traceSchedule(h, p.witness)}};
    witness(out, h, p.witness);
    if (!p.cycle.empty()) out["cycle"] = cycle(h, p.cycle);
    if (!p.detail.empty()) out["detail"] = p.detail;
    return out;
}

Json deadlock(const History& h, const DeadlockFinding& d) {
    Json members = Json::array();
    for (TxnId t : d.cycle) members.push_back(h.txns.at(t).name);
    Json waits = Json::array();
    Json objects = Json::array();
    for (const Wait& w : d.waits) {
        waits.push_back(w.why);
        objects.push_back(waiting(h, w));
    }
    Json out{{"schedule", traceSchedule(h, d.witness)},
             {"cycle", std::move(members)},
             {"victim", h.txns.at(d.victim).name},
             {"waits", std::move(waits)},
             {"waiting", std::move(objects)}};
    witness(out, h, d.witness);
    return out;
}

Json abort(const History& h, const AbortFinding& a) {
    Json out{{"cause", causeName(a.cause)},
             {"txn", h.txns.at(a.txn).name},
             {"schedule", traceSchedule(h, a.witness)}};
    witness(out, h, a.witness);
    if (!a.why.empty()) out["why"] = a.why;
    return out;
}

// The step of a fixed schedule that cannot happen: its number (1-based, as
// the text report's "NOT possible at step 3"), its transaction, and either
// the operation that would wait and on whom, or how the transaction had
// already ended.
Json failure(const History& h, const ScheduleVerdict& v) {
    Json out{{"step", v.failedAt + 1}};
    const bool inFile = h.schedule && v.failedAt < h.schedule->size();
    const TxnId t = inFile ? (*h.schedule)[v.failedAt] : v.wait.txn;
    out["transaction"] = txnName(h, t);
    if (v.wait.waitsFor != 0) {
        out["reason"] = "waits";
        operationInto(out, h, t, v.wait.op);
        out["waits_for"] = names(h, v.wait.waitsFor);
        return out;
    }
    out["reason"] = "ended";
    const auto end = std::ranges::find_if(v.trace.rbegin(), v.trace.rend(), [&](const Event& e) {
        return e.txn == t && (e.kind == EventKind::Commit || e.kind == EventKind::Abort);
    });
    if (end != v.trace.rend() && end->kind == EventKind::Abort) {
        out["outcome"] = "aborted";
        out["cause"] = causeName(end->cause);
    } else {
        out["outcome"] = "committed";
    }
    return out;
}

Json verdict(const History& h, const ScheduleVerdict& v) {
    Json out{{"possible", v.possible}};
    if (!v.possible) {
        out["failed_at"] = v.failedAt;  // 0-based index into the file's schedule
        out["why"] = v.why;
        out["failure"] = failure(h, v);
    }
    out["schedule"] = traceSchedule(h, v.trace);
    witness(out, h, v.trace);
    if (h.transcript) {
        out["transcript"] = true;
        Json outcomes = Json::array();
        for (std::size_t i = 0; i < v.outcomes.size(); ++i)
            outcomes.push_back({{"transaction", txnName(h, (*h.schedule)[i])}, {"outcome", nameOf(v.outcomes[i])}});
        out["outcomes"] = std::move(outcomes);
    }
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
    for (const FinalStateFinding& f : m.finalStates) {
        Json violates = Json::array();
        for (const std::size_t i : f.violates) violates.push_back(h.invariants.at(i).text);
        list.push_back(Json{{"state", rows(h, f.rows)},
                            {"serializable", f.serializable},
                            {"schedule", traceSchedule(h, f.witness)},
                            {"violates", std::move(violates)}});
    }
    out["final_states"] = std::move(list);
    // One per violated invariant (SPEC 1.1), in file order, with the final
    // state and a witness that replays to it.
    list = Json::array();
    for (const InvariantFinding& v : m.invariantViolations) {
        Json one{{"invariant", h.invariants.at(v.invariant).text},
                 {"state", rows(h, v.rows)},
                 {"schedule", traceSchedule(h, v.witness)}};
        witness(one, h, v.witness);
        list.push_back(std::move(one));
    }
    out["invariant_violations"] = std::move(list);
    out["invariants_hold"] = m.invariantViolations.empty();
    // OTV and PMP, when the file probes them (its class and phenomenon
    // probes are in the lists above).
    list = Json::array();
    for (const ProbeFinding& p : m.probes) {
        Json one{{"probe", p.probe}, {"detail", p.detail}, {"schedule", traceSchedule(h, p.witness)}};
        witness(one, h, p.witness);
        list.push_back(std::move(one));
    }
    out["probes"] = std::move(list);
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
            list.push_back(Json{{"key", x.key},
                                {"expected", expectationValue(x.expectedValue)},
                                {"found", expectationValue(x.foundValue)},
                                {"text", formatMismatch(x)}});
    out["expectations"] = Json{{"checked", checked},
                               {"judged", judged},
                               {"met", m.complete && (judged || !checked) ? Json(m.mismatches.empty())
                                                                         : Json(nullptr)},
                               {"mismatches", std::move(list)}};
    return out;
}

Json file(const CheckedFile& f) {
    Json out{{"format_version", kJsonFormatVersion}, {"file", f.path}};
    if (!f.error.empty()) {
        out["error"] = f.error;
        return out;
    }
    if (!f.history.title.empty()) out["title"] = f.history.title;
    if (!f.history.probes.empty()) out["probes"] = f.history.probes;
    Json models = Json::array();
    for (const ModelResult& m : f.result.models) models.push_back(model(f.history, m));
    out["models"] = std::move(models);
    if (!f.matrix.columns.empty()) out["matrix"] = matrixJson(f.matrix);
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
