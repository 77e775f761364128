#include "execution/state.hpp"

#include <algorithm>
#include <iterator>

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

CommitRanks commitRanks(const State& s) {
    // Only an active transaction's snapshot is still compared with anything.
    std::vector<std::uint32_t> snapshots;
    for (const TxnState& t : s.txns)
        if (t.status == TxnStatus::Active && t.snapshot != kNoSnapshot && t.snapshot != kSnapshotUnused)
            snapshots.push_back(t.snapshot);
    std::ranges::sort(snapshots);
    snapshots.erase(std::unique(snapshots.begin(), snapshots.end()), snapshots.end());
    // A commit is seen through the versions it committed and, under SSI, the
    // read markers it keeps; without either it is never compared again.
    std::uint64_t markers = 0;
    for (const ItemLock& l : s.locks) markers |= l.sireads;
    for (const PredicateLock& m : s.predicateMarkers) markers |= std::uint64_t{1} << m.txn;
    CommitRanks r;
    r.snapshot.reserve(s.txns.size());
    r.commit.reserve(s.txns.size());
    for (std::size_t i = 0; i < s.txns.size(); ++i) {
        const TxnState& t = s.txns[i];
        // A snapshot not taken yet will see every commit so far: a rank of its own.
        r.snapshot.push_back(t.status != TxnStatus::Active || t.snapshot == kSnapshotUnused ? 0
                             : t.snapshot == kNoSnapshot
                                 ? kNoSnapshot
                                 : static_cast<std::uint32_t>(
                                       std::ranges::upper_bound(snapshots, t.snapshot) - snapshots.begin()));
        const bool seen = t.writes != 0 || (markers >> i & 1U) != 0;
        r.commit.push_back(t.status != TxnStatus::Committed ? ~0U
                           : !seen ? ~0U - 1
                                   : static_cast<std::uint32_t>(
                                         std::ranges::lower_bound(snapshots, t.commitSeq) - snapshots.begin()));
    }
    return r;
}

bool alike(const State& a, const State& b) {
    if (a.txns.size() != b.txns.size() || a.rows != b.rows || a.locks != b.locks ||
        a.predicateLocks != b.predicateLocks || a.predicateMarkers != b.predicateMarkers)
        return false;
    for (std::size_t i = 0; i < a.txns.size(); ++i) {
        TxnState x = a.txns[i];
        TxnState y = b.txns[i];
        x.snapshot = y.snapshot = 0;
        x.commitSeq = y.commitSeq = 0;
        if (x != y) return false;
    }
    return commitRanks(a) == commitRanks(b);
}

bool endsAlike(const State& a, const State& b) {
    if (a.txns.size() != b.txns.size() || a.rows != b.rows) return false;
    for (std::size_t i = 0; i < a.txns.size(); ++i) {
        const TxnState& x = a.txns[i];
        const TxnState& y = b.txns[i];
        if (x.live() || y.live() || x.status != y.status || x.cause != y.cause || x.bindings != y.bindings)
            return false;
    }
    return true;
}

std::optional<Value> evaluate(const Expr& e, const std::vector<Binding>& bindings, Value row) {
    std::int64_t sum = 0;
    for (const Term& term : e.terms) {
        std::int64_t v = 0;
        if (const auto* lit = std::get_if<std::int64_t>(&term.operand)) {
            v = *lit;
        } else if (std::holds_alternative<RowValue>(term.operand)) {
            if (!row) return Value{};
            v = *row;
        } else {
            const Binding& b = bindings.at(std::get<KeyId>(term.operand));
            ISOCHECK_ASSERT(b.bound);  // the loader rejects unbound keys
            if (!b.value) return Value{};
            v = *b.value;
        }
        const bool overflow = term.negative ? __builtin_sub_overflow(sum, v, &sum)
                                            : __builtin_add_overflow(sum, v, &sum);
        if (overflow) return std::nullopt;
    }
    return Value{sum};
}

namespace {

// Bad input that shows only while exploring: op `op` of t computes a value
// outside the 64-bit range (`what`: "value", "guard's value").
[[noreturn]] void outOfRange(const History& h, TxnId t, std::size_t op, std::string_view what) {
    const Op& o = h.txns.at(t).ops.at(op);
    Diagnostic d;
    d.file = h.file;
    d.pos = o.pos;
    d.txn = h.txns[t].name;
    d.opIndex = static_cast<int>(op);
    d.opText = o.text;
    d.message = "the " + std::string(what) + " leaves the 64-bit integer range in some execution";
    d.hint = "use smaller values";
    throw InputError(std::move(d));
}

}  // namespace

