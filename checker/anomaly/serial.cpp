#include "anomaly/serial.hpp"

#include <algorithm>

#include "support/assert.hpp"

namespace isocheck {
namespace {

/// Runs transaction `t` alone on `rows` (SPEC 1.1): r and r for update bind
/// the current value (null when absent), w evaluates E and writes, u binds K
/// then evaluates and writes, d deletes and binds null, select has no effect
/// (D5: predicate reads bind nothing).
[[nodiscard]] Rows runAlone(const History& h, TxnId t, const Rows& rows) {
    std::vector<std::optional<Value>> row(h.keys.size());  // nullopt = absent
    for (const auto& [k, v] : rows) row.at(k) = v;
    std::vector<Binding> bindings(h.keys.size());
    const auto current = [&](KeyId k) { return row[k].value_or(std::nullopt); };
    const auto& ops = h.txns.at(t).ops;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const Op& op = ops[i];
        switch (op.kind) {
            case OpKind::Read:
            case OpKind::ReadForUpdate:
                bindings[op.key] = Binding{true, current(op.key)};
                break;
            case OpKind::Update:
                bindings[op.key] = Binding{true, current(op.key)};
                [[fallthrough]];
            case OpKind::Write: {
                const Value v = evaluateOp(h, t, i, bindings);
                row[op.key] = v;
                bindings[op.key] = Binding{true, v};
                break;
            }
            case OpKind::Delete:
                row[op.key] = std::nullopt;
                bindings[op.key] = Binding{true, std::nullopt};
                break;
            case OpKind::PredicateRead:
            case OpKind::Commit:
            case OpKind::Abort:
                break;
        }
    }
    Rows out;
    for (std::size_t k = 0; k < row.size(); ++k)
        if (row[k]) out.emplace_back(static_cast<KeyId>(k), *row[k]);
    return out;
}

}  // namespace

Rows finalRows(const History& /*h*/, const State& s) {
    Rows out;
    for (std::size_t k = 0; k < s.rows.size(); ++k) {
        // D1: the newest version is the committed writer's last in commit order.
        const Version* newest = &s.rows[k].chain.front();
        std::uint32_t newestSeq = 0;
        for (const Version& v : s.rows[k].chain) {
            if (v.id.writer == kInitialWriter) continue;
            const TxnState& w = s.txns.at(v.id.writer);
            if (w.status != TxnStatus::Committed || w.commitSeq < newestSeq) continue;
            if (w.commitSeq == newestSeq && v.id.seq < newest->id.seq) continue;
            newest = &v;
            newestSeq = w.commitSeq;
        }
        if (newest->exists) out.emplace_back(static_cast<KeyId>(k), newest->value);
    }
    return out;
}

bool SerialOracle::serializable(std::uint64_t committed, const Rows& rows) {
    // The final states of every serial order of a set S, by a recursion over
    // its last transaction: finals(S) = U_{t in S} run(t, finals(S \ {t})).
    // Memoised per subset, which visits 2^n subsets instead of n! orders.
    const auto finals = [this](auto& self, std::uint64_t set) -> const std::set<Rows>& {
        if (const auto it = cache_.find(set); it != cache_.end()) return it->second;
        std::set<Rows> out;
        if (set == 0) {
            Rows initial;
            for (std::size_t k = 0; k < h_.initial.size(); ++k)
                if (h_.initial[k]) initial.emplace_back(static_cast<KeyId>(k), *h_.initial[k]);
            out.insert(std::move(initial));
        } else {
            for (std::size_t i = 0; i < h_.txns.size(); ++i) {
                const auto t = static_cast<TxnId>(i);
                if ((set & bit(t)) == 0) continue;
                for (const Rows& before : self(self, set & ~bit(t)))
                    out.insert(runAlone(h_, t, before));
            }
        }
        return cache_.emplace(set, std::move(out)).first->second;
    };
    ISOCHECK_ASSERT(h_.txns.size() <= kMaxTxns);
    return finals(finals, committed).contains(rows);
}

}  // namespace isocheck
