// Final states and their serializability (SPEC section 3): the rows an
// execution leaves, and whether some serial order of the committed
// transactions, run alone from the initial rows, leaves the same. The
// oracle's search is checked against every permutation on random histories
// (fixed seeds), on hand-worked cases for each of its shortcuts, and on
// twelve and sixteen writers of one row, which it decides without
// enumerating orders.

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

#include "anomaly/serial.hpp"
#include "history/generator.hpp"
#include "history/loader.hpp"
#include "leaf_builder.hpp"

namespace isocheck {
namespace {

using test::expr;
using test::LeafBuilder;
using test::T1;
using test::T2;
using test::T3;
using test::X;
using test::Y;
using test::Z;

Op op(OpKind kind, KeyId key = 0, Expr e = {}) {
    return Op{kind, key, std::move(e), 0, "op", false, {}, {}};
}
/// `+ n` or `- n` as a term of E.
Term num(std::int64_t n) {
    return Term{n < 0, n < 0 ? -n : n};
}
/// `+ k`: the value bound to key k.
Term ref(KeyId k) {
    return Term{false, k};
}

/// The keys (sorted, nullopt = unborn) and each transaction's operations; a commit is appended.
History history(const std::vector<std::pair<std::string, std::optional<std::int64_t>>>& keys,
                std::vector<std::vector<Op>> txns) {
    History h;
    for (const auto& [name, value] : keys) {
        h.keys.push_back(name);
        h.initial.push_back(value ? std::optional<Value>(Value(*value)) : std::nullopt);
    }
    for (std::size_t t = 0; t < txns.size(); ++t) {
        txns[t].push_back(op(OpKind::Commit));
        h.txns.push_back(Txn{"T" + std::to_string(t + 1), std::move(txns[t]), {}});
    }
    return h;
}

/// The initial rows of `h`.
Rows initialRows(const History& h) {
    Rows out;
    for (std::size_t k = 0; k < h.keys.size(); ++k)
        if (h.initial[k]) out.emplace_back(static_cast<KeyId>(k), *h.initial[k]);
    return out;
}

/// Every final state of every serial order of `committed`, by brute force:
/// every permutation, run transaction by transaction from the initial rows
/// (orders with a common prefix share its run).
std::set<Rows> bruteFinals(const History& h, std::uint64_t committed) {
    std::set<Rows> out;
    const auto permute = [&](auto& self, const Rows& rows, std::uint64_t left) -> void {
        if (left == 0) out.insert(rows);
        for (TxnId t = 0; t < h.txns.size(); ++t)
            if ((left & bit(t)) != 0) self(self, runAlone(h, t, rows), left & ~bit(t));
    };
    permute(permute, initialRows(h), committed);
    return out;
}

std::string show(const Rows& rows) {
    std::string out = "{";
    for (const auto& [k, v] : rows)
        out += " " + std::to_string(k) + "=" + (v ? std::to_string(*v) : std::string("null"));
    return out + " }";
}

std::string show(const History& h) {
    std::string out;
    for (std::size_t k = 0; k < h.keys.size(); ++k)
        out += h.keys[k] + "=" +
               (!h.initial[k]   ? "unborn"
                : *h.initial[k] ? std::to_string(**h.initial[k])
                                : "null") +
               " ";
    for (const Txn& t : h.txns) {
        out += "\n" + t.name + ":";
        for (const Op& o : t.ops) out += " [" + o.text + "]";
    }
    return out;
}

/// States near `rows`: each row one more, null, deleted; each absent row born.
std::vector<Rows> neighbours(const Rows& rows, std::size_t keys) {
    std::vector<Rows> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        Rows r = rows;
        if (r[i].second) {
            r[i].second = *r[i].second + 1;
            out.push_back(r);
        }
        r[i].second = std::nullopt;
        out.push_back(r);
        r.erase(r.begin() + static_cast<std::ptrdiff_t>(i));
        out.push_back(r);
    }
    for (std::size_t k = 0; k < keys; ++k) {
        if (std::ranges::any_of(rows, [&](const auto& kv) { return kv.first == k; })) continue;
        Rows r = rows;
        r.emplace_back(static_cast<KeyId>(k), Value(1));
        std::ranges::sort(r);
        out.push_back(r);
    }
    return out;
}

/// Mismatches between the oracle and `finals` (bruteFinals of `committed`)
/// on every final state, every state near one and every state of `others`;
/// the first is described in `first`.
int crossCheck(const History& h, SerialOracle& oracle, std::uint64_t committed,
               const std::set<Rows>& finals, const std::set<Rows>& others, std::string& first) {
    std::set<Rows> targets = others;
    for (const Rows& f : finals) {
        targets.insert(f);
        for (Rows& n : neighbours(f, h.keys.size())) targets.insert(std::move(n));
    }
    int mismatches = 0;
    for (const Rows& target : targets) {
        const bool expected = finals.contains(target);
        if (oracle.serializable(committed, target) == expected) continue;
        if (mismatches++ == 0)
            first = show(h) + "\ncommitted " + std::to_string(committed) + " target " +
                    show(target) + (expected ? " is" : " is not") + " a serial final state";
    }
    return mismatches;
}

/// A random history built directly: 1-4 keys (some unborn or null), 2-7
/// transactions of 1-4 operations (reads, locking reads, blind writes, writes
/// of sums of bound keys, updates, deletes, selects), some of them exact
/// copies of an earlier one; small numbers, so that states coincide.
History randomHistory(std::uint64_t seed) {
    SplitMix64 rng(seed);
    History h;
    const int keys = rng.between(1, 4);
    for (int k = 0; k < keys; ++k) {
        h.keys.push_back("k" + std::to_string(k));
        const int init = rng.between(0, 9);
        h.initial.push_back(init == 0   ? std::nullopt
                            : init == 1 ? std::optional<Value>(Value{})
                                        : std::optional<Value>(Value(rng.between(0, 3))));
    }
    h.predicates.push_back(test::predicate(Predicate::Cmp::Gt, 0, "value > 0"));
    const int txns = rng.between(2, rng.between(0, 3) == 0 ? 7 : 5);
    for (int t = 0; t < txns; ++t) {
        if (t > 0 && rng.between(0, 3) == 0) {  // a twin of an earlier transaction
            Txn copy = h.txns[static_cast<std::size_t>(rng.between(0, t - 1))];
            copy.name = "T" + std::to_string(t + 1);
            h.txns.push_back(std::move(copy));
            continue;
        }
        std::vector<Op> ops;
        std::vector<bool> bound(static_cast<std::size_t>(keys), false);
        const int count = rng.between(1, 4);
        for (int i = 0; i < count; ++i) {
            const auto k = static_cast<KeyId>(rng.between(0, keys - 1));
            const std::string name = h.keys[k];
            const auto constant = [&] { return num(rng.between(-2, 3)); };
            const auto term = [&](Term x) {
                return (x.negative ? " - " : " + ") +
                       (std::holds_alternative<KeyId>(x.operand)
                            ? h.keys[std::get<KeyId>(x.operand)]
                            : std::to_string(std::get<std::int64_t>(x.operand)));
            };
            const auto sum = [&](const std::vector<Term>& terms) {
                std::string text;
                for (const Term& x : terms) text += term(x);
                return std::pair{expr(terms), text};
            };
            Op o = op(OpKind::Commit);
            switch (rng.between(0, 7)) {
                case 0:
                    o = op(OpKind::Read, k);
                    o.text = "r " + name;
                    break;
                case 1:
                    o = op(OpKind::ReadForUpdate, k);
                    o.text = "r " + name + " for update";
                    break;
                case 2: {
                    auto [e, text] = sum({constant()});
                    o = op(OpKind::Write, k, e);
                    o.text = "w " + name + " =" + text;
                    break;
                }
                case 3: {
                    std::vector<Term> terms;
                    for (int j = 0; j < 2; ++j) {
                        const auto b = static_cast<KeyId>(rng.between(0, keys - 1));
                        if (bound[b]) terms.push_back(Term{rng.between(0, 2) == 0, b});
                    }
                    terms.push_back(constant());
                    auto [e, text] = sum(terms);
                    o = op(OpKind::Write, k, e);
                    o.text = "w " + name + " =" + text;
                    break;
                }
                case 4:
                case 5: {
                    std::vector<Term> terms;
                    if (rng.between(0, 3) != 0) terms.push_back(ref(k));
                    terms.push_back(constant());
                    auto [e, text] = sum(terms);
                    o = op(OpKind::Update, k, e);
                    o.text = "u " + name + " =" + text;
                    break;
                }
                case 6:
                    o = op(OpKind::Delete, k);
                    o.text = "d " + name;
                    break;
                default:
                    o = op(OpKind::PredicateRead);
                    o.text = "select where value > 0";
                    break;
            }
            if (o.kind != OpKind::PredicateRead) bound[k] = true;
            ops.push_back(std::move(o));
        }
        ops.push_back(op(OpKind::Commit));
        ops.back().text = "commit";
        h.txns.push_back(Txn{"T" + std::to_string(t + 1), std::move(ops), {}});
    }
    return h;
}

/// Cross-checks the oracle on `h`: the full set and a few random subsets of
/// transactions, one oracle for all (answers cached between questions).
int crossCheckHistory(const History& h, std::uint64_t seed, std::string& first) {
    SplitMix64 rng(seed ^ 0x5eed);
    const std::uint64_t all = bit(static_cast<TxnId>(h.txns.size())) - 1;
    std::vector<std::uint64_t> sets{all, 0};
    for (int i = 0; i < 3; ++i) sets.push_back(rng.next() & all);
    std::vector<std::set<Rows>> finals;
    std::set<Rows> others;
    for (const std::uint64_t c : sets) {
        finals.push_back(bruteFinals(h, c));
        others.insert(finals.back().begin(), finals.back().end());
    }
    SerialOracle oracle(h);
    int mismatches = 0;
    // Asked twice: the second time, the cached answers.
    for (int round = 0; round < 2; ++round)
        for (std::size_t i = 0; i < sets.size(); ++i)
            mismatches += crossCheck(h, oracle, sets[i], finals[i], others, first);
    return mismatches;
}

/// n writers of row x (initially 0), as TOML: `r x, w x = x + 1` (same),
/// `r x, w x = x + i` (sum), `w x = i` (blind), or odd i `w x = 100 * i` and
/// even i `u x = x + i` (mixed).
enum class Writers { Same, Sum, Blind, Mixed };
History writers(int n, Writers kind) {
    std::string toml = "[initial]\nx = 0\n";
    for (int i = 1; i <= n; ++i) {
        const std::string s = std::to_string(i);
        toml += "[[txn]]\nops = [";
        switch (kind) {
            case Writers::Same:
                toml += R"("r x", "w x = x + 1")";
                break;
            case Writers::Sum:
                toml += R"("r x", "w x = x + )" + s + '"';
                break;
            case Writers::Blind:
                toml += R"("w x = )" + s + '"';
                break;
            case Writers::Mixed:
                toml += i % 2 == 1 ? R"("w x = )" + std::to_string(100 * i) + '"'
                                   : R"("u x = x + )" + s + '"';
                break;
        }
        toml += "]\n";
    }
    return parseHistory(toml, "writers.toml");
}

