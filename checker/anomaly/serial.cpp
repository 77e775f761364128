#include "anomaly/serial.hpp"

#include <algorithm>
#include <bit>
#include <set>

#include "support/assert.hpp"

// Whether some serial order leaves a given state is a search over orders
// (blind writes and increments of one row already encode subset sum), so the
// oracle does not enumerate the final states of every order, as it once did,
// but searches for one order that leaves the target and prunes with it:
//
//  - a transaction that writes nothing changes nothing and is left out;
//  - transactions of which neither writes a row the other reads or writes
//    commute: each connected component is solved on its own;
//  - the search goes forwards from the initial rows, one transaction at a
//    time, and remembers the states found to fail: the transactions left,
//    the rows still required, and the values of the rows that the
//    transactions left can still use (a row none of them depends on will be
//    overwritten or is final; a row whose value flows only into itself and
//    which one of them writes as a constant will lose its value);
//  - a required row no transaction left writes is final and must be the target's;
//  - the last writer of a required row must be able to leave the target's
//    value: a transaction whose value depends on the rows, or a blind one
//    (its writes depend on no row: constants) whose constant is right;
//  - backwards: a transaction whose writes no other transaction left depends
//    on can go last, if it writes no required row or is blind and right;
//    the rows it writes are then no longer required. So blind writers of one
//    row are decided at once. A blind and right transaction is also tried
//    last when others depend on its writes;
//  - transactions with the very same operations are interchangeable: they
//    are taken in file order only.
// Answers are cached per (committed set, state), and both caches are bounded.
//
// Every transition is `run`, runAlone's semantics; `effectOf` reads the same
// operations to find what a transaction writes and what that depends on, and
// must be kept in step with it. Guards break these prunings (a guarded
// operation depends on its condition's rows, a guarded write writes its row
// only perhaps, and an order in which a guarded abort fires does not count),
// and so do predicate writes (which rows they write depends on every row),
// so a history with guards is decided by decideGuarded, a plain search over
// orders of every committed transaction in which `run` reports such aborts.

namespace isocheck {
namespace {

using Cell = SerialOracle::Cell;
using Cells = std::vector<Cell>;
using Effect = SerialOracle::Effect;

/// The lowest set bit's index, as a TxnId or KeyId.
std::uint16_t lowest(std::uint64_t m) {
    return static_cast<std::uint16_t>(std::countr_zero(m));
}

/// Runs transaction `t` alone on `row` in place (SPEC 1.1): r and r for update
/// bind the current value (null when absent), w evaluates E and writes, u
/// binds K then evaluates and writes, d deletes and binds null, select has no
/// effect (D5: predicate reads bind nothing), a predicate write writes (and
/// binds) every row it selects. A guarded operation whose guard
/// does not hold does nothing. `bindings` is scratch space, one per key.
/// Returns false when an abort runs (a guarded abort whose guard holds): the
/// transaction does not commit in this order (SPEC 3.1).
bool run(const History& h, TxnId t, Cells& row, std::vector<Binding>& bindings) {
    std::ranges::fill(bindings, Binding{});
    const auto current = [&](KeyId k) { return row[k].value_or(std::nullopt); };
    const auto& ops = h.txns.at(t).ops;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const Op& op = ops[i];
        if (op.guard && !guardHolds(h, t, i, bindings)) continue;
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
            case OpKind::PredicateUpdate:
            case OpKind::PredicateDelete:
            {
                // Every existing row the predicate selects, in key order, E
                // on the bindings the statement began with, as the models
                // write them (models/common.cpp, logPredicateWrite).
                const std::vector<Binding> before = bindings;
                for (KeyId k = 0; k < row.size(); ++k) {
                    if (!row[k] || !h.predicates[op.predicate].matches(*row[k])) continue;
                    const Cell after = op.kind == OpKind::PredicateDelete
                                           ? Cell{}
                                           : Cell{evaluateOp(h, t, i, before, *row[k])};
                    row[k] = after;
                    bindings[k] = Binding{true, after.value_or(std::nullopt)};
                }
                break;
            }
            case OpKind::PredicateRead:
            case OpKind::Commit:
                break;
            case OpKind::Abort:
                return false;
        }
    }
    return true;
}

