#pragma once
// Builds complete executions (leaf States) by hand for the graph,
// classification and final-state tests, as the explorer would log them:
// each call performs one operation of one transaction, logs its events,
// installs or removes versions and computes the dirty flags of D4. Reads see
// the newest non-aborted version unless told which writer's version to see.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "execution/state.hpp"
#include "graph/dsg.hpp"
#include "history/history.hpp"

namespace isocheck::test {

inline constexpr TxnId T1 = 0, T2 = 1, T3 = 2, T4 = 3;
inline constexpr TxnId kInit = kInitialWriter;
inline constexpr KeyId X = 0, Y = 1, Z = 2;

/// An item edge `from -type[key]-> to`.
inline DepEdge item(TxnId from, TxnId to, DepType type, KeyId key) {
    return {from, to, type, key, false, 0};
}
/// A predicate edge of predicate p.
inline DepEdge pred(TxnId from, TxnId to, DepType type, KeyId key, PredicateId p = 0) {
    return {from, to, type, key, true, p};
}

/// A predicate `value OP N` with its normalised text.
inline Predicate predicate(Predicate::Cmp cmp, std::int64_t n, std::string text) {
    Predicate p;
    p.cmp = cmp;
    p.operand = n;
    p.text = std::move(text);
    return p;
}

/// E as a sum of terms: expr({{false, KeyId{0}}, {false, 1}}) is `x + 1` when x is key 0.
inline Expr expr(std::vector<Term> terms) {
    return Expr{std::move(terms)};
}

class LeafBuilder {
public:
    /// `keys` sorted by name (nullopt = unborn); transactions are named T1..Tn.
    LeafBuilder(const std::vector<std::pair<std::string, std::optional<std::int64_t>>>& keys,
                std::size_t txns, std::vector<Predicate> predicates = {}) {
        for (auto& [name, value] : keys) {
            h_.keys.push_back(name);
            h_.initial.push_back(value ? std::optional<Value>(Value(*value)) : std::nullopt);
        }
        h_.predicates = std::move(predicates);
        for (std::size_t t = 0; t < txns; ++t)
            h_.txns.push_back(Txn{"T" + std::to_string(t + 1), {}, {}});
        s_ = State::initial(h_);
    }

    /// Starts from a history whose operations are already written (serial tests).
    explicit LeafBuilder(History h) : h_(std::move(h)), s_(State::initial(h_)) {}

    [[nodiscard]] const History& history() const { return h_; }
    [[nodiscard]] const State& state() const { return s_; }
    [[nodiscard]] const Log& log() const { return log_; }
    [[nodiscard]] KeyId key(std::string_view name) const { return *h_.findKey(name); }

