#pragma once
// The two halves of an execution in progress. State is its configuration:
// what decides the future (transactions' positions and bindings, rows,
// locks, SSI markers and flags, the commit clock) and nothing that depends
// on the order in which commuting steps were taken, so two interleavings of
// commuting steps reach equal States (specs/exploration.md). Log is the
// append-only record beside it of what every operation observed; its
// scheduled events, in order, are the schedule (SPEC 1.3), and
// deadlock-victim aborts are logged unscheduled. Models hold no
// per-execution data: everything lives in these two.

#include <cstdint>
#include <string>
#include <vector>

#include "execution/footprint.hpp"
#include "history/history.hpp"

namespace isocheck {

inline constexpr TxnId kInitialWriter = 0xFFFF;  ///< writer of a row's initial version

/// A version is identified by its writer and which of that writer's writes it is.
struct VersionId {
    TxnId writer = kInitialWriter;
    std::uint16_t seq = 0;
    auto operator<=>(const VersionId&) const = default;
};

struct Version {
    VersionId id;
    bool exists = false;  ///< false: unborn initial version or tombstone (delete)
    Value value;          ///< meaningful when exists
    bool operator==(const Version&) const = default;
};

enum class TxnStatus : std::uint8_t { NotStarted, Active, Committed, Aborted };
enum class AbortCause : std::uint8_t { None, User, Deadlock, Serialization, SnapshotTooOld };

/// The value a transaction last read or wrote for a key (SPEC 1.1).
struct Binding {
    bool bound = false;
    Value value;
    bool operator==(const Binding&) const = default;
};

/// TxnState::snapshot of an active transaction that has not taken its
/// snapshot yet (mysql-repeatable-read takes it at its first plain read).
inline constexpr std::uint32_t kNoSnapshot = ~std::uint32_t{0};
/// A snapshot that no later step compares with anything: SSI forgets an
/// active transaction's once only its commit is left (models/ssi.cpp).
inline constexpr std::uint32_t kSnapshotUnused = ~std::uint32_t{0} - 1;

struct TxnState {
    std::uint16_t pc = 0;  ///< index of the next operation
    TxnStatus status = TxnStatus::NotStarted;
    AbortCause cause = AbortCause::None;
    std::uint32_t snapshot = 0;   ///< commits visible to it (transaction-snapshot models); kNoSnapshot: not taken yet; kSnapshotUnused: compared with nothing any more
    std::uint32_t commitSeq = 0;  ///< 1-based position in the commit order, 0 = not committed
    std::uint16_t writes = 0;     ///< versions written so far (seq of the next one)
    std::uint16_t changes = 0;    ///< of them, those that changed the row (InnoDB's undo records)
    bool inConflict = false;      ///< SSI: some concurrent T -rw-> this
    bool outConflict = false;     ///< SSI: this -rw-> some concurrent T
    // postgres-serializable (models/postgres_ssi.hpp): PostgreSQL's certifier
    // keeps the conflicts themselves and the commit order, not two flags.
    std::uint64_t rwOut = 0;            ///< the transactions this one has an rw-conflict out to
    std::uint64_t seenCommitted = 0;    ///< the transactions committed before its snapshot
    std::uint64_t committedBefore = 0;  ///< the transactions committed before it committed
    bool doomed = false;                ///< fails at its next operation (serialization failure)
    /// A transcript sent its next statement, which waits, when the commit
    /// clock stood at this value minus one; 0: not sent (exploration never
    /// sends one). PostgreSQL's read committed takes the statement's
    /// snapshot then (specs/engines/README.md, "Sent statements").
    std::uint32_t sentAt = 0;
    /// InnoDB below repeatable read: the rows the scan of a sent predicate
    /// write passed without selecting them before it came to wait; it does
    /// not come back to them (transcripts only; 0 otherwise).
    std::uint64_t scanPassed = 0;
    /// InnoDB: the rows that scan changed before it came to wait (its undo
    /// records so far, which the deadlock weight counts; transcripts only).
    std::uint16_t scanChanges = 0;
    /// InnoDB models: the kinds of lock structure it holds (InnodbLock bits,
    /// models/lock_manager.hpp), which its deadlock weight counts.
    std::uint16_t innodbLocks = 0;
    /// InnoDB models: lock structures beyond one per kind: a lock granted
    /// after a wait keeps the structure it waited in.
    std::uint16_t extraLocks = 0;
    std::vector<Binding> bindings;  ///< KeyId -> last value read or written

