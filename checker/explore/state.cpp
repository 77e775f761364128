#include "explore/state.hpp"

#include <algorithm>

#include "support/assert.hpp"

namespace isocheck {

State State::initial(const History& h) {
    State s;
    s.txns.resize(h.txns.size());
    for (auto& t : s.txns) t.bindings.resize(h.keys.size());
    s.rows.resize(h.keys.size());
    s.locks.resize(h.keys.size());
    for (KeyId k = 0; k < h.keys.size(); ++k) {
        Version v;
        v.id = VersionId{kInitialWriter, 0};
        v.exists = h.initial[k].has_value();
        if (v.exists) v.value = *h.initial[k];
        s.rows[k].chain.push_back(v);
    }
    return s;
}

bool State::allEnded() const {
    return std::ranges::none_of(txns, [](const TxnState& t) { return t.live(); });
}

Value evaluate(const Expr& e, const std::vector<Binding>& bindings) {
    std::int64_t sum = 0;
    for (const Term& term : e.terms) {
        std::int64_t v = 0;
        if (const auto* lit = std::get_if<std::int64_t>(&term.operand)) {
            v = *lit;
        } else {
            const Binding& b = bindings.at(std::get<KeyId>(term.operand));
            ISOCHECK_ASSERT(b.bound);  // the loader rejects unbound keys
            if (!b.value) return std::nullopt;
            v = *b.value;
        }
        sum = term.negative ? sum - v : sum + v;
    }
    return sum;
}

std::vector<TxnId> scheduleOf(const std::vector<Event>& trace) {
    std::vector<TxnId> out;
    const Event* prev = nullptr;
    for (const Event& e : trace) {
        if (!e.scheduled) continue;
        const bool sameOp = prev != nullptr && prev->txn == e.txn && prev->op == e.op;
        if (!sameOp) out.push_back(e.txn);
        prev = &e;
    }
    return out;
}

}  // namespace isocheck