Value evaluateOp(const History& h, TxnId t, std::size_t op, const std::vector<Binding>& bindings,
                 Value row) {
    if (auto v = evaluate(h.txns.at(t).ops.at(op).expr, bindings, row)) return *v;
    outOfRange(h, t, op, "value");
}

Truth evaluate(const Condition& c, const std::vector<Binding>& bindings) {
    const auto lhs = evaluate(c.lhs, bindings);
    const auto rhs = evaluate(c.rhs, bindings);
    if (!lhs || !rhs) return Truth::Overflow;
    if (!lhs->has_value() || !rhs->has_value()) return Truth::Null;
    return compare(lhs->value(), c.cmp, rhs->value()) ? Truth::True : Truth::False;
}

bool guardHolds(const History& h, TxnId t, std::size_t op, const std::vector<Binding>& bindings) {
    const Op& o = h.txns.at(t).ops.at(op);
    if (!o.guard) return true;
    const Truth v = evaluate(*o.guard, bindings);
    if (v != Truth::Overflow) return v == Truth::True;
    outOfRange(h, t, op, "guard's value");
}

bool skipsNext(const History& h, const TxnState& ts, TxnId t) {
    const Op& o = h.txns.at(t).ops.at(ts.pc);
    return o.guard && !guardHolds(h, t, ts.pc, ts.bindings);
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

void Log::addStep(Mark m, TxnId txn, bool commits, const Footprint& footprint) {
    ISOCHECK_ASSERT(m.steps == steps.size() && m.events <= events.size());
    Step step{txn, commits, static_cast<std::uint32_t>(m.events), footprint, 0};
    // commitsBefore is closed under happens-before, so the steps directly
    // before this one suffice: the one pass is the transitive closure.
    for (const Step& p : steps)
        if (p.txn == txn || p.footprint.conflictsWith(footprint)) step.commitsBefore |= p.commitsBefore;
    if (commits) step.commitsBefore |= bit(txn);
    steps.push_back(step);
}

namespace {

/// The step that logged event e.
std::size_t stepOf(const std::vector<Step>& steps, std::size_t e) {
    const auto it = std::ranges::upper_bound(steps, e, {}, [](const Step& s) { return std::size_t{s.firstEvent}; });
    ISOCHECK_ASSERT(it != steps.begin());
    return static_cast<std::size_t>(std::distance(steps.begin(), it)) - 1;
}

}  // namespace

bool Log::readsBeforeCommit(std::size_t e, VersionId v) const {
    if (steps.empty() || v.writer == kInitialWriter || v.writer == events.at(e).txn) return false;
    return (steps[stepOf(steps, e)].commitsBefore & bit(v.writer)) == 0;
}

std::vector<Event> Log::hoisted(std::size_t e) const {
    const std::size_t target = stepOf(steps, e);
    // The steps that happen before the target, found backwards: a step is
    // among them when it is ordered before one of them.
    std::vector<char> past(steps.size(), 0);
    past[target] = 1;
    for (std::size_t j = target; j-- > 0;)
        for (std::size_t k = j + 1; k <= target; ++k)
            if (past[k] && (steps[j].txn == steps[k].txn || steps[j].footprint.conflictsWith(steps[k].footprint))) {
                past[j] = 1;
                break;
            }
    const auto end = [&](std::size_t j) {
        return j + 1 < steps.size() ? std::size_t{steps[j + 1].firstEvent} : events.size();
    };
    std::vector<Event> out(events.begin(), events.begin() + steps[0].firstEvent);  // none, in practice
    for (const bool first : {true, false})
        for (std::size_t j = 0; j < steps.size(); ++j)
            if ((past[j] != 0) == first) out.insert(out.end(), events.begin() + steps[j].firstEvent, events.begin() + static_cast<std::ptrdiff_t>(end(j)));
    // Status-dependent flags as the new order has them: a read is dirty when
    // the version's writer has not ended before it (writes keep theirs: a
    // write and the end of the row's previous writer always conflict).
    std::uint64_t ended = 0;
    const auto live = [&](VersionId v, TxnId reader) {
        return v.writer != kInitialWriter && v.writer != reader && (ended & bit(v.writer)) == 0;
    };
    for (Event& ev : out) {
        if (ev.kind == EventKind::Commit || ev.kind == EventKind::Abort) ended |= bit(ev.txn);
        if (ev.kind == EventKind::Read) ev.dirty = live(ev.version, ev.txn);
        if (ev.kind == EventKind::PredicateRead) {
            const PredicateObservation& obs = predicateReads.at(ev.predicateRead);
            ev.dirty = std::ranges::any_of(obs.returned, [&](KeyId k) { return live(obs.vset.at(k), ev.txn); });
        }
    }
    return out;
}

}  // namespace isocheck
