#pragma once
// The effects every model shares: beginning a transaction, logging what an
// operation observed, installing a write, committing and aborting, and the
// footprint of ending a transaction. Models decide *whether* an operation
// may run; these helpers carry it out the same way for all of them, so the
// log means the same thing under every model.

#include <string>
#include <type_traits>

#include "execution/state.hpp"
#include "history/history.hpp"
#include "models/model.hpp"

namespace isocheck {

/// In a model's handler written once for deciding (const State) and
/// applying (State): whether this instance applies.
template <class S>
inline constexpr bool kApplies = !std::is_const_v<S>;

/// Starts t if this is its first effective operation; `snapshot`: it takes
/// a transaction snapshot (the commits so far).
void begin(State& s, TxnId t, bool snapshot);

/// Logs an item read of chain[index] of k by t and binds k.
void logRead(State& s, Log& log, TxnId t, KeyId k, std::size_t index);

/// Installs t's write of k (`exists` false for a delete), logs it and binds k.
/// `replaced` is the chain index of the version the write supersedes as the
/// writer sees it; P0 is noted when that version belongs to another live
/// transaction (specs/semantics.md, reading D4).
void logWrite(State& s, Log& log, TxnId t, KeyId k, std::size_t replaced, bool exists,
              Value value);

/// Logs t's current operation as skipped (its guard did not hold) and
/// advances; the caller begins t first (SPEC 3.1: a skipped first operation
/// starts its transaction).
void logSkip(State& s, Log& log, TxnId t);

/// Logs a predicate read of p by t that observed chain[vset[k]] of every row.
void logPredicateRead(const History& h, State& s, Log& log, TxnId t, PredicateId p,
                      const std::vector<std::size_t>& vset);

/// The rows t's current predicate write (`update where P ...`, `delete where
/// P`) selects when it sees chain[vset[k]] of every row: those whose version
/// satisfies P (SPEC 1.1: absent rows and null never do).
[[nodiscard]] std::uint64_t selectedRows(const History& h, const State& s, TxnId t,
                                         const std::vector<std::size_t>& vset);

/// What t's current predicate write installs over `before`: a tombstone for
/// `delete where`, E with `value` bound to before's value for `update where`.
[[nodiscard]] Version predicateAfterImage(const History& h, const State& s, TxnId t,
                                          const Version& before);

/// Logs t's current predicate write as what it is, a predicate read of
/// chain[vset[k]] of every row followed, for each selected row in key order,
/// by the item operation it performs on chain[vset[k]]: `u K = E` (a read
/// and a write) for `update where`, `d K` for `delete where`. The caller has
/// taken the locks; this installs the versions and advances. Rows in
/// `skipped` are not written even where their version satisfies P.
void logPredicateWrite(const History& h, State& s, Log& log, TxnId t,
                       const std::vector<std::size_t>& vset, std::uint64_t skipped = 0);

/// What t's current write, update or delete of its row installs: a tombstone
/// for `d`; for `w K = E`, E with t's bindings; for `u K = E`, E with K bound
/// to `read`, the version the update reads.
[[nodiscard]] Version afterImage(const History& h, const State& s, TxnId t, const Version& read);

/// Commits t: commit position, releases locks, logs, advances.
void commitTxn(State& s, Log& log, TxnId t);

/// Aborts t: removes its versions and locks, logs (scheduled or not), advances.
void abortTxn(State& s, Log& log, TxnId t, AbortCause cause, bool scheduled);

/// Advances t past its current operation.
void advance(State& s, TxnId t);

/// What ending t (commit or abort) changes that others observe: every row
/// where t has a version or an X lock (committed state for a commit, only
/// uncommitted state for an abort); as a read (seen only by writers), every
/// row where t has an S lock or a SIREAD marker, and every row when t holds
/// a predicate lock or read-marker (they match any row).
[[nodiscard]] Footprint endFootprint(const State& s, TxnId t, bool commit);

/// Whether t holds nothing whose release others observe: no version, lock,
/// SIREAD marker or predicate lock or read-marker (endFootprint is empty),
/// found without looking at the rows' versions.
[[nodiscard]] bool holdsNothing(const State& s, TxnId t);
/// Whether t holds nothing but SSI read markers (SIREAD, predicate read-markers).
[[nodiscard]] bool holdsOnlyMarkers(const State& s, TxnId t);

/// Every row transaction t may ever touch: the keys of its operations, and
/// every key when it has a predicate read or write.
[[nodiscard]] std::uint64_t touchedKeys(const History& h, TxnId t);

/// Every key of h.
[[nodiscard]] std::uint64_t allKeys(const History& h);

/// `T2 op 2 "w x = x + 1"`, for wait and abort explanations.
[[nodiscard]] std::string describeOp(const History& h, const State& s, TxnId t);

/// A wait on `holders`; `what` (e.g. "lock on x") is only evaluated to explain.
template <class What>
[[nodiscard]] Decision waitOn(const History& h, const State& s, TxnId t, std::uint64_t holders,
                              bool explain, What what);

/// An abort with `cause`; `why` is only evaluated to explain. The footprint
/// is `read` (what the decision looked at) plus what the abort changes.
template <class Why>
[[nodiscard]] Decision abortWith(const History& h, const State& s, TxnId t, AbortCause cause,
                                 Footprint read, bool explain, Why why) {
    Decision d;
    d.kind = Decision::Kind::Aborts;
    d.cause = cause;
    d.footprint = read;
    d.footprint |= endFootprint(s, t, false);
    if (explain) d.why = describeOp(h, s, t) + ": " + why();
    return d;
}

}  // namespace isocheck

#include "models/lock_manager.hpp"

namespace isocheck {

template <class What>
Decision waitOn(const History& h, const State& s, TxnId t, std::uint64_t holders, bool explain,
                What what) {
    Decision d;
    d.kind = Decision::Kind::Waits;
    d.waitsFor = holders;
    if (explain) d.why = describeOp(h, s, t) + " waits for " + namesOf(h, holders) + " (" + what() + ')';
    return d;
}

}  // namespace isocheck