/// What `run` can do with transaction `txn`, by following which keys' values
/// before it runs each row and each binding comes from: a read's binding from
/// the row read, a write's row and binding from the keys of E, a delete's from
/// nothing. Kept in step with `run`.
Effect effectOf(const Txn& txn, std::size_t keys) {
    std::vector<std::uint64_t> row(keys), bound(keys, 0);  // KeyId -> keys its value comes from
    for (std::size_t k = 0; k < keys; ++k) row[k] = bit(static_cast<KeyId>(k));
    const auto from = [&](const Expr& x) {
        std::uint64_t d = 0;
        for (const Term& term : x.terms)
            if (const auto* k = std::get_if<KeyId>(&term.operand)) d |= bound.at(*k);
        return d;
    };
    Effect e;
    for (const Op& op : txn.ops) {
        switch (op.kind) {
            case OpKind::Read:
            case OpKind::ReadForUpdate:
                bound.at(op.key) = row.at(op.key);
                break;
            case OpKind::Update:
                bound.at(op.key) = row.at(op.key);
                [[fallthrough]];
            case OpKind::Write:
                e.writes |= bit(op.key);
                row.at(op.key) = bound.at(op.key) = from(op.expr);
                break;
            case OpKind::Delete:
                e.writes |= bit(op.key);
                row.at(op.key) = bound.at(op.key) = 0;
                break;
            case OpKind::PredicateUpdate:
            case OpKind::PredicateDelete:
                // Histories with predicate writes are decided by decideGuarded,
                // which reads no effect but `twins`.
            case OpKind::PredicateRead:
            case OpKind::Commit:
            case OpKind::Abort:
                break;
        }
    }
    for (std::uint64_t m = e.writes; m != 0; m &= m - 1) {
        const KeyId k = lowest(m);
        e.depends |= row[k];
        e.crosses |= row[k] & ~bit(k);
        if (row[k] == 0) e.resets |= bit(k);
    }
    return e;
}

/// Whether two transactions run alike: the same operations, as written.
bool sameOps(const Txn& a, const Txn& b) {
    return std::ranges::equal(a.ops, b.ops, [](const Op& x, const Op& y) {
        return x.kind == y.kind && x.key == y.key && x.expr == y.expr &&
               x.predicate == y.predicate && x.text == y.text;
    });
}

/// Folds `v` into hash `h` (SplitMix64's finaliser on the sum).
std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    std::uint64_t z = h + v + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// A set of search states, each a string of words: stored back to back in one
/// arena and found by open addressing, so a lookup is about one probe and a
/// state costs little more than its words. Bounded: once the arena is full,
/// states are no longer added (the search stays exact, only slower).
class StateSet {
public:
    using Words = std::vector<std::uint64_t>;

    [[nodiscard]] bool contains(const Words& key) const {
        if (slots_.empty()) return false;
        const std::uint64_t h = hashOf(key);
        for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            if (slots_[i] == 0) return false;
            if (matches(slots_[i], h, key)) return true;
        }
    }

    void insert(const Words& key) {
        if (arena_.size() + key.size() + 1 > kMaxWords) return;
        if (2 * (count_ + 1) > slots_.size()) grow();
        const std::uint64_t h = hashOf(key);
        std::size_t i = h & (slots_.size() - 1);
        for (; slots_[i] != 0; i = (i + 1) & (slots_.size() - 1))
            if (matches(slots_[i], h, key)) return;
        slots_[i] = (h & kTagMask) | (arena_.size() + 1);
        arena_.push_back(key.size());
        arena_.insert(arena_.end(), key.begin(), key.end());
        ++count_;
    }

private:
    /// At most this many words of states (32 MiB; some 600,000 states of two
    /// rows), and twice as many slots as states.
    static constexpr std::size_t kMaxWords = std::size_t{1} << 22;
    /// A slot holds the high half of the state's hash and 1 + its offset in the arena.
    static constexpr std::uint64_t kTagMask = ~std::uint64_t{0} << 32;

    static std::uint64_t hashOf(const std::uint64_t* words, std::size_t n) {
        std::uint64_t h = n;
        for (std::size_t i = 0; i < n; ++i) h = mix(h, words[i]);
        return h;
    }
    static std::uint64_t hashOf(const Words& key) { return hashOf(key.data(), key.size()); }

    [[nodiscard]] bool matches(std::uint64_t slot, std::uint64_t h, const Words& key) const {
        if ((slot & kTagMask) != (h & kTagMask)) return false;
        const std::size_t at = (slot & ~kTagMask) - 1;
        return arena_[at] == key.size() &&
               std::equal(key.begin(), key.end(),
                          arena_.begin() + static_cast<std::ptrdiff_t>(at) + 1);
    }

    void grow() {
        std::vector<std::uint64_t> old(std::max<std::size_t>(64, 2 * slots_.size()), 0);
        old.swap(slots_);
        for (const std::uint64_t slot : old) {
            if (slot == 0) continue;
            const std::size_t at = (slot & ~kTagMask) - 1;
            const std::uint64_t h = hashOf(&arena_[at + 1], arena_[at]);
            std::size_t i = h & (slots_.size() - 1);
            while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
            slots_[i] = slot;
        }
    }

    std::vector<std::uint64_t> arena_;  ///< per state: its length, then its words
    std::vector<std::uint64_t> slots_;  ///< 0 = empty; a power of two, at most half full
    std::size_t count_ = 0;
};

