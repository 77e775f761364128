#include "report/trace.hpp"

#include <algorithm>
#include <string_view>

namespace isocheck {
namespace {

const std::string& txnName(const History& h, TxnId t) {
    static const std::string unknown = "T?";
    return t < h.txns.size() ? h.txns[t].name : unknown;
}

const std::string& keyName(const History& h, KeyId k) {
    static const std::string unknown = "?";
    return k < h.keys.size() ? h.keys[k] : unknown;
}

const Op* opOf(const History& h, const Event& e) {
    if (e.txn >= h.txns.size() || e.op >= h.txns[e.txn].ops.size()) return nullptr;
    return &h.txns[e.txn].ops[e.op];
}

// One step: the events [first, last) that one operation of one transaction logged.
std::string stepText(const History& h, const Event* first, const Event* last) {
    const std::string& name = txnName(h, first->txn);
    const Event* read = nullptr;
    const Event* write = nullptr;
    std::vector<KeyId> returned;
    bool predicate = false;
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
            case EventKind::PredicateRead:
                predicate = true;
                // A predicate read logs one event per row it returned (exists);
                // an empty result logs one event with exists == false.
                if (e->exists && std::ranges::find(returned, e->key) == returned.end())
                    returned.push_back(e->key);
                break;
        }
    }
    const Op* op = opOf(h, *first);
    if (predicate) {
        std::string rows;
        for (KeyId k : returned) rows += (rows.empty() ? "" : ",") + keyName(h, k);
        const PredicateId p = op != nullptr ? op->predicate : PredicateId{0};
        return name + ":select " + predicateLabel(h, p) + " -> {" + rows + "}";
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

std::vector<TraceStep> traceSteps(const History& h, const Trace& t) {
    std::vector<TraceStep> steps;
    forEachStep(t, [&](const Event* first, const Event* last) {
        steps.push_back({first->txn, first->scheduled, stepText(h, first, last)});
    });
    return steps;
}

std::string formatTrace(const History& h, const Trace& t) {
    std::string out;
    for (const TraceStep& s : traceSteps(h, t)) out += (out.empty() ? "" : "  ") + s.text;
    return out;
}

std::vector<std::string> traceSchedule(const History& h, const Trace& t) {
    std::vector<std::string> names;
    forEachStep(t, [&](const Event* first, const Event*) {
        if (first->scheduled) names.push_back(txnName(h, first->txn));
    });
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

std::string predicateLabel(const History& h, PredicateId p) {
    if (p >= h.predicates.size()) return "?";
    std::string_view text = h.predicates[p].text;
    for (std::string_view word : {"select ", "where "})
        if (text.starts_with(word)) text.remove_prefix(word.size());
    return std::string(text);
}

std::string formatRows(const History& h, const std::vector<std::pair<KeyId, Value>>& rows) {
    if (rows.empty()) return "(no rows)";
    std::string out;
    for (const auto& [k, v] : rows) out += (out.empty() ? "" : " ") + keyName(h, k) + "=" + formatValue(v);
    return out;
}

std::string depTypeName(DepType t) {
    switch (t) {
        case DepType::WW: return "ww";
        case DepType::WR: return "wr";
        case DepType::RW: return "rw";
    }
    return "??";
}

std::string edgeLabel(const History& h, const DepEdge& e) {
    std::string label = keyName(h, e.key);
    if (e.predicate) label += ", " + predicateLabel(h, e.predicateId);
    return label;
}

std::string formatDepCycle(const History& h, const std::vector<DepEdge>& cycle) {
    if (cycle.empty()) return "";
    std::string out = txnName(h, cycle.front().from);
    for (const DepEdge& e : cycle)
        out += " -" + depTypeName(e.type) + "[" + edgeLabel(h, e) + "]-> " + txnName(h, e.to);
    return out;
}

std::string explainDepCycle(const History& h, const std::vector<DepEdge>& cycle) {
    if (cycle.empty()) return "";
    std::string out;
    for (const DepEdge& e : cycle) {
        const std::string& a = txnName(h, e.from);
        const std::string& b = txnName(h, e.to);
        const std::string& k = keyName(h, e.key);
        std::string part;
        if (e.predicate) {
            const std::string p = predicateLabel(h, e.predicateId);
            part = e.type == DepType::RW
                       ? b + "'s write of " + k + " changed which rows match " + a +
                             "'s select " + p + " after " + a + " ran it"
                       : b + "'s select " + p + " saw " + a + "'s write of " + k;
        } else if (e.type == DepType::WW) {
            part = b + " overwrote " + a + "'s write of " + k;
        } else if (e.type == DepType::WR) {
            part = b + " read " + a + "'s write of " + k;
        } else {
            part = b + " overwrote the version of " + k + " that " + a + " read";
        }
        out += (out.empty() ? "" : "; ") + part;
    }
    // Each edge says its source must come first in any equivalent serial order.
    out += ". So " + txnName(h, cycle.front().from);
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
