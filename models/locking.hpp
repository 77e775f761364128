#pragma once
// The locking engine behind read-uncommitted, read-committed, repeatable-read
// and serializable: one mechanism, four lock-duration policies, as Gray,
// Lorie, Putzolu and Traiger (1976) define degrees 1 to 3 and Berenson et al.
// (1995, Table 2) define the locking isolation levels.
//
// Every write (w, u, d) and locking read (r for update) takes a long X lock;
// a predicate write (update where, delete where) takes long X locks on the
// rows it writes and a long predicate lock.
// Reads, predicate reads and the row locks of predicate reads differ only in
// how long their locks are held: not at all, for the moment of the read
// (short), or to the end of the transaction (long). A read that takes a
// lock sees the newest committed version or its own; one that takes none
// sees the newest version, committed or not.
//
// Each operation's rule is written once, as a handler over `S` = const State
// (decide: checks only) or State (apply: checks, then effects).

#include <optional>

#include "models/lock_manager.hpp"
#include "models/model.hpp"

namespace isocheck {

enum class LockDuration : std::uint8_t { None, Short, Long };

struct LockingPolicy {
    LockDuration itemRead;       ///< S lock of `r K`
    LockDuration predicate;      ///< predicate lock of `select where ...`
    LockDuration predicateRows;  ///< S locks on the rows a predicate read returns
    VictimRule victim = VictimRule::LastInFile;
    /// Lock requests are granted in the order they were sent (InnoDB, SQL
    /// Server): only a transcript's sent requests queue.
    bool lockQueues = false;
    /// InnoDB's serializable: a predicate read or write scans the whole
    /// table (Hermitage's has no index on `value`) and keeps next-key locks
    /// on every row and gap it scanned, S for a query and X for an UPDATE or
    /// DELETE: a lock on every key, instead of a predicate lock.
    bool scanLocksAll = false;
    /// InnoDB's read uncommitted (locking as its read committed): a DELETE
    /// with a WHERE clause waits for every locked row it scans; an UPDATE
    /// reads a locked row's newest committed version ("semi-consistent")
    /// and waits only when that one matches. Either keeps only the locks of
    /// the rows it changed: no predicate lock.
    bool innodbScan = false;
    /// InnoDB's read uncommitted locks index records and no gaps: a locking
    /// read or a delete that, once the row's lockers ended, finds no row
    /// locks nothing and reads the row's absence.
    bool recordLocks = false;
    /// InnoDB's serializable: a lock on a key without a record is a gap
    /// lock (lock_manager.hpp, gapConflicts): a locking read or a delete of
    /// a missing row takes one, never waits, and reads the row's absence; an
    /// insert waits for the gap locks of others in its gap; a scan locks
    /// the gaps it passes in S mode.
    bool gapLocks = false;
};

class LockingModel final : public IsolationModel {
public:
    explicit LockingModel(LockingPolicy p) : policy_(p) {}
    [[nodiscard]] Decision decide(const History& h, const State& s, TxnId t,
                                  bool explain) const override;
    void apply(const History& h, State& s, Log& log, TxnId t) const override;
    [[nodiscard]] bool readsLatest() const override { return readsUncommitted(); }
    [[nodiscard]] bool writesUnseen() const override { return !readsUncommitted(); }
    [[nodiscard]] VictimRule victim() const override { return policy_.victim; }
    void sendWaiting(const History& h, State& s, const Log& log, TxnId t) const override;
    bool progress(const History& h, State& s, const Log& log, TxnId t) const override;

private:
    /// An InnoDB model (its victims by weight): it notes its lock structures.
    [[nodiscard]] bool innodb() const { return policy_.victim == VictimRule::Lightest; }
    template <class S>
    Decision step(const History& h, S& s, Log* log, TxnId t, bool explain) const;
    template <class S>
    Decision read(const History& h, S& s, Log* log, TxnId t, bool explain) const;
    template <class S>
    Decision write(const History& h, S& s, Log* log, TxnId t, bool explain) const;
    /// InnoDB: a locking read or delete that finds no row to change at
    /// chain[index] reads the row's absence, taking `lock` (a gap lock,
    /// kept as S, or a delete-marked record's X) or nothing.
    template <class S>
    Decision absentRow(const History& h, S& s, Log* log, TxnId t, std::size_t index,
                       std::optional<LockMode> lock) const;
    template <class S>
    Decision predicateRead(const History& h, S& s, Log* log, TxnId t, bool explain) const;
    template <class S>
    Decision predicateWrite(const History& h, S& s, Log* log, TxnId t, bool explain) const;
    [[nodiscard]] bool readsUncommitted() const { return policy_.itemRead == LockDuration::None; }

    LockingPolicy policy_;
};

}  // namespace isocheck