    [[nodiscard]] bool live() const { return status == TxnStatus::Active || status == TxnStatus::NotStarted; }
    bool operator==(const TxnState&) const = default;
};

/// A row: its committed versions in commit order, then uncommitted ones by
/// writer (a canonical order: only first-committer-wins lets two live
/// writers hold versions of one row). Versions of aborted writers are removed.
struct Row {
    std::vector<Version> chain;
    bool operator==(const Row&) const = default;
};

/// PostgreSQL's SSI: a read-marker on the primary key's index page (the
/// whole index of a table of a few rows), which an index scan takes and
/// only an insert of a new row conflicts with (models/postgres_ssi.hpp).
inline constexpr PredicateId kIndexPage = 0xFFFF;

/// A long predicate lock (serializable) or an SSI predicate read-marker
/// (of History::predicates, or kIndexPage).
struct PredicateLock {
    TxnId txn = 0;
    PredicateId predicate = 0;
    auto operator<=>(const PredicateLock&) const = default;
};

/// Item locks. S holders as a bit set; at most one X holder.
struct ItemLock {
    std::uint64_t shared = 0;
    TxnId exclusive = kInitialWriter;  ///< kInitialWriter = none
    std::uint64_t sireads = 0;         ///< SSI read markers (kept after commit)
    bool operator==(const ItemLock&) const = default;
};

/// Skip: a guarded operation whose guard did not hold; it did nothing.
enum class EventKind : std::uint8_t { Read, Write, PredicateRead, Commit, Abort, Skip };

/// What one operation did. Reads record the version read; writes the version created.
struct Event {
    EventKind kind = EventKind::Commit;
    TxnId txn = 0;
    std::uint16_t op = 0;       ///< index into the transaction's ops
    bool scheduled = true;      ///< false only for deadlock-victim aborts
    KeyId key = 0;
    VersionId version;          ///< Read: version read; Write: version installed
    bool exists = false;        ///< Read: the row existed; Write: false for a delete
    Value value;                ///< value read or written
    bool dirty = false;         ///< Read: P1 (writer live); Write: P0 (newest by another live txn)
    std::uint16_t predicateRead = 0;  ///< PredicateRead: index into Log::predicateReads
    std::uint64_t returned = 0;       ///< PredicateRead: bit set of the keys returned
    AbortCause cause = AbortCause::None;
    bool operator==(const Event&) const = default;
};

/// What a live transaction's next operation waits for: a member of a
/// deadlock's waits-for cycle, or the step of a fixed schedule that cannot
/// happen because it would wait.
struct Wait {
    TxnId txn = 0;
    std::uint16_t op = 0;        ///< index into the transaction's ops (its next operation)
    std::uint64_t waitsFor = 0;  ///< the transactions it waits for, as a bit set
    std::string why;             ///< `T2 op 2 "w x = 12" waits for T1 (lock on x)`
    bool operator==(const Wait&) const = default;
};

/// What a predicate read observed: the visible version of every row (Adya's
/// Vset) and which rows it returned.
struct PredicateObservation {
    TxnId txn = 0;
    std::uint16_t op = 0;
    PredicateId predicate = 0;
    std::vector<VersionId> vset;          ///< KeyId -> version observed
    std::vector<KeyId> returned;          ///< keys whose observed version matched, ascending
    std::vector<bool> dirty;              ///< per returned key: the version's writer was live
    bool operator==(const PredicateObservation&) const = default;
};

/// A lock request that a transcript sent and that waits: the rows its
/// statement asks for, in one mode. Engines with lock queues (InnoDB, SQL
/// Server) grant requests in the order they came, so a later request that
/// conflicts with it waits behind it (specs/engines/README.md, "Sent
/// statements"). Exploration sends nothing: it never has one.
struct LockRequest {
    TxnId txn = 0;
    std::uint64_t rows = 0;
    bool exclusive = false;
    /// InnoDB's next-key request of a scan: it covers the gap before its
    /// row too, so an insert into that gap waits behind it.
    bool nextKey = false;
    bool operator==(const LockRequest&) const = default;
};

struct State {
    std::vector<TxnState> txns;
    std::vector<Row> rows;                       ///< KeyId -> row
    std::vector<ItemLock> locks;                 ///< KeyId -> locks
    std::vector<PredicateLock> predicateLocks;   ///< long predicate locks, sorted
    std::vector<PredicateLock> predicateMarkers; ///< SSI predicate read-markers (kept after commit), sorted
    std::uint32_t commits = 0;                   ///< commits so far (snapshot clock)
    std::vector<LockRequest> queue;              ///< sent lock requests that wait, in the order sent