/// The first n transactions.
std::uint64_t firstN(int n) {
    return bit(static_cast<TxnId>(n)) - 1;
}

}  // namespace

TEST_CASE("lost update of two increments: only x = 13 is serializable") {
    // T1: x = x + 1, T2: x = x + 2, from 10. Either serial order gives 13.
    const History h =
        history({{"x", 10}}, {{op(OpKind::Read, X), op(OpKind::Write, X, expr({ref(X), num(1)}))},
                              {op(OpKind::Read, X), op(OpKind::Write, X, expr({ref(X), num(2)}))}});
    LeafBuilder b(h);
    b.read(T1, "x").read(T2, "x").write(T1, "x", 11).commit(T1).write(T2, "x", 12).commit(T2);
    const Rows rows = finalRows(h, b.state());
    CHECK(rows == Rows{{X, 12}});
    SerialOracle oracle(h);
    CHECK_FALSE(oracle.serializable(0b11, rows));
    CHECK_FALSE(oracle.serializable(0b11, Rows{{X, 11}}));
    CHECK(oracle.serializable(0b11, Rows{{X, 13}}));
}

TEST_CASE("lost update against a blind write: x = 11 is not serializable, x = 12 is") {
    // T1: r x, w x = x + 1; T2: w x = 12. Serial T1;T2 gives 12, T2;T1 gives 13.
    // T1 reads 10, T2 writes 12 and commits, T1 writes 11 and commits last:
    // the version order is x0, T2, T1, so x = 11 and T2's write is lost.
    const History h =
        history({{"x", 10}}, {{op(OpKind::Read, X), op(OpKind::Write, X, expr({ref(X), num(1)}))},
                              {op(OpKind::Write, X, expr({num(12)}))}});
    LeafBuilder lost(h);
    lost.read(T1, "x").write(T2, "x", 12).commit(T2).write(T1, "x", 11).commit(T1);
    LeafBuilder serial(h);
    serial.read(T1, "x").write(T1, "x", 11).commit(T1).write(T2, "x", 12).commit(T2);

    SerialOracle oracle(h);
    CHECK(finalRows(h, lost.state()) == Rows{{X, 11}});
    CHECK_FALSE(oracle.serializable(0b11, finalRows(h, lost.state())));
    CHECK(finalRows(h, serial.state()) == Rows{{X, 12}});
    CHECK(oracle.serializable(0b11, finalRows(h, serial.state())));
    CHECK(oracle.serializable(0b11, Rows{{X, 13}}));
    SUBCASE("with T2 aborted, only T1 counts") {
        CHECK(oracle.serializable(0b01, Rows{{X, 11}}));
        CHECK_FALSE(oracle.serializable(0b01, Rows{{X, 12}}));
    }
    SUBCASE("with nothing committed, the initial rows") {
        CHECK(oracle.serializable(0, Rows{{X, 10}}));
        CHECK_FALSE(oracle.serializable(0, Rows{}));
    }
}

