#pragma once
// The lock manager shared by every model that locks: S and X item locks and
// long predicate locks, kept in State (Gray et al. 1976; Eswaran et al. 1976
// for predicate locks). A request conflicts with the current holders, and the
// caller turns the conflicting set into a wait. Exploration has no lock
// queues (SPEC 2): only a transcript's sent requests that wait queue, for
// the engines that grant in order (State::queue).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// Queues t's sent request for `rows` in `mode` (a transcript's waiting
/// step); `nextKey`: InnoDB's next-key request of a scan.
void enqueue(State& s, TxnId t, std::uint64_t rows, LockMode mode, bool nextKey = false);

/// InnoDB's lock structures. A transaction holds one per table lock and,
/// for records, one per page and kind of lock, whatever the rows (a table of
/// a few rows has one page); InnoDB's deadlock weight (TRX_WEIGHT: undo
/// records plus lock structures, VictimRule::Lightest) counts them. Bits of
/// TxnState::innodbLocks.
enum InnodbLock : std::uint16_t {
    kTableIX = 1U << 0,        ///< a write or a locking read
    kTableIS = 1U << 1,        ///< serializable's locking plain read
    kRecordX = 1U << 2,        ///< X, record only: a write or locking read by primary key; below repeatable read, every row lock
    kRecordS = 1U << 3,        ///< S, record only: serializable's read by primary key
    kNextKeyX = 1U << 4,       ///< X next-key: an UPDATE or DELETE scan at repeatable read or serializable
    kNextKeyS = 1U << 5,       ///< S next-key: serializable's scanning query
    kGapX = 1U << 6,           ///< X on a gap: a locking read, delete or update by primary key that found no record
    kGapS = 1U << 7,           ///< S on a gap: serializable's read by primary key that found no record
};

/// Notes that t holds lock structures of `kinds` (InnodbLock bits). While t
/// has a request queued (the statement waited), a row lock of a kind it
/// already holds is a structure of its own (TxnState::extraLocks).
void noteInnodbLocks(State& s, TxnId t, std::uint16_t kinds);

/// InnoDB: t comes to wait for k. When k's holder inserted it, its lock was
/// implicit (no structure) until now: InnoDB makes it explicit, a record X
/// structure of the holder's (lock_rec_convert_impl_to_expl).
void convertImplicit(State& s, TxnId t, KeyId k);

/// InnoDB: whether k has an index record: a version of it exists or did
/// (a delete leaves the record, delete-marked, until purge removes it, in
/// the background, well after the few statements of a history: here never;
/// a rolled-back insert removes its record at once).
[[nodiscard]] bool hasRecord(const State& s, KeyId k);

/// InnoDB: the keys without an index record (hasRecord), as a bit set.
[[nodiscard]] std::uint64_t keysWithoutRecord(const State& s);

/// InnoDB: the keys in primary-key order (of the key names), as a scan of
/// the clustered index meets them.
[[nodiscard]] std::vector<KeyId> primaryKeyOrder(const History& h);

/// InnoDB's lock structures of a write, update, locking read or delete of
/// k by primary key, decided before it changes k: the table's IX and the
/// record's lock; an insert into a gap (`gap`) has none of its own (its
/// lock is implicit) but, where an UPDATE by primary key came first (k of
/// [initial], specs/live.md) and found nothing, that UPDATE's gap lock.
[[nodiscard]] std::uint16_t innodbRowLocks(const History& h, const State& s, KeyId k, bool gap);

/// InnoDB's lock structures of a locking read or delete that found no row:
/// the table's IX and the lock it took, a gap lock (kept as S) or the
/// delete-marked record's X, if any.
[[nodiscard]] std::uint16_t innodbAbsentLocks(std::optional<LockMode> lock);

/// Queues t's sent request for row k (a transcript's waiting item step);
/// with `innodb`, its statement's table lock first (IS for S, IX for X)
/// and the conversion of an insert's implicit lock (convertImplicit).
void queueRowRequest(State& s, TxnId t, KeyId k, LockMode mode, bool innodb);

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

/// The next-key scan sendInnodbScan sent for t (`every`), once the row it
/// queued for is free: takes it and goes on to the next row held, whose
/// request it queues. Whether it went on.
bool progressInnodbScan(const History& h, State& s, TxnId t, LockMode mode);

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
