#pragma once
// Printing dependency edges and cycles, for reports and for the plain-word
// details of findings. One printer, so every output spells an edge the same.
//
// Notation (SPEC section 3): `T1 -rw[x]-> T2 -ww[x]-> T1`. A predicate edge
// names its predicate before the row: `T1 -rw[value > 5: x]-> T2`.

#include <string>
#include <string_view>
#include <vector>

#include "graph/dsg.hpp"
#include "history/history.hpp"

namespace isocheck {

/// "ww", "wr" or "rw", as in SPEC section 5 (`"type": "rw"`).
[[nodiscard]] std::string_view depTypeName(DepType t);

/// The transaction's name from History::txns ("T1").
[[nodiscard]] const std::string& txnName(const History& h, TxnId t);

/// The edge's label between the arrows: `rw[x]` or `rw[value > 5: x]`.
[[nodiscard]] std::string formatEdgeLabel(const History& h, const DepEdge& e);

/// A cycle as `T1 -rw[x]-> T2 -ww[x]-> T1`; empty for no edges.
[[nodiscard]] std::string formatCycle(const History& h, const std::vector<DepEdge>& cycle);

/// One edge in plain words, e.g. `T2 overwrote the version of x that T1 read`.
[[nodiscard]] std::string describeEdge(const History& h, const DepEdge& e);

/// Every edge of a cycle in plain words, joined by "; ".
[[nodiscard]] std::string describeCycle(const History& h, const std::vector<DepEdge>& cycle);

}  // namespace isocheck