TEST_CASE("serial runs: delete binds null, update binds before it writes, select does nothing") {
    // x = 5, y unborn. T1: r x, d x, w y = x + 1 (x is null after the delete: y = null).
    // T2: u x = x - 3, select. T1;T2: x absent -> u x gives null, y = null.
    // T2;T1: x = 2, then deleted; y = null. Both: {y = null} and {x = null, y = null}.
    History h = history(
        {{"x", 5}, {"y", std::nullopt}},
        {{op(OpKind::Read, X), op(OpKind::Delete, X), op(OpKind::Write, Y, expr({ref(X), num(1)}))},
         {op(OpKind::Update, X, expr({ref(X), num(-3)})), op(OpKind::PredicateRead)}});
    h.predicates.push_back(test::predicate(Predicate::Cmp::Gt, 0, "value > 0"));
    SerialOracle oracle(h);
    CHECK(oracle.serializable(0b11, Rows{{Y, std::nullopt}}));
    CHECK(oracle.serializable(0b11, Rows{{X, std::nullopt}, {Y, std::nullopt}}));
    CHECK_FALSE(oracle.serializable(0b11, Rows{{X, 2}, {Y, std::nullopt}}));
    CHECK(oracle.serializable(0b10, Rows{{X, 2}}));
}

TEST_CASE("serial orders of three transactions: every order is tried") {
    // x = 1. T1: u x = x + 1, T2: w x = 10, T3: u x = x - 1. The six orders end in
    // T1 T2 T3: 9; T1 T3 T2: 10; T2 T1 T3: 10; T2 T3 T1: 10; T3 T1 T2: 10; T3 T2 T1: 11.
    // T1 and T3 alone: 1 either way.
    const History h = history({{"x", 1}}, {{op(OpKind::Update, X, expr({ref(X), num(1)}))},
                                           {op(OpKind::Write, X, expr({num(10)}))},
                                           {op(OpKind::Update, X, expr({ref(X), num(-1)}))}});
    SerialOracle oracle(h);
    for (const std::int64_t x : {9, 10, 11}) CHECK(oracle.serializable(0b111, Rows{{X, x}}));
    for (const std::int64_t x : {1, 2, 0, 12})
        CHECK_FALSE(oracle.serializable(0b111, Rows{{X, x}}));
    CHECK(oracle.serializable(0b101, Rows{{X, 1}}));
}

