// The DSG of hand-built executions (D1, D2 of specs/semantics.md; Adya 1999),
// its cycle classes (D3) and the printer. Every expected edge is worked out
// by hand from the version order and the reads.

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "graph/cycles.hpp"
#include "graph/dsg.hpp"
#include "graph/format.hpp"
#include "leaf_builder.hpp"

namespace isocheck {
namespace {

using test::item;
using test::LeafBuilder;
using test::pred;
using test::T1;
using test::T2;
using test::T3;
using test::X;
using test::Y;
using test::Z;

const Predicate kPositive = test::predicate(Predicate::Cmp::Gt, 0, "value > 0");

}  // namespace

TEST_CASE("lost update, T2 commits first: T1 -rw[x]-> T2 -ww[x]-> T1") {
    // Version order of x: x0, T2, T1. T1 read x0, whose next version is T2's;
    // T2 read x0 too, but the next version is its own: no self edge.
    LeafBuilder b({{"x", 10}}, 2);
    b.read(T1, "x").read(T2, "x").write(T2, "x", 12).commit(T2).write(T1, "x", 11).commit(T1);
    const auto edges = buildDependencyEdges(b.history(), b.state(), b.log());
    CHECK(edges == std::vector{item(T1, T2, DepType::RW, X), item(T2, T1, DepType::WW, X)});
    CHECK(formatCycle(b.history(), edges) == "T1 -rw[x]-> T2 -ww[x]-> T1");
    CHECK(findCycleClasses(edges) == std::vector{CycleWitness{AnomalyClass::GSingle, edges}});
}

TEST_CASE("lost update, T1 commits first: T1 -ww[x]-> T2 -rw[x]-> T1") {
    LeafBuilder b({{"x", 10}}, 2);
    b.read(T1, "x").read(T2, "x").write(T1, "x", 11).commit(T1).write(T2, "x", 12).commit(T2);
    const auto edges = buildDependencyEdges(b.history(), b.state(), b.log());
    CHECK(edges == std::vector{item(T1, T2, DepType::WW, X), item(T2, T1, DepType::RW, X)});
    CHECK(formatCycle(b.history(), edges) == "T1 -ww[x]-> T2 -rw[x]-> T1");
}

TEST_CASE("version order is commit order, not install order") {
    // T1 installs x first but commits second: x0, T2, T1.
    LeafBuilder b({{"x", 0}}, 2);
    b.write(T1, "x", 1).write(T2, "x", 2).commit(T2).commit(T1);
    CHECK(buildDependencyEdges(b.history(), b.state(), b.log()) ==
          std::vector{item(T2, T1, DepType::WW, X)});
}

TEST_CASE("a read of an intermediate version maps to its writer's position") {
    // x: x0, T1 (final 2), T3. T2 read T1's first version (1): T1 -wr-> T2,
    // and the version after T1's is T3's: T2 -rw-> T3.
    LeafBuilder b({{"x", 0}}, 3);
    b.write(T1, "x", 1).read(T2, "x").write(T1, "x", 2).commit(T1).commit(T2);
    b.write(T3, "x", 3).commit(T3);
    CHECK(buildDependencyEdges(b.history(), b.state(), b.log()) ==
          std::vector{item(T1, T2, DepType::WR, X), item(T1, T3, DepType::WW, X),
                      item(T2, T3, DepType::RW, X)});
}

TEST_CASE("reads of aborted writers' and of own versions give no edges") {
    // T2 reads T1's version, T1 aborts; T2 writes x and reads it back; T3 reads T2's.
    // x: x0, T2. Only T2 -wr[x]-> T3 remains.
    LeafBuilder b({{"x", 0}}, 3);
    b.write(T1, "x", 5).read(T2, "x").abort(T1).write(T2, "x", 7).read(T2, "x").commit(T2);
    b.read(T3, "x").commit(T3);
    CHECK(buildDependencyEdges(b.history(), b.state(), b.log()) ==
          std::vector{item(T2, T3, DepType::WR, X)});
}

TEST_CASE("uncommitted transactions are not vertices") {
    // T2 reads x0 and writes y, then is the deadlock victim; T1 writes x.
    LeafBuilder b({{"x", 0}, {"y", 0}}, 2);
    b.read(T2, "x")
        .write(T2, "y", 1)
        .write(T1, "x", 1)
        .abort(T2, AbortCause::Deadlock, false)
        .commit(T1);
    CHECK(buildDependencyEdges(b.history(), b.state(), b.log()).empty());
}

TEST_CASE("predicate edges follow versions that change the matches") {
    // value > 0. x: x0 = 1, T1 = 2 (matches before and after: no change).
    // y: y0 unborn, T1 = 3 (starts matching: a change). z: z0 = 5, T3 deletes it
    // (stops matching: a change). T2's select saw x and y of T1 and z0:
    // T1's y is a change at or before what T2 saw: T1 -wr[y]-> T2 (predicate);
    // T3's tombstone comes after z0 and changes: T2 -rw[z]-> T3 (predicate).
    LeafBuilder b({{"x", 1}, {"y", std::nullopt}, {"z", 5}}, 3, {kPositive});
    b.write(T1, "y", 3)
        .write(T1, "x", 2)
        .commit(T1)
        .select(T2, 0)
        .remove(T3, "z")
        .commit(T3)
        .commit(T2);
    CHECK(b.log().predicateReads.at(0).returned == std::vector<KeyId>{X, Y, Z});
    const auto edges = buildDependencyEdges(b.history(), b.state(), b.log());
    CHECK(edges == std::vector{pred(T1, T2, DepType::WR, Y), pred(T2, T3, DepType::RW, Z)});
    CHECK(formatCycle(b.history(), edges) == "T1 -wr[value > 0: y]-> T2 -rw[value > 0: z]-> T3");
    CHECK(findCycleClasses(edges).empty());
}

TEST_CASE("predicate rw reaches every later changing version, not just the next") {
    // value > 0, x0 = 5. T1 reads x0 through the predicate; T2 writes 7 (no
    // change), T3 writes -1 (a change). Only T3's version changes the matches.
    LeafBuilder b({{"x", 5}}, 3, {kPositive});
    b.select(T1, 0).write(T2, "x", 7).commit(T2).write(T3, "x", -1).commit(T3).commit(T1);
    CHECK(buildDependencyEdges(b.history(), b.state(), b.log()) ==
          std::vector{pred(T1, T3, DepType::RW, X), item(T2, T3, DepType::WW, X)});
}

TEST_CASE("cycle classes: one class per shape, from edges given by hand") {
    using C = AnomalyClass;
    SUBCASE("G0: ww edges only") {
        const std::vector e{item(T1, T2, DepType::WW, X), item(T2, T1, DepType::WW, Y)};
        CHECK(findCycleClasses(e) == std::vector{CycleWitness{C::G0, e}});
        CHECK(cycleClass(e) == C::G0);
    }
    SUBCASE("one cycle of transactions, two classes by the edges chosen") {
        // T1 -> T2 by ww[x] or rw[y]; T2 -> T1 by wr[z]: G1c and G-single.
        const std::vector e{item(T1, T2, DepType::WW, X), item(T1, T2, DepType::RW, Y),
                            item(T2, T1, DepType::WR, Z)};
        CHECK(findCycleClasses(e) == std::vector{CycleWitness{C::G1c, {e[0], e[2]}},
                                                 CycleWitness{C::GSingle, {e[1], e[2]}}});
    }
    SUBCASE("a predicate rw makes two rw edges G2, item ones G2-item") {
        const std::vector e{item(T1, T2, DepType::RW, X), pred(T1, T2, DepType::RW, X),
                            item(T2, T1, DepType::RW, Y)};
        CHECK(findCycleClasses(e) == std::vector{CycleWitness{C::G2Item, {e[0], e[2]}},
                                                 CycleWitness{C::G2, {e[1], e[2]}}});
    }
    SUBCASE("one predicate rw alone is G-single") {
        const std::vector e{pred(T1, T2, DepType::RW, X), pred(T2, T1, DepType::WR, X)};
        CHECK(findCycleClasses(e) == std::vector{CycleWitness{C::GSingle, e}});
    }
    SUBCASE("the shortest cycle wins") {
        // T1 -> T2 -> T3 -> T1 (three rw) and T2 -> T3 -> T2 (two rw): both G2-item.
        const std::vector e{item(T1, T2, DepType::RW, X), item(T2, T3, DepType::RW, Y),
                            item(T3, T1, DepType::RW, Z), item(T3, T2, DepType::RW, X)};
        CHECK(findCycleClasses(e) == std::vector{CycleWitness{C::G2Item, {e[1], e[3]}}});
    }
    SUBCASE("ties go to the lexicographically smallest edges") {
        // Two G0 2-cycles, T1 <-> T2 and T1 <-> T3; T1 -> T2 by ww[y] or ww[z].
        const std::vector e{item(T1, T3, DepType::WW, X), item(T3, T1, DepType::WW, X),
                            item(T1, T2, DepType::WW, Z), item(T1, T2, DepType::WW, Y),
                            item(T2, T1, DepType::WW, Y)};
        CHECK(findCycleClasses(e) == std::vector{CycleWitness{C::G0, {e[3], e[4]}}});
    }
    SUBCASE("a cycle starts at its smallest transaction") {
        const std::vector e{item(T3, T2, DepType::WR, X), item(T2, T1, DepType::WR, Y),
                            item(T1, T3, DepType::WR, Z)};
        CHECK(findCycleClasses(e) == std::vector{CycleWitness{C::G1c, {e[2], e[0], e[1]}}});
    }
    SUBCASE("no cycle, no class; edges between components never form one") {
        const std::vector e{item(T1, T2, DepType::RW, X), item(T2, T3, DepType::RW, Y),
                            item(T1, T3, DepType::WW, Z)};
        CHECK(findCycleClasses(e).empty());
    }
}

namespace {

/// Every simple cycle (from its smallest vertex) with every choice of edges:
/// the definition of D3 applied literally, to check the search against.
void bruteForce(const std::vector<DepEdge>& edges, std::vector<TxnId>& path,
                std::vector<DepEdge>& chosen, std::map<AnomalyClass, std::vector<DepEdge>>& best) {
    const TxnId last = path.back();
    for (const DepEdge& e : edges) {
        if (e.from != last || e.from == e.to) continue;
        chosen.push_back(e);
        if (e.to == path.front()) {
            auto [it, fresh] = best.try_emplace(cycleClass(chosen), chosen);
            const auto& b = it->second;
            if (!fresh && (chosen.size() < b.size() || (chosen.size() == b.size() && chosen < b)))
                it->second = chosen;
        } else if (e.to > path.front() && std::ranges::find(path, e.to) == path.end()) {
            path.push_back(e.to);
            bruteForce(edges, path, chosen, best);
            path.pop_back();
        }
        chosen.pop_back();
    }
}

}  // namespace

TEST_CASE("the cycle search agrees with the definition on random small graphs") {
    std::uint32_t seed = 12345;
    const auto next = [&](std::uint32_t bound) {
        seed = seed * 1664525U + 1013904223U;  // a fixed LCG: the same graphs everywhere
        return (seed >> 8) % bound;
    };
    std::size_t witnesses = 0;
    for (int round = 0; round < 500; ++round) {
        const auto n = static_cast<TxnId>(2 + next(4));
        std::vector<DepEdge> edges;
        const auto count = 3 + next(12);
        for (std::uint32_t i = 0; i < count; ++i) {
            const auto type = static_cast<DepType>(next(3));
            edges.push_back(DepEdge{static_cast<TxnId>(next(n)), static_cast<TxnId>(next(n)), type,
                                    static_cast<KeyId>(next(2)),
                                    type != DepType::WW && next(3) == 0, 0});
        }
        std::map<AnomalyClass, std::vector<DepEdge>> best;
        for (TxnId start = 0; start < n; ++start) {
            std::vector<TxnId> path{start};
            std::vector<DepEdge> chosen;
            bruteForce(edges, path, chosen, best);
        }
        std::vector<CycleWitness> expected;
        expected.reserve(best.size());
        for (auto& [cls, cycle] : best) expected.push_back(CycleWitness{cls, cycle});
        CHECK(findCycleClasses(edges) == expected);
        witnesses += expected.size();
    }
    CHECK(witnesses > 500);  // the graphs do have cycles, of several classes
}

TEST_CASE("printer: edge labels and plain words") {
    History h;
    h.keys = {"x", "y"};
    h.predicates = {kPositive};
    h.txns = {Txn{"T1", {}, {}}, Txn{"Bob", {}, {}}};
    CHECK(formatEdgeLabel(h, item(0, 1, DepType::WR, Y)) == "wr[y]");
    CHECK(formatCycle(h, {pred(0, 1, DepType::RW, X), item(1, 0, DepType::WW, Y)}) ==
          "T1 -rw[value > 0: x]-> Bob -ww[y]-> T1");
    CHECK(formatCycle(h, {}).empty());
    CHECK(describeEdge(h, item(0, 1, DepType::WW, X)) == "Bob overwrote T1's write of x");
    CHECK(describeEdge(h, item(0, 1, DepType::WR, X)) == "Bob read T1's write of x");
    CHECK(describeEdge(h, item(0, 1, DepType::RW, X)) ==
          "Bob overwrote the version of x that T1 read");
    CHECK(describeEdge(h, pred(0, 1, DepType::WR, X)) ==
          "Bob's select where value > 0 saw T1's write of x, which changed whether x matches");
    CHECK(describeEdge(h, pred(0, 1, DepType::RW, X)) ==
          "Bob wrote x after T1's select where value > 0 read it, changing whether x matches");
}

}  // namespace isocheck
