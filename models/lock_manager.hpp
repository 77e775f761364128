#pragma once
// The lock manager shared by every model that locks: S and X item locks and
// long predicate locks, kept in State (Gray et al. 1976; Eswaran et al. 1976
// for predicate locks). A request conflicts with the current holders, and the
// caller turns the conflicting set into a wait. Exploration has no lock
// queues (SPEC 2): only a transcript's sent requests that wait queue, for
// the engines that grant in order (State::queue).

#include <cstdint>
#include <string>
#include <string_view>

#include "execution/state.hpp"
#include "history/history.hpp"

namespace isocheck {

enum class LockMode : std::uint8_t { Shared, Exclusive };

/// Other transactions holding item locks on k that conflict with `mode`, and
/// those whose queued requests for k, sent before t's, conflict with it.
[[nodiscard]] std::uint64_t itemConflicts(const State& s, TxnId t, KeyId k, LockMode mode);

/// Those of itemConflicts that come from the queue: transactions whose
/// requests for k, sent before t's and not granted yet, conflict with `mode`
/// (none when t already holds what it asks for).
[[nodiscard]] std::uint64_t queuedConflicts(const State& s, TxnId t, KeyId k, LockMode mode);

/// "write lock on x" (`what` on k), and ", or a request for it sent before"
/// when queued requests are among what t waits for: for explanations.
[[nodiscard]] std::string lockOn(const History& h, const State& s, TxnId t, KeyId k, LockMode mode,
                                 std::string_view what);

/// Queues t's sent request for `rows` in `mode` (a transcript's waiting step).
void enqueue(State& s, TxnId t, std::uint64_t rows, LockMode mode);

/// InnoDB: whether k has an index record: a version that exists, or the
/// delete of a transaction still live (the record stays, delete-marked,
/// until its transaction ends; after that, purge removes it).
[[nodiscard]] bool hasRecord(const State& s, KeyId k);

/// InnoDB's gap locks (repeatable read, serializable): a lock on a key
/// without a record is a lock on the gap where that key would go, taken in
/// S mode here, since gap locks never conflict with one another. An insert
/// of k conflicts with the locks other transactions hold on any key without
/// a record in the same gap as k: none with a record lies between them in
/// primary-key order (of the key names). Those transactions.
[[nodiscard]] std::uint64_t gapConflicts(const History& h, const State& s, TxnId t, KeyId k);

/// InnoDB sends t's scan (a predicate read or write), which waits (a
/// transcript): it goes through the rows in primary-key order (of the key
/// names) until it comes to a row it must wait for, whose request it
/// queues. With `every` (repeatable read and serializable: next-key locks)
/// it locks every row it passes, in `mode`. Without (a predicate write
/// below repeatable read) it locks each row it selects and passes each it
/// does not: an UPDATE judges a row another transaction holds on its newest
/// committed version (the "semi-consistent read") and waits only when that
/// matches, a DELETE waits for any row held; the rows passed are noted in
/// TxnState::scanPassed, and the statement does not come back to them.
void sendInnodbScan(const History& h, State& s, TxnId t, bool every, LockMode mode);

/// Removes t's queued requests: granted (t stepped) or withdrawn (t ended).
void dequeue(State& s, TxnId t);

void acquire(State& s, TxnId t, KeyId k, LockMode mode);

/// Other transactions' long predicate locks that a write of k by t conflicts
/// with: their predicate matches the before- or the after-image.
[[nodiscard]] std::uint64_t predicateLockConflicts(const History& h, const State& s, TxnId t,
                                                   const Version& before, const Version& after);

/// Other live transactions that wrote a row whose before-image (the version
/// before their first write of it) or after-image (their newest version)
/// satisfies `p`: a predicate lock on p conflicts with their X locks.
[[nodiscard]] std::uint64_t pendingWriteConflicts(const History& h, const State& s, TxnId t,
                                                  PredicateId p);

void addPredicateLock(State& s, TxnId t, PredicateId p);

/// SSI's predicate read-marker of t on p, kept after t commits.
void addPredicateMarker(State& s, TxnId t, PredicateId p);

/// Releases t's item locks and long predicate locks (commit or abort).
void releaseLocks(State& s, TxnId t);

/// Names of the transactions in a set: "T1", "T1 and T2", "T1, T2 and T3".
[[nodiscard]] std::string namesOf(const History& h, std::uint64_t txns);

}  // namespace isocheck