TEST_CASE("final rows: newest committed version by commit order") {
    const History h = history({{"x", 0}, {"y", 7}}, {{}, {}, {}});
    SUBCASE("the last committer's last write wins, whatever the install order") {
        LeafBuilder b(h);
        b.write(T1, "x", 1).write(T2, "x", 2).write(T1, "x", 3).commit(T2).commit(T1);
        CHECK(finalRows(h, b.state()) == Rows{{X, 3}, {Y, 7}});
    }
    SUBCASE("deleted and aborted") {
        LeafBuilder b(h);
        b.remove(T1, "y").commit(T1).write(T2, "x", 5).abort(T2).commit(T3);
        CHECK(finalRows(h, b.state()) == Rows{{X, 0}});
    }
}

TEST_CASE("serial oracle agrees with every permutation on random histories") {
    int mismatches = 0, histories = 0;
    std::string first;
    for (std::uint64_t seed = 1; seed <= 400; ++seed, ++histories)
        mismatches += crossCheckHistory(randomHistory(seed), seed, first);
    GeneratorOptions o;
    o.maxTxns = 6;
    o.maxOps = 5;
    o.maxTotalOps = 24;
    o.aborts = false;
    for (std::uint64_t seed = 1; seed <= 200; ++seed, ++histories)
        mismatches +=
            crossCheckHistory(parseHistory(randomHistoryToml(seed, o), "random.toml"), seed, first);
    CHECK(histories == 600);
    CHECK_MESSAGE(mismatches == 0, first);
}

