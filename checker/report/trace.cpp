#include "report/trace.hpp"

#include <string_view>

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

// One step: the events [first, last) that one operation of one transaction logged.
std::string stepText(const History& h, const Event* first, const Event* last,
                     std::span<const PredicateObservation> reads) {
    const std::string& name = txnName(h, first->txn);
    const Event* read = nullptr;
    const Event* write = nullptr;
    const Event* predicate = nullptr;
    for (const Event* e = first; e != last; ++e) {
        switch (e->kind) {
            case EventKind::Abort:
                if (!e->scheduled) return "[" + name + " aborted: " + causeName(e->cause) + "]";
                if (e->cause == AbortCause::User || e->cause == AbortCause::None)
                    return name + ":abort";
                return name + ":abort (" + causeName(e->cause) + ")";
            case EventKind::Commit: return name + ":commit";
            case EventKind::Read: read = e; break;
            case EventKind::Write: write = e; break;
            case EventKind::PredicateRead: predicate = e; break;
        }
    }
    const Op* op = opOf(h, *first);
    if (predicate != nullptr) {
        const PredicateId p = op != nullptr ? op->predicate : PredicateId{0};
        std::string text = name + ":select " + h.predicates.at(p).text;
        std::string rows;
        if (predicate->predicateRead < reads.size()) {
            for (KeyId k : reads[predicate->predicateRead].returned)
                rows += (rows.empty() ? "" : ",") + keyName(h, k);
        } else {
            for (KeyId k = 0; k < h.keys.size() && k < kMaxKeys; ++k)
                if (predicate->returned & (std::uint64_t{1} << k))
                    rows += (rows.empty() ? "" : ",") + keyName(h, k);
        }
        return text + " -> {" + rows + "}";
    }
    auto shown = [](const Event& e) { return formatValue(e.exists ? e.value : Value{}); };
    if (read != nullptr && write != nullptr)
        return name + ":u " + keyName(h, write->key) + "=" + shown(*read) + "->" +
               formatValue(write->value);
    if (write != nullptr) {
        if (!write->exists || (op != nullptr && op->kind == OpKind::Delete))
            return name + ":d " + keyName(h, write->key);
        return name + ":w " + keyName(h, write->key) + "=" + formatValue(write->value);
    }
    if (read != nullptr) {
        std::string text = name + ":r " + keyName(h, read->key) + "=" + shown(*read);
        if (op != nullptr && op->kind == OpKind::ReadForUpdate) text += " for update";
        return text;
    }
    return name + ":" + (op != nullptr ? op->text : std::string("?"));
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
        steps.push_back({first->txn, first->scheduled, stepText(h, first, last, reads)});
    });
    return steps;
}

std::string formatTrace(const History& h, const Trace& t,
                        std::span<const PredicateObservation> reads) {
    std::string out;
    for (const TraceStep& s : traceSteps(h, t, reads)) out += (out.empty() ? "" : "  ") + s.text;
    return out;
}

std::vector<std::string> traceSchedule(const History& h, const Trace& t) {
    std::vector<std::string> names;
    for (TxnId id : scheduleOf(t)) names.push_back(txnName(h, id));
    return names;
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
