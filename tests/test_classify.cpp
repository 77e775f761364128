// Classification of hand-built executions: Adya's classes (Adya 1999; D3),
// Berenson et al.'s phenomena (D4), the common name of each witness and its
// details in plain words. Expected values are worked out by hand.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "anomaly/classify.hpp"
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

std::vector<std::string> classes(const Classification& c) {
    std::vector<std::string> out;
    for (const auto& a : c.anomalies) out.emplace_back(info(a.cls).name);
    return out;
}

std::vector<std::string> phenomena(const Classification& c) {
    std::vector<std::string> out;
    for (const auto& p : c.phenomena) out.emplace_back(info(p.ph).name);
    return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("lost update: G-single named lost update, and P4") {
    // x: x0, T2, T1. T1 read x0 and T2 wrote next: T1 -rw[x]-> T2; T1's write follows T2's.
    LeafBuilder b({{"x", 10}}, 2);
    b.read(T1, "x").read(T2, "x").write(T2, "x", 12).commit(T2).write(T1, "x", 11).commit(T1);
    const Classification c = classify(b.history(), b.state(), b.log());
    const std::vector cycle{item(T1, T2, DepType::RW, X), item(T2, T1, DepType::WW, X)};
    REQUIRE(classes(c) == Names{"G-single"});
    CHECK(c.anomalies[0].name == "lost update");
    CHECK(c.anomalies[0].cycle == cycle);
    CHECK(c.anomalies[0].witness.empty());
    CHECK(c.anomalies[0].detail ==
          "T2 overwrote the version of x that T1 read; T1 overwrote T2's write of x");
    REQUIRE(phenomena(c) == Names{"P4"});
    CHECK(c.phenomena[0].cycle == cycle);
}

TEST_CASE("lost update with T1 committing first: G-single and P4 print one cycle from T1") {
    // x: x0, T1, T2. T1 -ww[x]-> T2 and T2 -rw[x]-> T1. Every cycle starts at
    // its first transaction in the file, the phenomenon's pair too (issue 7:
    // one cycle, one starting point), although P4's shape is rw then ww.
    LeafBuilder b({{"x", 10}}, 2);
    b.read(T1, "x").read(T2, "x").write(T1, "x", 11).commit(T1).write(T2, "x", 12).commit(T2);
    const Classification c = classify(b.history(), b.state(), b.log());
    REQUIRE(classes(c) == Names{"G-single"});
    CHECK(c.anomalies[0].name == "lost update");
    CHECK(c.anomalies[0].cycle ==
          std::vector{item(T1, T2, DepType::WW, X), item(T2, T1, DepType::RW, X)});
    REQUIRE(phenomena(c) == Names{"P4"});
    CHECK(c.phenomena[0].cycle == c.anomalies[0].cycle);
}

TEST_CASE("write skew: G2-item named write skew, and A5B") {
    // x: x0, T1; y: y0, T2. T1 read y0 (next T2's): T1 -rw[y]-> T2; T2 read x0: T2 -rw[x]-> T1.
    LeafBuilder b({{"x", 1}, {"y", 1}}, 2);
    b.read(T1, "x").read(T1, "y").read(T2, "x").read(T2, "y");
    b.write(T1, "x", 0).write(T2, "y", 0).commit(T1).commit(T2);
    const Classification c = classify(b.history(), b.state(), b.log());
    const std::vector cycle{item(T1, T2, DepType::RW, Y), item(T2, T1, DepType::RW, X)};
    REQUIRE(classes(c) == Names{"G2-item"});
    CHECK(c.anomalies[0].name == "write skew");
    CHECK(c.anomalies[0].cycle == cycle);
    CHECK(c.anomalies[0].detail ==
          "T2 overwrote the version of y that T1 read; T1 overwrote the version of x that T2 read");
    REQUIRE(phenomena(c) == Names{"A5B"});
    CHECK(c.phenomena[0].cycle == cycle);
}

TEST_CASE("read skew: G-single named read skew, and A5A") {
    // T1 reads x0, T2 writes x and y and commits, T1 reads T2's y.
    // T1 -rw[x]-> T2 and T2 -wr[y]-> T1.
    LeafBuilder b({{"x", 50}, {"y", 50}}, 2);
    b.read(T1, "x").write(T2, "x", 25).write(T2, "y", 75).commit(T2).read(T1, "y").commit(T1);
    const Classification c = classify(b.history(), b.state(), b.log());
    const std::vector cycle{item(T1, T2, DepType::RW, X), item(T2, T1, DepType::WR, Y)};
    REQUIRE(classes(c) == Names{"G-single"});
    CHECK(c.anomalies[0].name == "read skew");
    CHECK(c.anomalies[0].cycle == cycle);
    CHECK(c.anomalies[0].detail ==
          "T2 overwrote the version of x that T1 read; T1 read T2's write of y");
    REQUIRE(phenomena(c) == Names{"A5A"});
    CHECK(c.phenomena[0].cycle == cycle);
}

TEST_CASE("dirty writes: P0, and no G0 because the version order is the commit order") {
    // T2 writes x over T1's uncommitted version (P0), T1 writes y over T2's.
    // D1 orders both rows T1 then T2, so the ww edges are T1 -> T2 only.
    LeafBuilder b({{"x", 0}, {"y", 0}}, 2);
    b.write(T1, "x", 1).write(T2, "x", 2).write(T2, "y", 2).write(T1, "y", 1).commit(T1).commit(T2);
    const Classification c = classify(b.history(), b.state(), b.log());
    CHECK(classes(c).empty());
    REQUIRE(phenomena(c) == Names{"P0"});
    CHECK(c.phenomena[0].detail == "T2 wrote x = 2 over T1's uncommitted version");
    CHECK(c.phenomena[0].cycle.empty());
}

TEST_CASE("P0 by a delete, in a transaction that aborts") {
    LeafBuilder b({{"x", 0}}, 2);
    b.write(T1, "x", 1).remove(T2, "x").abort(T2).commit(T1);
    const Classification c = classify(b.history(), b.state(), b.log());
    REQUIRE(phenomena(c) == Names{"P0"});
    CHECK(c.phenomena[0].detail == "T2 deleted x over T1's uncommitted version");
    CHECK(classes(c).empty());
}

TEST_CASE("aborted read: G1a, and P1") {
    LeafBuilder b({{"x", 10}}, 2);
    b.write(T1, "x", 99).read(T2, "x").abort(T1).commit(T2);
    const Classification c = classify(b.history(), b.state(), b.log());
    REQUIRE(classes(c) == Names{"G1a"});
    CHECK(c.anomalies[0].name == "aborted read");
    CHECK(c.anomalies[0].cycle.empty());
    CHECK(c.anomalies[0].detail == "T2 read x = 99 written by T1, which aborted");
    REQUIRE(phenomena(c) == Names{"P1"});
    CHECK(c.phenomena[0].detail == "T2 read x = 99 written by T1, which was still live");
}

TEST_CASE("G1a is judged on committed readers only; P1 in any transaction") {
    LeafBuilder b({{"x", 10}}, 2);
    b.write(T1, "x", 99).read(T2, "x").abort(T1).abort(T2);
    const Classification c = classify(b.history(), b.state(), b.log());
    CHECK(classes(c).empty());
    CHECK(phenomena(c) == Names{"P1"});
}

TEST_CASE("intermediate read: G1b, and P1") {
    // T2 reads T1's first write of x (11); T1 then writes 12 and commits.
    // T1 -wr[x]-> T2 only: no cycle.
    LeafBuilder b({{"x", 10}}, 2);
    b.write(T1, "x", 11).read(T2, "x").write(T1, "x", 12).commit(T1).commit(T2);
    const Classification c = classify(b.history(), b.state(), b.log());
    REQUIRE(classes(c) == Names{"G1b"});
    CHECK(c.anomalies[0].name == "intermediate read");
    CHECK(c.anomalies[0].detail == "T2 read x = 11 written by T1, which later wrote x again");
    REQUIRE(phenomena(c) == Names{"P1"});
    CHECK(c.phenomena[0].detail == "T2 read x = 11 written by T1, which was still live");
}

TEST_CASE("reading one's own intermediate version is not G1b") {
    LeafBuilder b({{"x", 10}}, 1);
    b.write(T1, "x", 11).read(T1, "x").write(T1, "x", 12).commit(T1);
    const Classification c = classify(b.history(), b.state(), b.log());
    CHECK(classes(c).empty());
    CHECK(phenomena(c).empty());
}

TEST_CASE("circular information flow: G1c") {
    // T2 reads T1's x, T1 reads T2's y: T1 -wr[x]-> T2 -wr[y]-> T1.
    LeafBuilder b({{"x", 0}, {"y", 0}}, 2);
    b.write(T1, "x", 1).read(T2, "x").write(T2, "y", 2).read(T1, "y").commit(T1).commit(T2);
    const Classification c = classify(b.history(), b.state(), b.log());
    REQUIRE(classes(c) == Names{"G1c"});
    CHECK(c.anomalies[0].name == "circular information flow");
    CHECK(c.anomalies[0].cycle ==
          std::vector{item(T1, T2, DepType::WR, X), item(T2, T1, DepType::WR, Y)});
    CHECK(c.anomalies[0].detail == "T2 read T1's write of x; T1 read T2's write of y");
    REQUIRE(phenomena(c) == Names{"P1"});
    CHECK(c.phenomena[0].detail == "T2 read x = 1 written by T1, which was still live");
}

TEST_CASE("predicate write skew: G2 with predicate rw edges") {
    // value > 0; x = 1, y and z unborn. Both selects see {x}; T1 inserts y = 5,
    // T2 inserts z = 5, each starting to match the other's predicate.
    LeafBuilder b({{"x", 1}, {"y", std::nullopt}, {"z", std::nullopt}}, 2, {kPositive});
    b.select(T1, 0).select(T2, 0).write(T1, "y", 5).write(T2, "z", 5).commit(T1).commit(T2);
    const Classification c = classify(b.history(), b.state(), b.log());
    const std::vector cycle{pred(T1, T2, DepType::RW, Z), pred(T2, T1, DepType::RW, Y)};
    REQUIRE(classes(c) == Names{"G2"});
    CHECK(c.anomalies[0].name == "anti-dependency cycle");
    CHECK(c.anomalies[0].cycle == cycle);
    CHECK(formatCycle(b.history(), cycle) == "T1 -rw[value > 0: z]-> T2 -rw[value > 0: y]-> T1");
    CHECK(phenomena(c).empty());  // A5B is about item edges
}

TEST_CASE("P2: reading an absent row, then another's insert") {
    // T1 reads x0 (absent) then T2's x: T1 -rw[x]-> T2 -wr[x]-> T1, one key: not A5A.
    LeafBuilder b({{"x", std::nullopt}}, 2);
    b.read(T1, "x").write(T2, "x", 5).commit(T2).read(T1, "x").commit(T1);
    const Classification c = classify(b.history(), b.state(), b.log());
    REQUIRE(classes(c) == Names{"G-single"});
    CHECK(c.anomalies[0].name == "single anti-dependency cycle");
    CHECK(c.anomalies[0].cycle ==
          std::vector{item(T1, T2, DepType::RW, X), item(T2, T1, DepType::WR, X)});
    REQUIRE(phenomena(c) == Names{"P2"});
    CHECK(c.phenomena[0].detail == "T1 read x twice: the initial version (absent), then T2's (5)");
}

TEST_CASE("P2 with values, and not when the second read is of one's own write") {
    SUBCASE("another's version") {
        LeafBuilder b({{"x", 10}}, 2);
        b.read(T1, "x").write(T2, "x", 20).commit(T2).read(T1, "x").commit(T1);
        const Classification c = classify(b.history(), b.state(), b.log());
        REQUIRE(phenomena(c) == Names{"P2"});
        CHECK(c.phenomena[0].detail == "T1 read x twice: the initial version (10), then T2's (20)");
    }
    SUBCASE("own version") {
        LeafBuilder b({{"x", 10}}, 1);
        b.read(T1, "x").write(T1, "x", 11).read(T1, "x").commit(T1);
        CHECK(phenomena(classify(b.history(), b.state(), b.log())).empty());
    }
}

TEST_CASE("P3: a phantom not due to one's own writes") {
    // value > 0; x = 1, y unborn. T1's first select returns {x}; T2 inserts y = 5;
    // the second returns {x, y}. T1 -rw[y]-> T2 (predicate), T2 -wr[y]-> T1 (predicate).
    LeafBuilder b({{"x", 1}, {"y", std::nullopt}}, 2, {kPositive});
    b.select(T1, 0).write(T2, "y", 5).commit(T2).select(T1, 0).commit(T1);
    const Classification c = classify(b.history(), b.state(), b.log());
    REQUIRE(phenomena(c) == Names{"P3"});
    CHECK(c.phenomena[0].detail == "T1 ran select where value > 0 twice: first {x}, then {x, y}");
    REQUIRE(classes(c) == Names{"G-single"});
    CHECK(c.anomalies[0].name == "single anti-dependency cycle");
    CHECK(c.anomalies[0].cycle ==
          std::vector{pred(T1, T2, DepType::RW, Y), pred(T2, T1, DepType::WR, Y)});
    CHECK(c.anomalies[0].detail ==
          "T2 wrote y after T1's select where value > 0 read it, changing whether y matches; "
          "T1's select where value > 0 saw T2's write of y, which changed whether y matches");
}

TEST_CASE("P3: not when the difference is one's own insert") {
    LeafBuilder b({{"x", 1}, {"y", std::nullopt}}, 1, {kPositive});
    b.select(T1, 0).write(T1, "y", 5).select(T1, 0).commit(T1);
    REQUIRE(b.log().predicateReads.at(1).returned == std::vector<KeyId>{X, Y});
    const Classification c = classify(b.history(), b.state(), b.log());
    CHECK(phenomena(c).empty());
    CHECK(classes(c).empty());
}

TEST_CASE("P1 through a predicate read of an uncommitted insert") {
    // T2's select returns x0 and T1's uncommitted y: T1 -wr[y]-> T2 (predicate).
    LeafBuilder b({{"x", 1}, {"y", std::nullopt}}, 2, {kPositive});
    b.write(T1, "y", 5).select(T2, 0).commit(T1).commit(T2);
    const Classification c = classify(b.history(), b.state(), b.log());
    CHECK(classes(c).empty());
    REQUIRE(phenomena(c) == Names{"P1"});
    CHECK(c.phenomena[0].detail ==
          "T2's select where value > 0 returned y = 5 written by T1, which was still live");
}

TEST_CASE("a three-transaction cycle is G2-item by its class name alone") {
    // Each reads a row the next one writes: T1 -rw[x]-> T2 -rw[y]-> T3 -rw[z]-> T1.
    LeafBuilder b({{"x", 0}, {"y", 0}, {"z", 0}}, 3);
    b.read(T1, "x").read(T2, "y").read(T3, "z");
    b.write(T2, "x", 1).write(T3, "y", 1).write(T1, "z", 1).commit(T1).commit(T2).commit(T3);
    const Classification c = classify(b.history(), b.state(), b.log());
    REQUIRE(classes(c) == Names{"G2-item"});
    CHECK(c.anomalies[0].name == "item anti-dependency cycle");
    CHECK(c.anomalies[0].cycle == std::vector{item(T1, T2, DepType::RW, X),
                                              item(T2, T3, DepType::RW, Y),
                                              item(T3, T1, DepType::RW, Z)});
    CHECK(phenomena(c).empty());
}

TEST_CASE("a serial execution exhibits nothing") {
    LeafBuilder b({{"x", 10}}, 2);
    b.update(T1, "x", 11).commit(T1).update(T2, "x", 12).commit(T2);
    const Classification c = classify(b.history(), b.state(), b.log());
    CHECK(classes(c).empty());
    CHECK(phenomena(c).empty());
}

TEST_CASE("the classification cache keeps two generations of graphs and finds each graph's cycles in either") {
    // Each graph's findings are worked out by hand: a lost update (G-single,
    // P4), a write skew (G2-item, A5B), circular information flow (G1c), and
    // a dirty write cycle (G0); the acyclic graph is neither looked up nor kept.
    using C = AnomalyClass;
    const std::vector<DepEdge> lost{item(T1, T2, DepType::RW, X), item(T2, T1, DepType::WW, X)};
    const std::vector<DepEdge> skew{item(T1, T2, DepType::RW, X), item(T2, T1, DepType::RW, Y)};
    const std::vector<DepEdge> flow{item(T1, T2, DepType::WR, X), item(T2, T1, DepType::WR, Y)};
    const std::vector<DepEdge> dirty{item(T1, T2, DepType::WW, X), item(T2, T1, DepType::WW, Y)};
    const std::vector<DepEdge> acyclic{item(T1, T2, DepType::RW, X)};
    const auto classesOf = [](const GraphFindings& g) {
        std::vector<C> out;
        for (const CycleWitness& w : g.cycles) out.push_back(w.cls);
        return out;
    };
    const auto shapesOf = [](const GraphFindings& g) {
        std::vector<Phenomenon> out;
        for (const ShapeWitness& w : g.shapes) out.push_back(w.ph);
        return out;
    };
    ClassificationCache cache(2);  // generations of two graphs
    CHECK(cache.of(acyclic).cycles.empty());
    CHECK(cache.size() == 0);
    CHECK(classesOf(cache.of(lost)) == std::vector{C::GSingle});
    CHECK(shapesOf(cache.of(lost)) == std::vector{Phenomenon::P4});
    CHECK(classesOf(cache.of(skew)) == std::vector{C::G2Item});
    CHECK(shapesOf(cache.of(skew)) == std::vector{Phenomenon::A5B});
    CHECK(cache.size() == 2);
    // The newer generation is full: it becomes the older, {lost, skew}.
    CHECK(classesOf(cache.of(flow)) == std::vector{C::G1c});
    CHECK(cache.size() == 3);
    // Found in the older generation, `lost` moves to the newer: {flow, lost}, {skew}.
    const GraphFindings& again = cache.of(lost);
    CHECK(classesOf(again) == std::vector{C::GSingle});
    CHECK(again.cycles.front().edges == lost);
    CHECK(cache.size() == 3);
    // Full again: {flow, lost} becomes the older and `skew` is dropped.
    CHECK(classesOf(cache.of(dirty)) == std::vector{C::G0});
    CHECK(cache.size() == 3);
    // Dropped graphs are classified anew, the same.
    CHECK(classesOf(cache.of(skew)) == std::vector{C::G2Item});
    CHECK(cache.size() <= 4);
}

}  // namespace isocheck