TEST_CASE("serial oracle: twelve and sixteen writers of one row, serializable or not") {
    SUBCASE("x = x + 1: only the sum") {
        for (const int n : {12, 16}) {
            const History h = writers(n, Writers::Same);
            SerialOracle oracle(h);
            CHECK(oracle.serializable(firstN(n), Rows{{X, n}}));
            CHECK_FALSE(oracle.serializable(firstN(n), Rows{{X, n - 1}}));
            CHECK_FALSE(oracle.serializable(firstN(n), Rows{{X, n + 1}}));
            CHECK(oracle.serializable(firstN(n) & ~bit(3), Rows{{X, n - 1}}));
        }
    }
    SUBCASE("x = x + i: only the sum") {
        const History h = writers(12, Writers::Sum);
        SerialOracle oracle(h);
        CHECK(oracle.serializable(firstN(12), Rows{{X, 78}}));
        CHECK_FALSE(oracle.serializable(firstN(12), Rows{{X, 77}}));
        CHECK_FALSE(oracle.serializable(firstN(12), Rows{{X, 12}}));
        CHECK(oracle.serializable(firstN(11), Rows{{X, 66}}));
        CHECK_FALSE(oracle.serializable(firstN(11), Rows{{X, 78}}));
    }
    SUBCASE("blind x = i: any writer's value, nothing else") {
        for (const int n : {12, 16}) {
            const History h = writers(n, Writers::Blind);
            SerialOracle oracle(h);
            for (int i = 1; i <= n; ++i) CHECK(oracle.serializable(firstN(n), Rows{{X, i}}));
            CHECK_FALSE(oracle.serializable(firstN(n), Rows{{X, 0}}));
            CHECK_FALSE(oracle.serializable(firstN(n), Rows{{X, n + 1}}));
            CHECK_FALSE(oracle.serializable(firstN(n), Rows{}));
            CHECK_FALSE(oracle.serializable(firstN(n) & ~bit(4), Rows{{X, 5}}));
        }
    }
    SUBCASE("blind x = 100 i and x = x + i: the last blind write plus increments after it") {
        const History h = writers(12, Writers::Mixed);
        SerialOracle oracle(h);
        CHECK(oracle.serializable(firstN(12), Rows{{X, 106}}));         // T1, then +2 and +4 last
        CHECK(oracle.serializable(firstN(12), Rows{{X, 1100 + 42}}));   // T11, then every increment
        CHECK(oracle.serializable(firstN(12), Rows{{X, 500}}));         // T5 last
        CHECK_FALSE(oracle.serializable(firstN(12), Rows{{X, 99}}));    // below every blind write
        CHECK_FALSE(oracle.serializable(firstN(12), Rows{{X, 1143}}));  // increments are even
        CHECK_FALSE(
            oracle.serializable(firstN(12), Rows{{X, 1100 + 44}}));  // more than every increment
    }
}