/// What one question (a committed set and a target) gives every search step.
struct Goal {
    Goal(const History& history, const std::vector<Effect>& fx,
         const std::vector<std::uint64_t>& writing, Cells want)
        : h(history),
          effects(fx),
          writers(writing),
          target(std::move(want)),
          wrong(history.txns.size(), 0),
          right(history.keys.size(), 0) {}

    const History& h;
    const std::vector<Effect>& effects;
    const std::vector<std::uint64_t>& writers;  ///< KeyId -> transactions writing it
    Cells target;                               ///< KeyId -> target row
    std::uint64_t blind = 0;                    ///< committed writers that depend on no key
    std::vector<std::uint64_t> wrong;  ///< TxnId (blind) -> keys it writes not as the target
    std::vector<std::uint64_t> right;  ///< KeyId -> blind transactions writing the target's row
};

/// Searches for a serial order of some transactions from some rows that
/// leaves the target's required rows.
class Search {
public:
    explicit Search(const Goal& g) : g_(g), bindings_(g.h.keys.size()) {}

    /// Whether `todo`, run in some order from `rows`, leaves the target in every `required` row.
    bool solve(const Cells& rows, std::uint64_t todo, std::uint64_t required);

private:
    /// Sets key_ to the state as far as the rest of the search can tell:
    /// `live` are the rows whose values the transactions left can use.
    void stateKey(const Cells& rows, std::uint64_t todo, std::uint64_t required,
                  std::uint64_t live);
    /// Transactions identical to an earlier one still to run wait for it.
    [[nodiscard]] bool first(TxnId t, std::uint64_t todo) const {
        return (g_.effects[t].twins & todo) == 0;
    }

    const Goal& g_;
    std::vector<Binding> bindings_;
    std::vector<Cells> next_;         ///< by transactions left: the rows after the next one
    std::vector<std::uint64_t> key_;  ///< scratch for stateKey
    StateSet failed_;                 ///< states from which the target cannot be reached
};

void Search::stateKey(const Cells& rows, std::uint64_t todo, std::uint64_t required,
                      std::uint64_t live) {
    std::vector<std::uint64_t>& key = key_;
    key.assign({todo, required, 0, 0});  // then absent rows, null rows, values
    for (std::uint64_t m = live; m != 0; m &= m - 1) {
        const KeyId k = lowest(m);
        if (!rows[k])
            key[2] |= bit(k);
        else if (!*rows[k])
            key[3] |= bit(k);
        else
            key.push_back(static_cast<std::uint64_t>(**rows[k]));
    }
}

bool Search::solve(const Cells& rows, std::uint64_t todo, std::uint64_t required) {
    const std::vector<Effect>& fx = g_.effects;
    std::uint64_t live = 0;
    for (;;) {
        std::uint64_t writes = 0, once = 0, twice = 0;  // rows written; depended on by one, two
        std::uint64_t resets = 0, crosses = 0;
        for (std::uint64_t m = todo; m != 0; m &= m - 1) {
            const Effect& e = fx[lowest(m)];
            writes |= e.writes;
            twice |= once & e.depends;
            once |= e.depends;
            resets |= e.resets;
            crosses |= e.crosses;
        }
        // A row's value matters while some transaction left depends on it,
        // unless it flows only into itself and some transaction left resets it.
        live = once & ~(resets & ~crosses);
        // A row nobody left writes is final.
        for (std::uint64_t m = required & ~writes; m != 0; m &= m - 1)
            if (rows[lowest(m)] != g_.target[lowest(m)]) return false;
        required &= writes;
        // A transaction whose writes nobody else left depends on, and which
        // writes no required row or only the right constants, can go last.
        bool placed = false;
        for (std::uint64_t m = todo; m != 0 && !placed; m &= m - 1) {
            const TxnId t = lowest(m);
            const Effect& e = fx[t];
            const std::uint64_t others = twice | (once & ~e.depends);
            const bool blindAndRight = (g_.blind & bit(t)) != 0 && (g_.wrong[t] & required) == 0;
            if (!first(t, todo) || (e.writes & others) != 0) continue;
            if ((e.writes & required) != 0 && !blindAndRight) continue;
            todo &= ~bit(t);
            required &= ~e.writes;
            placed = true;
        }
        if (!placed) break;
    }
    if (todo == 0) return true;
    // The last writer of a required row must be able to leave the target's value.
    for (std::uint64_t m = required; m != 0; m &= m - 1) {
        const std::uint64_t can = g_.writers[lowest(m)] & todo;
        if ((can & ~g_.blind) == 0 && (can & g_.right[lowest(m)]) == 0) return false;
    }
    stateKey(rows, todo, required, live);
    if (failed_.contains(key_)) return false;
    // Backwards: a blind transaction with the right values last.
    for (std::uint64_t m = todo & g_.blind; m != 0; m &= m - 1) {
        const TxnId t = lowest(m);
        if (first(t, todo) && (g_.wrong[t] & required) == 0 &&
            solve(rows, todo & ~bit(t), required & ~fx[t].writes))
            return true;
    }
    // Forwards: each transaction next.
    // Each frame of the recursion has fewer transactions left than its caller:
    // one buffer for each number left.
    const auto left = static_cast<std::size_t>(std::popcount(todo));
    if (next_.size() <= left) next_.resize(left + 1);
    Cells& next = next_[left];
    for (std::uint64_t m = todo; m != 0; m &= m - 1) {
        const TxnId t = lowest(m);
        if (!first(t, todo)) continue;
        next = rows;
        (void)run(g_.h, t, next, bindings_);  // no guards on this path
        if (solve(next, todo & ~bit(t), required)) return true;
    }
    stateKey(rows, todo, required, live);
    failed_.insert(key_);
    return false;
}

}  // namespace

