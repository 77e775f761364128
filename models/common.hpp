#pragma once
// The effects every model shares: beginning a transaction, logging what an
// operation observed, installing a write, committing and aborting. Models
// decide *whether* an operation may run; these helpers carry it out the same
// way for all of them, so the log means the same thing under every model.

#include <string>

#include "explore/state.hpp"
#include "history/history.hpp"

namespace isocheck {

/// Starts t if this is its first effective operation (snapshot = commits so far).
void begin(State& s, TxnId t);

/// Logs an item read of chain[index] of k by t and binds k.
void logRead(const History& h, State& s, TxnId t, KeyId k, std::size_t index);

/// Installs t's write of k (`exists` false for a delete), logs it and binds k.
/// `replaced` is the chain index of the version the write supersedes as the
/// writer sees it; P0 is noted when that version belongs to another live
/// transaction (specs/semantics.md, reading D4).
void logWrite(State& s, TxnId t, KeyId k, std::size_t replaced, bool exists, Value value);

/// Logs a predicate read of p by t that observed chain[vset[k]] of every row.
void logPredicateRead(const History& h, State& s, TxnId t, PredicateId p,
                      const std::vector<std::size_t>& vset);

/// What t's current write, update or delete of its row installs: a tombstone
/// for `d`; for `w K = E`, E with t's bindings; for `u K = E`, E with K bound
/// to `read`, the version the update reads.
[[nodiscard]] Version afterImage(const History& h, const State& s, TxnId t, const Version& read);

/// Commits t: commit position, releases locks, logs, advances.
void commitTxn(State& s, TxnId t);

/// Aborts t: removes its versions and locks, logs (scheduled or not), advances.
void abortTxn(State& s, TxnId t, AbortCause cause, bool scheduled);

/// Advances t past its current operation.
void advance(State& s, TxnId t);

/// `T2 op 2 "w x = x + 1"`, for wait and abort explanations.
[[nodiscard]] std::string describeOp(const History& h, const State& s, TxnId t);

}  // namespace isocheck