TEST_CASE("serial oracle: a row's value can leave through another row and come back") {
    // x = 1, y = 0. T1: r x, w y = x; T2: w x = 5; T3: r y, w x = y. The six
    // orders: T1 T2 T3 (1, 1); T1 T3 T2 (5, 1); T2 T1 T3 (5, 5); T2 T3 T1 (0, 0);
    // T3 T1 T2 (5, 0); T3 T2 T1 (5, 5). Only T1 T2 T3 keeps x = 1, after T2 overwrote it.
    const History h = history({{"x", 1}, {"y", 0}},
                              {{op(OpKind::Read, X), op(OpKind::Write, Y, expr({ref(X)}))},
                               {op(OpKind::Write, X, expr({num(5)}))},
                               {op(OpKind::Read, Y), op(OpKind::Write, X, expr({ref(Y)}))}});
    SerialOracle oracle(h);
    for (const auto& [x, y] : {std::pair{1, 1}, {5, 1}, {5, 5}, {0, 0}, {5, 0}})
        CHECK(oracle.serializable(0b111, Rows{{X, x}, {Y, y}}));
    for (const auto& [x, y] : {std::pair{1, 0}, {0, 1}, {1, 5}, {0, 5}, {5, 6}})
        CHECK_FALSE(oracle.serializable(0b111, Rows{{X, x}, {Y, y}}));
    CHECK(oracle.serializable(0b011, Rows{{X, 5}, {Y, 1}}));  // T1 T2
    CHECK(oracle.serializable(0b011, Rows{{X, 5}, {Y, 5}}));  // T2 T1
    CHECK_FALSE(oracle.serializable(0b011, Rows{{X, 1}, {Y, 1}}));
}

TEST_CASE("serial oracle: blind writers of two rows cannot both be last") {
    // T1: w x = 1, w y = 1; T2: w x = 2, w y = 2; T3: r x, w z = x (depends on x).
    const History h =
        history({{"x", 0}, {"y", 0}, {"z", 0}},
                {{op(OpKind::Write, X, expr({num(1)})), op(OpKind::Write, Y, expr({num(1)}))},
                 {op(OpKind::Write, X, expr({num(2)})), op(OpKind::Write, Y, expr({num(2)}))},
                 {op(OpKind::Read, X), op(OpKind::Write, Z, expr({ref(X), num(10)}))}});
    SerialOracle oracle(h);
    CHECK_FALSE(oracle.serializable(0b011, Rows{{X, 1}, {Y, 2}, {Z, 0}}));
    CHECK(oracle.serializable(0b011, Rows{{X, 1}, {Y, 1}, {Z, 0}}));
    CHECK(oracle.serializable(0b011, Rows{{X, 2}, {Y, 2}, {Z, 0}}));
    // With T3: z is 10 (T3 first), 11 or 12 (T3 after T1 or T2), whoever is last.
    for (const int z : {10, 11, 12}) {
        CHECK(oracle.serializable(0b111, Rows{{X, 1}, {Y, 1}, {Z, z}}));
        CHECK(oracle.serializable(0b111, Rows{{X, 2}, {Y, 2}, {Z, z}}));
    }
    CHECK_FALSE(oracle.serializable(0b111, Rows{{X, 1}, {Y, 2}, {Z, 11}}));
    CHECK_FALSE(oracle.serializable(0b111, Rows{{X, 1}, {Y, 1}, {Z, 13}}));
}

