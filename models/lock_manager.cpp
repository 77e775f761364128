#include "models/lock_manager.hpp"

#include <algorithm>

#include "models/common.hpp"
#include "models/version_store.hpp"

namespace isocheck {

std::uint64_t itemConflicts(const State& s, TxnId t, KeyId k, LockMode mode) {
    const ItemLock& l = s.locks[k];
    std::uint64_t holders = 0;
    if (l.exclusive != kInitialWriter && l.exclusive != t) holders |= bit(l.exclusive);
    if (mode == LockMode::Exclusive) holders |= l.shared & ~bit(t);
    // A lock t already holds is granted again at once; otherwise the request
    // waits behind every conflicting one sent before it (its own, if t sent
    // one, marks its place in the queue).
    return holders | queuedConflicts(s, t, k, mode);
}

std::uint64_t queuedConflicts(const State& s, TxnId t, KeyId k, LockMode mode) {
    const ItemLock& l = s.locks[k];
    const bool held = l.exclusive == t || (mode == LockMode::Shared && (l.shared & bit(t)) != 0);
    std::uint64_t ahead = 0;
    if (held) return ahead;
    for (const LockRequest& r : s.queue) {
        if (r.txn == t) break;
        if ((r.rows & keyBit(k)) != 0 && (r.exclusive || mode == LockMode::Exclusive)) ahead |= bit(r.txn);
    }
    return ahead;
}

std::string lockOn(const History& h, const State& s, TxnId t, KeyId k, LockMode mode,
                   std::string_view what) {
    std::string out = std::string(what) + " on " + h.keys[k];
    if (queuedConflicts(s, t, k, mode) != 0) out += ", or a request for it sent before";
    return out;
}

void enqueue(State& s, TxnId t, std::uint64_t rows, LockMode mode, bool nextKey) {
    if (rows != 0) s.queue.push_back({t, rows, mode == LockMode::Exclusive, nextKey});
}

void noteInnodbLocks(State& s, TxnId t, std::uint16_t kinds) {
    TxnState& ts = s.txns[t];
    const bool waited = std::ranges::any_of(s.queue, [t](const LockRequest& r) { return r.txn == t; });
    if (waited && (kinds & ts.innodbLocks & ~std::uint16_t{kTableIX | kTableIS}) != 0) ++ts.extraLocks;
    // An IX table lock already covers IS (lock_table_has): no new structure.
    if ((ts.innodbLocks & kTableIX) != 0) kinds &= ~std::uint16_t{kTableIS};
    ts.innodbLocks |= kinds;
}

void convertImplicit(State& s, TxnId t, KeyId k) {
    const TxnId holder = s.locks[k].exclusive;
    if (holder == kInitialWriter || holder == t) return;
    const auto& chain = s.rows[k].chain;
    const auto first = std::ranges::find(chain, holder, [](const Version& v) { return v.id.writer; });
    if (first != chain.end() && first != chain.begin() && !std::prev(first)->exists)
        noteInnodbLocks(s, holder, kTableIX | kRecordX);
}

bool hasRecord(const State& s, KeyId k) {
    return std::ranges::any_of(s.rows[k].chain, &Version::exists);
}

std::uint64_t keysWithoutRecord(const State& s) {
    std::uint64_t out = 0;
    for (KeyId k = 0; k < s.rows.size(); ++k)
        if (!hasRecord(s, k)) out |= keyBit(k);
    return out;
}

std::vector<KeyId> primaryKeyOrder(const History& h) {
    std::vector<KeyId> order(h.keys.size());
    for (KeyId k = 0; k < order.size(); ++k) order[k] = k;
    std::ranges::sort(order, [&h](KeyId a, KeyId b) { return h.keys[a] < h.keys[b]; });
    return order;
}

std::uint16_t innodbRowLocks(const History& h, const State& s, KeyId k, bool gap) {
    return kTableIX | (!gap && hasRecord(s, k) ? kRecordX : gap && h.initial[k] ? kGapX : 0);
}

std::uint16_t innodbAbsentLocks(std::optional<LockMode> lock) {
    return kTableIX | (!lock ? 0 : *lock == LockMode::Shared ? kGapX : kRecordX);
}

void queueRowRequest(State& s, TxnId t, KeyId k, LockMode mode, bool innodb) {
    if (innodb) {
        noteInnodbLocks(s, t, mode == LockMode::Exclusive ? kTableIX : kTableIS);  // taken when the statement began
        convertImplicit(s, t, k);
    }
    enqueue(s, t, keyBit(k), mode);
}

std::uint64_t gapConflicts(const History& h, const State& s, TxnId t, KeyId k) {
    // The gap: k and the keys without a record next to it in primary-key
    // order, up to the records on either side.
    const std::vector<KeyId> order = primaryKeyOrder(h);
    const auto at = std::ranges::find(order, k);
    auto low = at;
    while (low != order.begin() && !hasRecord(s, *std::prev(low))) --low;
    auto high = std::next(at);
    while (high != order.end() && !hasRecord(s, *high)) ++high;
    std::uint64_t out = 0;
    for (auto it = low; it != high; ++it) {
        const ItemLock& l = s.locks[*it];
        out |= l.shared & ~bit(t);
        if (l.exclusive != kInitialWriter && l.exclusive != t) out |= bit(l.exclusive);
    }
    // A scan's next-key request waiting for the record after the gap.
    if (high != order.end())
        for (const LockRequest& r : s.queue)
            if (r.nextKey && r.txn != t && (r.rows & keyBit(*high)) != 0) out |= bit(r.txn);
    return out;
}

void sendInnodbScan(const History& h, State& s, TxnId t, bool every, LockMode mode) {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    const Predicate& p = h.predicates[op.predicate];
    // The statement takes its table lock first, whatever it then waits for.
    noteInnodbLocks(s, t, mode == LockMode::Exclusive ? kTableIX : kTableIS);
    // A row a DELETE comes to and selects, it deletes at once (its undo
    // record). An UPDATE's rows before its wait do not weigh as changed on
    // MariaDB 10.11: two serializable deadlocks of the long mode say so,
    // against one repeatable-read DELETE that needs its row counted.
    const auto change = [&](KeyId k) {
        if (op.kind == OpKind::PredicateDelete && s.locks[k].exclusive != t &&
            satisfies(p, s.rows[k].chain[newestVisible(s, k, t, false)]))
            ++s.txns[t].scanChanges;
    };
    // `every`: a next-key lock covers a record and the gap before it, so
    // the keys without a record in that gap (kept as S locks: gap locks
    // never wait) are locked with the record, and those after the last
    // record with the supremum.
    std::uint64_t gap = 0;
    const auto lockGap = [&] {
        for (KeyId g = 0; g < h.keys.size(); ++g)
            if ((gap & keyBit(g)) != 0) acquire(s, t, g, LockMode::Shared);
        gap = 0;
        noteInnodbLocks(s, t, mode == LockMode::Exclusive ? kTableIX | kNextKeyX : kTableIS | kNextKeyS);
    };
    for (const KeyId k : primaryKeyOrder(h)) {
        if (every) {
            if (!hasRecord(s, k)) {
                gap |= keyBit(k);
                continue;
            }
            if (itemConflicts(s, t, k, mode) != 0) {
                convertImplicit(s, t, k);
                enqueue(s, t, keyBit(k), mode, true);
                return;
            }
            change(k);
            acquire(s, t, k, mode);
            lockGap();
            continue;
        }
        const bool held = itemConflicts(s, t, k, mode) != 0;
        const bool matches = satisfies(p, s.rows[k].chain[newestVisible(s, k, t, false)]);
        if (held && (matches || op.kind == OpKind::PredicateDelete)) {
            convertImplicit(s, t, k);
            enqueue(s, t, keyBit(k), LockMode::Exclusive);
            return;
        }
        if (matches) {
            change(k);
            acquire(s, t, k, LockMode::Exclusive);
        } else {
            s.txns[t].scanPassed |= keyBit(k);
        }
        // A record it locked, kept or released (its structure stays); a held
        // row it judged on its committed version it did not lock.
        if (matches || (!held && hasRecord(s, k))) noteInnodbLocks(s, t, kTableIX | kRecordX);
    }
    if (every) lockGap();  // the supremum
}

bool progressInnodbScan(const History& h, State& s, TxnId t, LockMode mode) {
    const auto own = std::ranges::find(s.queue, t, &LockRequest::txn);
    if (own == s.queue.end()) return false;
    const std::uint64_t rows = own->rows;
    const LockMode asked = own->exclusive ? LockMode::Exclusive : LockMode::Shared;
    for (KeyId k = 0; k < h.keys.size(); ++k)
        if ((rows & keyBit(k)) != 0 && itemConflicts(s, t, k, asked) != 0) return false;
    for (KeyId k = 0; k < h.keys.size(); ++k)
        if ((rows & keyBit(k)) != 0) acquire(s, t, k, asked);
    noteInnodbLocks(s, t, mode == LockMode::Exclusive ? kNextKeyX : kNextKeyS);  // granted after its wait
    dequeue(s, t);
    sendInnodbScan(h, s, t, true, mode);
    return true;
}

void dequeue(State& s, TxnId t) {
    std::erase_if(s.queue, [t](const LockRequest& r) { return r.txn == t; });
}

void acquire(State& s, TxnId t, KeyId k, LockMode mode) {
    ItemLock& l = s.locks[k];
    if (mode == LockMode::Exclusive) {
        l.exclusive = t;
        l.shared &= ~bit(t);
    } else if (l.exclusive != t) {
        l.shared |= bit(t);
    }
}

std::uint64_t predicateLockConflicts(const History& h, const State& s, TxnId t,
                                     const Version& before, const Version& after) {
    std::uint64_t holders = 0;
    for (const PredicateLock& pl : s.predicateLocks) {
        if (pl.txn == t || !s.txns[pl.txn].live()) continue;
        const Predicate& p = h.predicates[pl.predicate];
        if (satisfies(p, before) || satisfies(p, after)) holders |= bit(pl.txn);
    }
    return holders;
}

std::uint64_t pendingWriteConflicts(const History& h, const State& s, TxnId t, PredicateId pid) {
    const Predicate& p = h.predicates[pid];
    std::uint64_t holders = 0;
    for (const Row& row : s.rows) {
        const auto& chain = row.chain;
        for (std::size_t i = 1; i < chain.size(); ++i) {
            const TxnId w = chain[i].id.writer;
            if (w == t || !s.txns[w].live()) continue;
            const bool first = chain[i - 1].id.writer != w;
            const bool last = i + 1 == chain.size() || chain[i + 1].id.writer != w;
            if ((first && satisfies(p, chain[i - 1])) || (last && satisfies(p, chain[i])))
                holders |= bit(w);
        }
    }
    return holders;
}

namespace {

/// Adds pl unless present, keeping the list sorted (State's canonical order).
void addOnce(std::vector<PredicateLock>& locks, PredicateLock pl) {
    const auto at = std::ranges::lower_bound(locks, pl);
    if (at == locks.end() || *at != pl) locks.insert(at, pl);
}

}  // namespace

void addPredicateLock(State& s, TxnId t, PredicateId p) { addOnce(s.predicateLocks, {t, p}); }

void addPredicateMarker(State& s, TxnId t, PredicateId p) { addOnce(s.predicateMarkers, {t, p}); }

void releaseLocks(State& s, TxnId t) {
    for (ItemLock& l : s.locks) {
        l.shared &= ~bit(t);
        if (l.exclusive == t) l.exclusive = kInitialWriter;
    }
    std::erase_if(s.predicateLocks, [t](const PredicateLock& pl) { return pl.txn == t; });
}

std::string namesOf(const History& h, std::uint64_t txns) {
    std::vector<std::string> names;
    for (TxnId t = 0; t < h.txns.size(); ++t)
        if (txns & bit(t)) names.push_back(h.txns[t].name);
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
        out += names[i];
    }
    return out;
}

}  // namespace isocheck
