#pragma once
// The multiversion engine behind read-committed-snapshot, snapshot and
// serializable-snapshot: reads are served from the version store at a
// snapshot and never wait; writes take row locks (or, with
// first-committer-wins, none).
//
//  * read-committed-snapshot: a fresh snapshot per operation, as PostgreSQL's
//    and Oracle's read committed; a writer that waited proceeds on the newest
//    committed version (PostgreSQL's EvalPlanQual re-check).
//  * snapshot: one snapshot per transaction, taken when its first operation
//    takes effect; first-updater-wins (Berenson et al. 1995, 4.2; PostgreSQL's
//    REPEATABLE READ) or, as an option, first-committer-wins.
//  * serializable-snapshot: snapshot plus the rw-conflict flags of Cahill,
//    Röhm and Fekete (SIGMOD 2008), basic algorithm.
//
// Retention (snapshot too old, as Oracle's ORA-01555): only the newest N
// committed versions of a row are kept; a snapshot read of an older one
// aborts its transaction.

#include <optional>
#include <vector>

#include "models/lock_manager.hpp"
#include "models/model.hpp"
#include "models/ssi.hpp"

namespace isocheck {

/// Which row locks a predicate write (update where, delete where) waits for.
enum class ScanWaits : std::uint8_t {
    Selected,  ///< only those of the rows it selects (PostgreSQL, Oracle, SQL Server)
    Deletes,   ///< InnoDB's read committed: a delete waits for every locked row it scans,
               ///< an update reads the newest committed version of a locked row instead
               ///< ("semi-consistent read") and waits only for the rows it selects
    Every,     ///< InnoDB's repeatable read: every locked row it scans, and it keeps
               ///< X locks on every row and gap it scanned (next-key locks): every key
};

struct MultiversionPolicy {
    bool statementSnapshot = false;  ///< read-committed-snapshot
    bool firstCommitterWins = false; ///< snapshot option
    bool ssi = false;                ///< serializable-snapshot
    /// With `ssi`: PostgreSQL's certifier instead of Cahill's basic
    /// algorithm (models/postgres_ssi.hpp), and predicate reads that lock
    /// the whole relation, as a sequential scan does.
    bool postgresSsi = false;
    /// InnoDB's repeatable read: writes, updates and locking reads act on
    /// the newest committed version of their row (a "current read") after
    /// waiting for its lock, with no first-updater-wins check.
    bool latestWrites = false;
    /// InnoDB: the transaction snapshot (read view) is taken by its first
    /// plain read, not by its first statement.
    bool snapshotAtFirstRead = false;
    /// Oracle's `one-block`: first-updater-wins looks at the whole block,
    /// every row of the history: a write fails after a change to any row
    /// committed since the snapshot.
    bool blockConflicts = false;
    /// Which locked rows a predicate write waits for: InnoDB, which scans a
    /// table without an index, locks every row it reads.
    ScanWaits scanWaits = ScanWaits::Selected;
    /// PostgreSQL's read committed: a statement takes its snapshot when it
    /// is sent; a predicate write that waited re-checks the predicate on
    /// the newest version of each row it selected on that snapshot
    /// (EvalPlanQual), instead of selecting afresh. Only a transcript sends
    /// a statement before it takes effect.
    bool recheckAfterWait = false;
    /// PostgreSQL locks tuples, not keys: a locking read (`r K for update`)
    /// or a delete (`d K`) that finds no row visible to its statement, or,
    /// under read committed, none left once the row's lockers ended, locks
    /// nothing, waits for nothing and reads the row's absence (the delete
    /// writes nothing). Writes and updates still lock the key: an insert's
    /// unique-index check waits for the row's other writers.
    bool tupleLocks = false;
    /// InnoDB's read committed locks index records and no gaps: a locking
    /// read or a delete that, once the row's lockers ended, finds no row
    /// (none, or one whose delete committed) locks nothing and reads the
    /// row's absence. Writes and updates still lock the key (the record
    /// they insert).
    bool recordLocks = false;
    /// InnoDB's repeatable read: a lock on a key without a record is a gap
    /// lock (lock_manager.hpp, gapConflicts): a locking read or a delete of
    /// a missing row takes one, never waits, and reads the row's absence; an
    /// insert waits for the gap locks of others in its gap; a scan locks
    /// the gaps it passes (S) and the records (X).
    bool gapLocks = false;
    /// Lock requests are granted in the order they were sent (InnoDB, SQL
    /// Server): only a transcript's sent requests queue.
    bool lockQueues = false;
    /// Oracle: a transaction declared read-only sees the data committed when
    /// it began, at every statement, under read committed too.
    bool readOnlyTransactionSnapshot = false;
    VictimRule victim = VictimRule::LastInFile;
    unsigned retention = 0;          ///< 0 = keep every version
    /// SSI: forget what no step can test any more after every step
    /// (ssi.hpp); off only to test that forgetting changes no finding.
    bool forgetUntestable = true;
};

class MultiversionModel final : public IsolationModel {
public:
    explicit MultiversionModel(MultiversionPolicy p) : policy_(p) {}
    [[nodiscard]] Decision decide(const History& h, const State& s, TxnId t,
                                  bool explain) const override;
    void apply(const History& h, State& s, Log& log, TxnId t) const override;
    /// Under SSI, both also forget the flags and markers no step can test any more (forget).
    void abort(const History& h, State& s, Log& log, TxnId t, AbortCause cause,
               bool scheduled) const override;
    [[nodiscard]] bool markersInert(const History& h, const State& s, TxnId t) const override;
    [[nodiscard]] bool readsInert(const History& h, const State& s, TxnId t, std::uint64_t rows) const override;
    void sendWaiting(const History& h, State& s, const Log& log, TxnId t) const override;
    bool progress(const History& h, State& s, const Log& log, TxnId t) const override;
    [[nodiscard]] bool meetsAnywhere() const override {
        return forgets() || (policy_.postgresSsi && policy_.forgetUntestable);
    }
    [[nodiscard]] VictimRule victim() const override { return policy_.victim; }
    [[nodiscard]] Footprint future(const History& h, TxnId t, std::size_t pc,
                                   bool started) const override;

private:
    /// An InnoDB model (its victims by weight): it notes its lock structures.
    [[nodiscard]] bool innodb() const { return policy_.victim == VictimRule::Lightest; }
    /// Whether SSI forgets what no step can test (Cahill's flags only; not
    /// with predicate writes, which ssi.cpp's conditions do not cover).
    [[nodiscard]] bool forgets() const { return policy_.ssi && !policy_.postgresSsi && policy_.forgetUntestable; }
    [[nodiscard]] bool forgets(const History& h) const { return forgets() && !h.hasPredicateWrites(); }
    /// Whether t reads a snapshot per statement: the policy's, but for a
    /// transaction declared read-only under readOnlyTransactionSnapshot.
    [[nodiscard]] bool statementSnapshot(const History& h, TxnId t) const;
    [[nodiscard]] std::uint32_t snapshotOf(const History& h, const State& s, TxnId t) const;
    /// begin(), with the snapshot where the policy takes it (`read`: the
    /// step is a plain read), and what PostgreSQL's certifier notes when t starts.
    void start(const History& h, State& s, TxnId t, bool read) const;
    /// Whether t's next step, a plain read when `read`, takes its transaction snapshot.
    [[nodiscard]] bool takesSnapshot(const History& h, const State& s, TxnId t, bool read) const;
    /// The conflicts of an operation: whether they make t fail (`f`
    /// gains what the decision tests and what recording them changes).
    /// Whether a failure of conflictsFail() stays a failure whatever others do.
    [[nodiscard]] bool failsInevitably(const History& h, const State& s, TxnId t,
                                       const RwConflicts& conflicts) const;
    [[nodiscard]] bool conflictsFail(const History& h, const State& s, TxnId t,
                                     const RwConflicts& conflicts, Footprint& f) const;
    void recordConflicts(const History& h, State& s, TxnId t, const RwConflicts& conflicts) const;
    /// Why an operation's conflicts fail it, after what it does ("reading x").
    [[nodiscard]] std::string pivotWhy(std::string_view committed) const;
    /// What every step of t reads besides its own rows: the commit clock,
    /// when it is t's first and takes a transaction snapshot.
    [[nodiscard]] Footprint base(const History& h, const State& s, TxnId t, bool read = false) const;
    [[nodiscard]] Footprint base(const History& h, TxnId t, bool started) const;
    /// What a read of `keys` observes besides the snapshot (item or predicate).
    [[nodiscard]] Footprint readObserves(std::uint64_t keys) const;
    /// What a write, update, delete or locking read observes of its row.
    [[nodiscard]] Footprint writeObserves(const Op& op) const;
    template <class S>
    Decision step(const History& h, S& s, Log* log, TxnId t, bool explain) const;
    template <class S>
    Decision read(const History& h, S& s, Log* log, TxnId t, bool explain) const;
    template <class S>
    Decision write(const History& h, S& s, Log* log, TxnId t, bool explain) const;
    /// Whether SSI notes what `op` reads (a SIREAD lock, conflicts out).
    [[nodiscard]] bool ssiReads(const History& h, const Op& op) const;
    /// PostgreSQL's UPDATE or DELETE with a WHERE clause, sent: the locks of
    /// the rows it selects, in heap order, up to the first another holds;
    /// whether it took one.
    bool postgresScan(const History& h, State& s, const Log& log, TxnId t) const;
    /// The version of t's row that t's current statement finds: under a
    /// statement snapshot, the newest committed one when the statement
    /// was sent (or now); else the transaction snapshot's.
    [[nodiscard]] std::size_t foundVersion(const History& h, const State& s, TxnId t, KeyId k) const;
    /// foundVersion of every row: the Vset of t's current scan.
    [[nodiscard]] std::vector<std::size_t> foundVersions(const History& h, const State& s, TxnId t) const;
    /// A locking read or delete that found no row at chain[index]: it locks
    /// nothing (tupleLocks, recordLocks), or takes `lock` on its key: the
    /// gap's (gapLocks, no record; kept as S) or the delete-marked record's X.
    template <class S>
    Decision missingRow(const History& h, S& s, Log* log, TxnId t, std::size_t index, Decision d,
                        bool explain, std::optional<LockMode> lock = std::nullopt) const;
    template <class S>
    Decision predicateRead(const History& h, S& s, Log* log, TxnId t, bool explain) const;
    template <class S>
    Decision predicateWrite(const History& h, S& s, Log* log, TxnId t, bool explain) const;
    template <class S>
    Decision commit(const History& h, S& s, Log* log, TxnId t, bool explain) const;

    MultiversionPolicy policy_;
};

}  // namespace isocheck