    /// The initial state of `h`: nothing started, every row at its initial version.
    [[nodiscard]] static State initial(const History& h);

    [[nodiscard]] bool allEnded() const;
    bool operator==(const State&) const = default;
};

/// Commit positions and snapshots as the models compare them. Models compare
/// a commit position with a snapshot (was that commit visible to it?) and
/// commit positions of one row's writers with each other (which the row's
/// version order already says), nothing else; and only the snapshots of
/// active transactions are compared (an ended transaction does nothing more),
/// and only the commits of transactions that wrote a version or keep an SSI
/// read marker (nothing else of a commit is looked up). So each active
/// transaction's snapshot is kept as its rank among the distinct snapshots
/// of the active transactions (0 for the others), and each such commit
/// position as the number of those snapshots before it: c > v exactly when
/// rank(c) >= rank(v) (~0u - 1 for a commit nothing sees). The clock is left
/// out: every future snapshot and commit comes after all of them.
struct CommitRanks {
    std::vector<std::uint32_t> snapshot;  ///< TxnId -> rank (0: not active)
    std::vector<std::uint32_t> commit;    ///< TxnId -> snapshots before its commit (~0u: not committed)
    bool operator==(const CommitRanks&) const = default;
};
[[nodiscard]] CommitRanks commitRanks(const State& s);

/// Whether every model decides alike from a and b, and every finding is the
/// same: equal but for commit positions, snapshots and the clock, which rank
/// the same (two commits no snapshot falls between, in either order).
[[nodiscard]] bool alike(const State& a, const State& b);
/// Whether two states in which every transaction has ended are alike in
/// all that a report reads of an ended execution: the rows' versions and
/// each transaction's outcome and values. What the models keep only to
/// decide later steps (locks, SSI's flags, markers and conflicts, commit
/// order, snapshots) no step will read again (specs/exploration.md 2.8).
[[nodiscard]] bool endsAlike(const State& a, const State& b);

/// A scheduled step of an explored execution, for its happens-before
/// order: step i happens before step j > i when they belong to one
/// transaction or their footprints conflict, or through a chain of such
/// steps. Any order of the steps that keeps it is an execution too, with the
/// same observations (specs/exploration.md 2.5).
struct Step {
    TxnId txn = 0;
    bool commits = false;           ///< the step committed txn
    std::uint32_t firstEvent = 0;   ///< its events: [firstEvent, the next step's firstEvent)
    Footprint footprint;            ///< global when a deadlock was resolved after it
    /// The transactions whose commit step happens before this step, or is it.
    std::uint64_t commitsBefore = 0;
    bool operator==(const Step&) const = default;
};

/// What an execution observed, in the order it happened (append-only; the
/// explorer truncates it when it backtracks).
struct Log {
    std::vector<Event> events;
    std::vector<PredicateObservation> predicateReads;
    /// The explorer's steps, recorded with their footprints (addStep); empty
    /// for a fixed schedule, whose order is the only one judged.
    std::vector<Step> steps;

