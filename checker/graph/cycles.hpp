#pragma once
// Cycles of a DSG and their Adya classes (Adya 1999, sections 3.1.3, 3.2,
// 4.1.3; D3 of specs/semantics.md). The edges go into a Boost.Graph
// adjacency list, its strongly connected components are found with
// boost::strong_components, and the simple cycles inside each component are
// enumerated once. Between two consecutive transactions of a cycle any of
// their edges may be chosen, so one cycle of transactions can have several
// classes; a tiny dynamic programme over (rw edges capped at 2, some wr edge,
// some predicate rw edge) finds them all without enumerating edge choices.
//
// Order of calls: buildDependencyEdges (dsg.hpp), then findCycleClasses.

#include <vector>

#include "theory/catalogue.hpp"
#include "graph/dsg.hpp"

namespace isocheck {

/// A shortest simple cycle of one class.
struct CycleWitness {
    AnomalyClass cls = AnomalyClass::G0;
    std::vector<DepEdge>
        edges;  ///< edges[i].to == edges[i+1].from; starts at its smallest transaction
    bool operator==(const CycleWitness&) const = default;
};

/// The class of a cycle of edges (D3): no rw and no wr -> G0; no rw, some wr
/// -> G1c; exactly one rw -> G-single; two or more rw, all item -> G2-item;
/// two or more rw, some predicate -> G2.
[[nodiscard]] AnomalyClass cycleClass(const std::vector<DepEdge>& cycle);

/// For each of G0, G1c, G-single, G2-item and G2 that some simple cycle of the
/// graph has: a shortest such cycle, ties broken by the lexicographically
/// smallest edge sequence. In catalogue order. `edges` need not be sorted;
/// self edges are ignored.
[[nodiscard]] std::vector<CycleWitness> findCycleClasses(const std::vector<DepEdge>& edges);

}  // namespace isocheck
