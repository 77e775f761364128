#pragma once
// Hermitage's probes that are neither an Adya class nor a Berenson phenomenon
// (specs/engines/README.md, "Probes"), after Bailis et al., "Highly
// Available Transactions" (VLDB 2014), judged on one complete execution.
// Like G1 and G2 they speak of committed transactions: the observer must
// commit, and only committed versions have a place in the version order.
//
//  * OTV, observed transaction vanishes: a committed T reads a version
//    written by another transaction U, and later reads a row U wrote and
//    gets a version older than U's: U's effects, once seen, vanish.
//  * PMP, predicate-many-preceders: a committed T evaluates two predicate
//    reads, and some row's versions they observed (neither T's own) differ
//    in whether they match both predicates (Adya's "change the matches",
//    on the predicates' overlap): the two reads saw different sets of
//    transactions before them.

#include <optional>
#include <string>

#include "anomaly/result.hpp"
#include "execution/state.hpp"
#include "history/history.hpp"

namespace isocheck {

/// What shows OTV in the execution, in words, or nothing.
[[nodiscard]] std::optional<std::string> observedTransactionVanishes(const History& h, const State& s,
                                                                    const Log& log);

/// What shows PMP in the execution, in words, or nothing.
[[nodiscard]] std::optional<std::string> predicateManyPreceders(const History& h, const State& s,
                                                               const Log& log);

/// The witness of `probe` (a class or phenomenon code, OTV or PMP) in m, or
/// null when no execution of m exhibits it.
[[nodiscard]] const Trace* probeWitness(const ModelResult& m, std::string_view probe);

}  // namespace isocheck