    /// A position to truncate back to.
    struct Mark {
        std::size_t events = 0;
        std::size_t predicateReads = 0;
        std::size_t steps = 0;
    };
    [[nodiscard]] Mark mark() const { return {events.size(), predicateReads.size(), steps.size()}; }
    void truncate(Mark m) {
        events.resize(m.events);
        predicateReads.resize(m.predicateReads);
        steps.resize(m.steps);
    }
    /// Records the step that logged events from `m` on, and the commits
    /// that happen before it.
    void addStep(Mark m, TxnId txn, bool commits, const Footprint& footprint);
    /// Whether event e's step reads version v before its writer's commit in
    /// this execution or in an equivalent one: v is another transaction's,
    /// and its commit does not happen before the step (it may come after).
    /// False when no steps are recorded.
    [[nodiscard]] bool readsBeforeCommit(std::size_t e, VersionId v) const;
    /// The events reordered so that the step holding event `e` and the steps
    /// that happen before it come first, the others after, each group in its
    /// order; reads' dirty flags are those of the new order.
    [[nodiscard]] std::vector<Event> hoisted(std::size_t e) const;
    bool operator==(const Log&) const = default;
};

/// E evaluated with a transaction's bindings (SPEC 1.1), `value` (in a
/// predicate update) standing for `row`: null if any operand is null;
/// nullopt-of-optional when the result leaves the 64-bit range.
[[nodiscard]] std::optional<Value> evaluate(const Expr& e, const std::vector<Binding>& bindings,
                                            Value row = {});

/// The expression of op `op` of transaction t, evaluated (for a predicate
/// update, on the row holding `row`); a result outside the 64-bit range is
/// bad input (InputError naming the operation), never undefined behaviour.
[[nodiscard]] Value evaluateOp(const History& h, TxnId t, std::size_t op,
                               const std::vector<Binding>& bindings, Value row = {});

/// The value of a condition: Null when an operand is null, Overflow when a
/// side leaves the 64-bit range.
enum class Truth : std::uint8_t { False, True, Null, Overflow };

/// COND evaluated with these bindings.
[[nodiscard]] Truth evaluate(const Condition& c, const std::vector<Binding>& bindings);

/// Whether the guard of op `op` of transaction t holds with its bindings
/// (SPEC 3.1): true when it has none, false when it is false or null. A side
/// outside the 64-bit range is bad input, as for evaluateOp.
[[nodiscard]] bool guardHolds(const History& h, TxnId t, std::size_t op,
                              const std::vector<Binding>& bindings);

/// Whether t's next operation is guarded and its guard does not hold: the
/// step is skipped (SPEC 1.1).
[[nodiscard]] bool skipsNext(const History& h, const TxnState& ts, TxnId t);

/// Whether row version v satisfies predicate p: absent rows (unborn or
/// deleted) and null never do (SPEC 1.1).
[[nodiscard]] inline bool satisfies(const Predicate& p, const Version& v) {
    return v.exists && p.matches(v.value);
}

/// The witness schedule of a trace: the transaction of each scheduled operation,
/// in order. An operation that logged several events (`u K = E`) counts once.
[[nodiscard]] std::vector<TxnId> scheduleOf(const std::vector<Event>& trace);

/// The bit of transaction t in a 64-bit transaction set.
[[nodiscard]] constexpr std::uint64_t bit(TxnId t) { return std::uint64_t{1} << t; }

}  // namespace isocheck
