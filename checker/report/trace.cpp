#include "report/trace.hpp"

#include <string_view>
#include <utility>

namespace isocheck {
namespace {

const std::string& keyName(const History& h, KeyId k) {
    static const std::string unknown = "?";
    return k < h.keys.size() ? h.keys[k] : unknown;
}

const Op* opOf(const History& h, const Event& e) {
    if (e.txn >= h.txns.size() || e.op >= h.txns[e.txn].ops.size()) return nullptr;
    return &h.txns[e.txn].ops[e.op];
}

// One step: the events [first, last) that one operation of one transaction
// logged, with its text.
TraceStep makeStep(const History& h, const Event* first, const Event* last,
                   std::span<const PredicateObservation> reads) {
    TraceStep step;
    step.txn = first->txn;
    step.scheduled = first->scheduled;
    step.op = first->op;
    const std::string& name = txnName(h, first->txn);
    const Op* op = opOf(h, *first);
    const Event* predicate = nullptr;
    std::optional<Event> pendingRead;  // a predicate update's read of the row it writes next
    for (const Event* e = first; e != last; ++e) {
        switch (e->kind) {
            case EventKind::Abort:
                step.kind = "abort";
                step.cause = e->cause;
                step.read.reset();
                step.write.reset();
                if (!e->scheduled) step.text = "[" + name + " aborted: " + causeName(e->cause) + "]";
                else if (e->cause == AbortCause::User || e->cause == AbortCause::None)
                    step.text = name + ":abort";
                else step.text = name + ":abort (" + causeName(e->cause) + ")";
                return step;
            case EventKind::Commit:
                step.kind = "commit";
                step.text = name + ":commit";
                return step;
            case EventKind::Skip:
                step.kind = "skip";
                step.text = name + ":skipped " + (op != nullptr ? op->text : std::string("?"));
                return step;
            case EventKind::Read:
                step.read = *e;
                pendingRead = *e;
                break;
            case EventKind::Write:
                step.write = *e;
                step.writes.push_back({std::exchange(pendingRead, std::nullopt), *e});
                break;
            case EventKind::PredicateRead: predicate = e; break;
        }
    }
    if (predicate != nullptr && op != nullptr && op->predicateWrite()) {
        const bool update = op->kind == OpKind::PredicateUpdate;
        step.kind = update ? "update-where" : "delete-where";
        step.predicate = op->predicate;
        step.read.reset();
        step.write.reset();
        std::string rows;
        for (const TraceStep::RowWrite& w : step.writes) {
            rows += (rows.empty() ? "" : ",") + keyName(h, w.write.key);
            if (update)
                rows += "=" + formatValue(w.read && w.read->exists ? w.read->value : Value{}) + "->" +
                        formatValue(w.write.value);
        }
        step.text = name + ":" + (update ? "update " : "delete ") + h.predicates.at(op->predicate).text +
                    " -> {" + rows + "}";
        return step;
    }
    step.writes.clear();
    if (predicate != nullptr) {
        step.kind = "select";
        step.predicate = op != nullptr ? op->predicate : PredicateId{0};
        if (predicate->predicateRead < reads.size()) {
            step.rows = reads[predicate->predicateRead].returned;
        } else {
            for (KeyId k = 0; k < h.keys.size() && k < kMaxKeys; ++k)
                if (predicate->returned & (std::uint64_t{1} << k)) step.rows.push_back(k);
        }
        std::string rows;
        for (KeyId k : step.rows) rows += (rows.empty() ? "" : ",") + keyName(h, k);
        step.text = name + ":select " + h.predicates.at(*step.predicate).text + " -> {" + rows + "}";
        return step;
    }
    auto shown = [](const Event& e) { return formatValue(e.exists ? e.value : Value{}); };
    const std::optional<Event>& read = step.read;
    const std::optional<Event>& write = step.write;
    if (read && write) {
        step.kind = "update";
        step.text = name + ":u " + keyName(h, write->key) + "=" + shown(*read) + "->" +
                    formatValue(write->value);
    } else if (write) {
        if (!write->exists || (op != nullptr && op->kind == OpKind::Delete)) {
            step.kind = "delete";
            step.text = name + ":d " + keyName(h, write->key);
        } else {
            step.kind = "write";
            step.text = name + ":w " + keyName(h, write->key) + "=" + formatValue(write->value);
        }
    } else if (read) {
        const bool forUpdate = op != nullptr && op->kind == OpKind::ReadForUpdate;
        step.kind = forUpdate ? "read-for-update" : "read";
        step.text = name + ":r " + keyName(h, read->key) + "=" + shown(*read) +
                    (forUpdate ? " for update" : "");
    } else {
        step.kind = op != nullptr ? opKindName(op->kind) : std::string_view("commit");
        step.text = name + ":" + (op != nullptr ? op->text : std::string("?"));
    }
    return step;
}

template <typename F>
void forEachStep(const Trace& t, F&& f) {
    for (std::size_t i = 0; i < t.size();) {
        std::size_t j = i + 1;
        while (j < t.size() && t[j].txn == t[i].txn && t[j].op == t[i].op &&
               t[j].scheduled == t[i].scheduled)
            ++j;
        f(t.data() + i, t.data() + j);
        i = j;
    }
}

}  // namespace

std::vector<TraceStep> traceSteps(const History& h, const Trace& t,
                                  std::span<const PredicateObservation> reads) {
    std::vector<TraceStep> steps;
    forEachStep(t, [&](const Event* first, const Event* last) {
        steps.push_back(makeStep(h, first, last, reads));
    });
    return steps;
}

std::string formatTrace(const History& h, const Trace& t,
                        std::span<const PredicateObservation> reads) {
    std::string out;
    for (const TraceStep& s : traceSteps(h, t, reads)) out += (out.empty() ? "" : "  ") + s.text;
    return out;
}

std::string scheduleLine(const History& h, const Trace& t) {
    std::string out = "schedule = [";
    bool first = true;
    for (const std::string& name : traceSchedule(h, t)) {
        out += first ? "\"" : ", \"";
        first = false;
        for (const char c : name) {  // a TOML basic string; names hold no control characters
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + ']';
}

std::vector<std::string> traceSchedule(const History& h, const Trace& t) {
    std::vector<std::string> names;
    for (TxnId id : scheduleOf(t)) names.push_back(txnName(h, id));
    return names;
}

std::string_view opKindName(OpKind k) {
    switch (k) {
        case OpKind::Read: return "read";
        case OpKind::ReadForUpdate: return "read-for-update";
        case OpKind::Write: return "write";
        case OpKind::Update: return "update";
        case OpKind::Delete: return "delete";
        case OpKind::PredicateRead: return "select";
        case OpKind::PredicateUpdate: return "update-where";
        case OpKind::PredicateDelete: return "delete-where";
        case OpKind::Commit: return "commit";
        case OpKind::Abort: return "abort";
    }
    return "?";
}

std::string formatValue(Value v) { return v ? std::to_string(*v) : "null"; }

std::string causeName(AbortCause c) {
    switch (c) {
        case AbortCause::None: return "none";
        case AbortCause::User: return "user";
        case AbortCause::Deadlock: return "deadlock victim";
        case AbortCause::Serialization: return "serialization failure";
        case AbortCause::SnapshotTooOld: return "snapshot too old";
    }
    return "unknown";
}

std::string formatRows(const History& h, const std::vector<std::pair<KeyId, Value>>& rows) {
    if (rows.empty()) return "(no rows)";
    std::string out;
    for (const auto& [k, v] : rows) out += (out.empty() ? "" : " ") + keyName(h, k) + "=" + formatValue(v);
    return out;
}

std::string explainCycle(const History& h, const std::vector<DepEdge>& cycle) {
    if (cycle.empty()) return "";
    // Each edge says its source must come first in any equivalent serial order.
    std::string out = describeCycle(h, cycle) + ". So " + txnName(h, cycle.front().from);
    for (const DepEdge& e : cycle)
        out += " must come before " + txnName(h, e.to) + (&e == &cycle.back() ? "" : ", which");
    return out + ": no serial order explains this execution";
}

std::string formatWaitsFor(const History& h, const std::vector<TxnId>& cycle) {
    if (cycle.empty()) return "";
    std::string out = txnName(h, cycle.front());
    for (std::size_t i = 1; i <= cycle.size(); ++i)
        out += (i == 1 ? " waits for " : ", which waits for ") + txnName(h, cycle[i % cycle.size()]);
    return out;
}

}  // namespace isocheck