std::vector<std::size_t> violatedInvariants(const History& h, const Rows& rows) {
    std::vector<std::size_t> out;
    if (h.invariants.empty()) return out;
    // Every key is bound: an absent row reads as null.
    std::vector<Binding> values(h.keys.size(), Binding{true, Value{}});
    for (const auto& [k, v] : rows) values.at(k).value = v;
    for (std::size_t i = 0; i < h.invariants.size(); ++i) {
        const Invariant& inv = h.invariants[i];
        const Truth truth = evaluate(inv.cond, values);
        if (truth == Truth::Overflow) {
            Diagnostic d;
            d.file = h.file;
            d.pos = inv.pos;
            d.message = "invariant " + std::to_string(i + 1) + " \"" + inv.text +
                        "\": its value leaves the 64-bit integer range in some final state";
            d.hint = "use smaller values";
            throw InputError(std::move(d));
        }
        if (truth == Truth::False) out.push_back(i);
    }
    return out;
}

Rows runAlone(const History& h, TxnId t, const Rows& rows) {
    Cells row(h.keys.size());
    for (const auto& [k, v] : rows) row.at(k) = v;
    std::vector<Binding> bindings(h.keys.size());
    (void)run(h, t, row, bindings);
    Rows out;
    for (std::size_t k = 0; k < row.size(); ++k)
        if (row[k]) out.emplace_back(static_cast<KeyId>(k), *row[k]);
    return out;
}

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

std::size_t SerialOracle::RowsHash::operator()(const Rows& rows) const {
    std::uint64_t h = rows.size();
    for (const auto& [k, v] : rows)
        h = mix(mix(h, k), v ? static_cast<std::uint64_t>(*v) : 0x6e756c6cULL);
    return static_cast<std::size_t>(h);
}

SerialOracle::SerialOracle(const History& h)
    : h_(h),
      guarded_(h.hasGuards() || h.hasPredicateWrites()), writers_(h.keys.size(), 0), initial_(h.keys.size()), blind_(h.txns.size()) {
    ISOCHECK_ASSERT(h_.txns.size() <= kMaxTxns && h_.keys.size() <= kMaxKeys);
    for (std::size_t k = 0; k < h_.keys.size(); ++k)
        if (h_.initial.at(k)) initial_[k] = *h_.initial[k];
    for (std::size_t i = 0; i < h_.txns.size(); ++i) {
        Effect e = effectOf(h_.txns[i], h_.keys.size());
        for (std::size_t j = 0; j < i; ++j)
            if (sameOps(h_.txns[i], h_.txns[j])) e.twins |= bit(static_cast<TxnId>(j));
        for (std::uint64_t m = e.writes; m != 0; m &= m - 1)
            writers_[lowest(m)] |= bit(static_cast<TxnId>(i));
        effects_.push_back(e);
    }
}

const std::vector<SerialOracle::Cell>& SerialOracle::blindOutput(TxnId t) {
    if (!blind_.at(t)) {
        Cells row = initial_;
        std::vector<Binding> bindings(h_.keys.size());
        (void)run(h_, t, row, bindings);
        blind_[t] = std::move(row);
    }
    return *blind_[t];
}

