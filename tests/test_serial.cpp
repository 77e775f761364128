// Final states and their serializability (SPEC section 3): the rows an
// execution leaves, and whether some serial order of the committed
// transactions, run alone from the initial rows, leaves the same.

#include <doctest/doctest.h>

#include "anomaly/serial.hpp"
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

Op op(OpKind kind, KeyId key = 0, Expr e = {}) {
    return Op{kind, key, std::move(e), 0, "op", false, {}};
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

TEST_CASE("three transactions: every order is tried") {
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

}  // namespace isocheck