    /// `r K`: the newest non-aborted version, or the newest one of `from`.
    LeafBuilder& read(TxnId t, std::string_view k, std::optional<TxnId> from = {}) {
        logRead(t, opIndex(t, OpKind::Read, key(k)), key(k), from);
        return *this;
    }
    LeafBuilder& write(TxnId t, std::string_view k, Value v) {
        logWrite(t, opIndex(t, OpKind::Write, key(k)), key(k), true, v);
        return *this;
    }
    LeafBuilder& remove(TxnId t, std::string_view k) {
        logWrite(t, opIndex(t, OpKind::Delete, key(k)), key(k), false, std::nullopt);
        return *this;
    }
    /// `u K = E`: a Read then a Write with the same op.
    LeafBuilder& update(TxnId t, std::string_view k, Value v) {
        const auto op = opIndex(t, OpKind::Update, key(k));
        logRead(t, op, key(k), std::nullopt);
        logWrite(t, op, key(k), true, v);
        return *this;
    }
    /// `select where ...`: sees the newest non-aborted version of each row,
    /// or for the rows named in `from` the newest version of that writer.
    LeafBuilder& select(TxnId t, PredicateId p, const std::map<std::string, TxnId>& from = {}) {
        const auto op = opIndex(t, OpKind::PredicateRead, 0);
        Event e = event(EventKind::PredicateRead, t, op);
        PredicateObservation obs{t, op, p, {}, {}, {}};
        for (KeyId k = 0; k < h_.keys.size(); ++k) {
            const auto it = from.find(h_.keys[k]);
            const Version& v =
                visible(k, it == from.end() ? std::nullopt : std::optional(it->second));
            obs.vset.push_back(v.id);
            if (v.exists && h_.predicates.at(p).matches(v.value)) {
                e.returned |= std::uint64_t{1} << k;
                obs.returned.push_back(k);
                obs.dirty.push_back(v.id.writer != t && live(v.id.writer));
            }
        }
        e.predicateRead = static_cast<std::uint16_t>(log_.predicateReads.size());
        log_.predicateReads.push_back(std::move(obs));
        log_.events.push_back(e);
        return *this;
    }
    LeafBuilder& commit(TxnId t) {
        const auto op = opIndex(t, OpKind::Commit, 0);
        TxnState& ts = s_.txns[t];
        ts.status = TxnStatus::Committed;
        ts.commitSeq = ++s_.commits;
        log_.events.push_back(event(EventKind::Commit, t, op));
        return *this;
    }
    LeafBuilder& abort(TxnId t, AbortCause cause = AbortCause::User, bool scheduled = true) {
        const auto op = opIndex(t, OpKind::Abort, 0);
        TxnState& ts = s_.txns[t];
        ts.status = TxnStatus::Aborted;
        ts.cause = cause;
        for (Row& row : s_.rows)
            std::erase_if(row.chain, [&](const Version& v) { return v.id.writer == t; });
        Event e = event(EventKind::Abort, t, op);
        e.cause = cause;
        e.scheduled = scheduled;
        log_.events.push_back(e);
        return *this;
    }

private:
    [[nodiscard]] bool live(TxnId w) const { return w != kInitialWriter && s_.txns[w].live(); }

    [[nodiscard]] const Version& visible(KeyId k, std::optional<TxnId> from) const {
        const auto& chain = s_.rows[k].chain;
        if (!from) return chain.back();
        for (auto it = chain.rbegin(); it != chain.rend(); ++it)
            if (it->id.writer == *from) return *it;
        throw std::logic_error("no version of that writer");
    }

    /// The next operation of t: the history's when written, else appended.
    std::uint16_t opIndex(TxnId t, OpKind kind, KeyId k) {
        TxnState& ts = s_.txns[t];
        if (ts.status == TxnStatus::NotStarted) ts.status = TxnStatus::Active;
        auto& ops = h_.txns[t].ops;
        if (ts.pc == ops.size()) ops.push_back(Op{kind, k, {}, 0, "op", false, {}, {}});
        return ts.pc++;
    }

    [[nodiscard]] static Event event(EventKind kind, TxnId t, std::uint16_t op) {
        Event e;
        e.kind = kind;
        e.txn = t;
        e.op = op;
        return e;
    }

    void logRead(TxnId t, std::uint16_t op, KeyId k, std::optional<TxnId> from) {
        const Version& v = visible(k, from);
        Event e = event(EventKind::Read, t, op);
        e.key = k;
        e.version = v.id;
        e.exists = v.exists;
        e.value = v.exists ? v.value : std::nullopt;
        e.dirty = v.id.writer != t && live(v.id.writer);
        s_.txns[t].bindings[k] = Binding{true, e.value};
        log_.events.push_back(e);
    }

    void logWrite(TxnId t, std::uint16_t op, KeyId k, bool exists, Value v) {
        auto& chain = s_.rows[k].chain;
        Event e = event(EventKind::Write, t, op);
        e.key = k;
        e.dirty = chain.back().id.writer != t && live(chain.back().id.writer);
        e.version = VersionId{t, s_.txns[t].writes++};
        e.exists = exists;
        e.value = v;
        chain.push_back(Version{e.version, exists, v});
        s_.txns[t].bindings[k] = Binding{true, v};
        log_.events.push_back(e);
    }

    History h_;
    State s_;
    Log log_;
};

}  // namespace isocheck::test