bool SerialOracle::serializable(std::uint64_t committed, const Rows& rows) {
    const std::uint64_t all =
        h_.txns.size() == 64 ? ~std::uint64_t{0} : bit(static_cast<TxnId>(h_.txns.size())) - 1;
    ISOCHECK_ASSERT((committed & ~all) == 0);
    if (const auto set = answers_.find(committed); set != answers_.end())
        if (const auto it = set->second.find(rows); it != set->second.end()) return it->second;

    // Only a state with ascending keys of this history can be a final state.
    bool answer = true;
    Cells target(h_.keys.size());
    for (std::size_t i = 0; i < rows.size() && answer; ++i) {
        const KeyId k = rows[i].first;
        answer = k < target.size() && (i == 0 || rows[i - 1].first < k);
        if (answer) target[k] = rows[i].second;
    }
    if (answer) answer = decide(committed, target);

    if (answerCount_ >= kMaxAnswers) {
        answers_.clear();
        answerCount_ = 0;
    }
    answers_[committed].emplace(rows, answer);
    ++answerCount_;
    return answer;
}

bool SerialOracle::decide(std::uint64_t committed, const std::vector<Cell>& target) {
    if (guarded_) return decideGuarded(committed, target);
    // Transactions that write nothing change nothing.
    std::uint64_t active = 0, written = 0;
    for (std::uint64_t m = committed; m != 0; m &= m - 1) {
        const Effect& e = effects_[lowest(m)];
        if (e.writes == 0) continue;
        active |= bit(lowest(m));
        written |= e.writes;
    }
    for (std::size_t k = 0; k < target.size(); ++k)
        if ((written & bit(static_cast<KeyId>(k))) == 0 && target[k] != initial_[k]) return false;

    Goal g(h_, effects_, writers_, target);
    for (std::uint64_t m = active; m != 0; m &= m - 1) {
        const TxnId t = lowest(m);
        if (effects_[t].depends != 0) continue;
        g.blind |= bit(t);
        const Cells& out = blindOutput(t);
        for (std::uint64_t w = effects_[t].writes; w != 0; w &= w - 1) {
            const KeyId k = lowest(w);
            if (out[k] == target[k])
                g.right[k] |= bit(t);
            else
                g.wrong[t] |= bit(k);
        }
    }

    // Components: transactions are joined when one writes a row the other reads or writes.
    Search search(g);
    for (std::uint64_t left = active; left != 0;) {
        std::uint64_t component = bit(lowest(left)), grown = 0;
        while (grown != component) {
            grown = component;
            std::uint64_t writes = 0, depends = 0;
            for (std::uint64_t m = component; m != 0; m &= m - 1) {
                writes |= effects_[lowest(m)].writes;
                depends |= effects_[lowest(m)].depends;
            }
            for (std::uint64_t m = left & ~component; m != 0; m &= m - 1) {
                const Effect& e = effects_[lowest(m)];
                if ((e.writes & (writes | depends)) != 0 || (e.depends & writes) != 0)
                    component |= bit(lowest(m));
            }
        }
        left &= ~component;
        std::uint64_t required = 0;
        for (std::uint64_t m = component; m != 0; m &= m - 1)
            required |= effects_[lowest(m)].writes;
        if (!search.solve(initial_, component, required)) return false;
    }
    return true;
}

// With guards the pruning above does not hold (a guarded write may leave its
// row unchanged, a guarded abort may rule an order out), so the search is the
// definition itself (SPEC 3.1): some order of every committed transaction, run
// with guards evaluated, in which none aborts and which leaves the target. It
// remembers the (transactions left, rows) from which no order succeeds.
bool SerialOracle::decideGuarded(std::uint64_t committed, const std::vector<Cell>& target) {
    std::set<std::pair<std::uint64_t, Cells>> failed;
    std::vector<Binding> bindings(h_.keys.size());
    const auto search = [&](const auto& self, const Cells& rows, std::uint64_t todo) -> bool {
        if (todo == 0) return rows == target;
        if (failed.contains({todo, rows})) return false;
        for (std::uint64_t m = todo; m != 0; m &= m - 1) {
            const TxnId t = lowest(m);
            if ((effects_[t].twins & todo) != 0) continue;  // identical ones in file order
            Cells next = rows;
            if (run(h_, t, next, bindings) && self(self, next, todo & ~bit(t))) return true;
        }
        failed.emplace(todo, rows);
        return false;
    };
    return search(search, initial_, committed);
}

}  // namespace isocheck