TEST_CASE("serial oracle: independent rows, read-only and identical transactions") {
    // Two lost updates on x and on y, a read-only T5, and T6 a copy of T1.
    const std::vector<Op> incX{op(OpKind::Read, X), op(OpKind::Write, X, expr({ref(X), num(1)}))};
    const History h =
        history({{"x", 0}, {"y", 10}}, {incX,
                                        {op(OpKind::Write, X, expr({num(5)}))},
                                        {op(OpKind::Update, Y, expr({ref(Y), num(1)}))},
                                        {op(OpKind::Update, Y, expr({ref(Y), num(2)}))},
                                        {op(OpKind::Read, X), op(OpKind::Read, Y)},
                                        incX});
    SerialOracle oracle(h);
    // x: T2 then T1 and T6 (7), T1 T2 T6 (6), T1 T6 T2 (5); y: 13.
    for (const int x : {5, 6, 7}) CHECK(oracle.serializable(0b111111, Rows{{X, x}, {Y, 13}}));
    CHECK_FALSE(oracle.serializable(0b111111, Rows{{X, 2}, {Y, 13}}));
    CHECK_FALSE(oracle.serializable(0b111111, Rows{{X, 7}, {Y, 12}}));
    CHECK(oracle.serializable(0b010001, Rows{{X, 1}, {Y, 10}}));  // T1 and the read-only T5
    CHECK_FALSE(oracle.serializable(0b010001, Rows{{X, 0}, {Y, 10}}));
    CHECK(oracle.serializable(0b010000, Rows{{X, 0}, {Y, 10}}));  // the read-only T5 alone
    CHECK_FALSE(oracle.serializable(0b010000, Rows{{X, 0}}));
}

TEST_CASE("serial oracle: an absent row is not a null one") {
    // x = 1, y unborn. T1: d x. T2: r y, w x = y (x exists, null).
    const History h = history(
        {{"x", 1}, {"y", std::nullopt}},
        {{op(OpKind::Delete, X)}, {op(OpKind::Read, Y), op(OpKind::Write, X, expr({ref(Y)}))}});
    SerialOracle oracle(h);
    CHECK(oracle.serializable(0b01, Rows{}));
    CHECK_FALSE(oracle.serializable(0b01, Rows{{X, std::nullopt}}));
    CHECK(oracle.serializable(0b10, Rows{{X, std::nullopt}}));
    CHECK_FALSE(oracle.serializable(0b10, Rows{}));
    CHECK(oracle.serializable(0b11, Rows{}));
    CHECK(oracle.serializable(0b11, Rows{{X, std::nullopt}}));
    CHECK_FALSE(oracle.serializable(0b11, Rows{{X, 1}}));
}

TEST_CASE("serial oracle: a state that is no list of this history's rows is never a final state") {
    const History h = history({{"x", 1}, {"y", 2}}, {{op(OpKind::Write, X, expr({num(1)}))}});
    SerialOracle oracle(h);
    CHECK(oracle.serializable(0b1, Rows{{X, 1}, {Y, 2}}));
    CHECK_FALSE(oracle.serializable(0b1, Rows{{Y, 2}, {X, 1}}));
    CHECK_FALSE(oracle.serializable(0b1, Rows{{X, 1}, {X, 1}, {Y, 2}}));
    CHECK_FALSE(oracle.serializable(0b1, Rows{{X, 1}, {Y, 2}, {Z, 0}}));
}

TEST_CASE("serial oracle: answers stay right when the answer cache starts afresh") {
    const History h = history({{"x", 0}}, {{op(OpKind::Update, X, expr({ref(X), num(1)}))}});
    SerialOracle oracle(h);
    int wrong = 0;
    for (int round = 0; round < 2; ++round)
        for (int x = -10; x < 20000; ++x)
            if (oracle.serializable(0b1, Rows{{X, x}}) != (x == 1)) ++wrong;
    CHECK(wrong == 0);
}

}  // namespace isocheck
