#pragma once
// The value types of a history file (SPEC section 1), as the loader produces
// them and every later stage reads them. Nothing here knows about models or
// exploration. Keys, transactions and predicates are interned to small ids so
// that explored states stay small and hashable.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "support/diagnostic.hpp"

namespace isocheck {

using TxnId = std::uint16_t;        ///< position of the transaction in the file, 0-based
using KeyId = std::uint16_t;        ///< index into History::keys
using PredicateId = std::uint16_t;  ///< index into History::predicates

inline constexpr std::size_t kMaxTxns = 64;  ///< lock holder sets are 64-bit masks
inline constexpr std::size_t kMaxKeys = 64;  ///< predicate results are 64-bit masks
/// Operations in all, as written: the explorer goes one stack frame deeper per
/// operation, and a history this long could never be explored anyway.
inline constexpr std::size_t kMaxOps = 1000;

/// A row's value: an integer or null. Arithmetic with null gives null.
using Value = std::optional<std::int64_t>;

/// `value` inside E of a predicate write: the value of the row being written.
struct RowValue {
    bool operator==(const RowValue&) const = default;
};

/// One term of an expression: +/- an integer literal, a key's bound value,
/// or (in a predicate write) the written row's value.
struct Term {
    bool negative = false;
    std::variant<std::int64_t, KeyId, RowValue> operand;
    bool operator==(const Term&) const = default;
};

/// E in `w K = E`: a sum or difference of integers and keys (SPEC 1.1).
struct Expr {
    std::vector<Term> terms;
    bool operator==(const Expr&) const = default;
};

/// The predicate of `select where value OP N` or `select where value % M = N`.
struct Predicate {
    enum class Cmp : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
    Cmp cmp = Cmp::Eq;
    std::int64_t operand = 0;
    std::optional<std::int64_t> modulus;  ///< set for `value % M = N` (cmp is Eq)
    std::string text;                     ///< normalised text: spaces folded, lower case

    /// Whether a row holding `v` satisfies the predicate; false on null.
    [[nodiscard]] bool matches(Value v) const;
    bool operator==(const Predicate&) const = default;
};

/// `E OP E`: the condition of a guarded operation (`w x = 0 if x + y >= 2`)
/// and the form of an invariant (SPEC 1.1). Null on either side makes it
/// null: a guard then does not hold, an invariant passes.
struct Condition {
    Expr lhs;
    Predicate::Cmp cmp = Predicate::Cmp::Eq;
    Expr rhs;
    bool operator==(const Condition&) const = default;
};

/// Whether `a cmp b` holds (both integers).
[[nodiscard]] bool compare(std::int64_t a, Predicate::Cmp cmp, std::int64_t b);

/// `invariants = ["x + y >= 1"]`: checked on the committed rows of every final state.
struct Invariant {
    Condition cond;
    std::string text;  ///< as written
    SourcePos pos;
    bool operator==(const Invariant&) const = default;
};

enum class OpKind : std::uint8_t {
    Read,           ///< r K
    ReadForUpdate,  ///< r K for update
    Write,          ///< w K = E
    Update,         ///< u K = E  (locking read and write in one step)
    Delete,         ///< d K
    PredicateRead,  ///< select where ...
    PredicateUpdate,  ///< update where ... set value = E (every row selected, in one step)
    PredicateDelete,  ///< delete where ...
    Commit,         ///< c, commit (also the implicit commit)
    Abort,          ///< a, abort, rollback
};

struct Op {
    OpKind kind = OpKind::Commit;
    KeyId key = 0;              ///< Read, ReadForUpdate, Write, Update, Delete
    Expr expr;                  ///< Write, Update, PredicateUpdate
    PredicateId predicate = 0;  ///< PredicateRead, PredicateUpdate, PredicateDelete
    std::string text;           ///< as written in the file ("commit" when implicit)
    bool implicit = false;      ///< the implicit commit appended by the loader
    SourcePos pos;
    std::optional<Condition> guard;  ///< `... if COND`: the writes (item or predicate), Abort

    /// An item write: w, u or d of one row.
    [[nodiscard]] bool writes() const {
        return kind == OpKind::Write || kind == OpKind::Update || kind == OpKind::Delete;
    }
    [[nodiscard]] bool itemReads() const {
        return kind == OpKind::Read || kind == OpKind::ReadForUpdate || kind == OpKind::Update;
    }
    /// `update where ...` or `delete where ...`: selects rows by a predicate and writes each.
    [[nodiscard]] bool predicateWrite() const {
        return kind == OpKind::PredicateUpdate || kind == OpKind::PredicateDelete;
    }
    /// Whether the operation evaluates a predicate over every row (a select or a predicate write).
    [[nodiscard]] bool scans() const { return kind == OpKind::PredicateRead || predicateWrite(); }
    /// Whether the operation names one row (`key` is set).
    [[nodiscard]] bool item() const { return !ends() && !scans(); }
    /// Commit or abort (a guarded abort ends its transaction only when its guard holds).
    [[nodiscard]] bool ends() const { return kind == OpKind::Commit || kind == OpKind::Abort; }
};

struct Txn {
    std::string name;
    std::vector<Op> ops;  ///< always ends with Commit or Abort
    SourcePos pos;
    /// `read-only = true` (specs/format.md 4): declared read-only, as `SET
    /// TRANSACTION READ ONLY`; it has no write. Only the engines whose rules
    /// use the declaration look at it (postgres-serializable, oracle-read-committed).
    bool readOnly = false;
};

/// What became of one step of a transcript (specs/format.md): it ran, or
/// failed (its effect was to abort its transaction), at once, or after
/// waiting for a lock until a later step released it.
enum class StepOutcome : std::uint8_t { Runs, Fails, Waits, WaitsThenFails };
/// Their names in files and reports, in that order.
inline constexpr std::array<std::string_view, 4> kStepOutcomeNames{"runs", "fails", "waits",
                                                                  "waits, fails"};
[[nodiscard]] constexpr std::string_view nameOf(StepOutcome o) {
    return kStepOutcomeNames[static_cast<std::size_t>(o)];
}

/// Probes that are neither an anomaly class nor a phenomenon (anomaly/probes.hpp):
/// observed transaction vanishes and predicate-many-preceders.
inline constexpr std::array<std::string_view, 2> kOtherProbes{"OTV", "PMP"};

/// `[expect.MODEL]` (SPEC 1.4). Unset members are not checked.
struct Expectation {
    std::optional<std::vector<std::string>> anomalies;  ///< sorted, catalogue names
    std::optional<std::vector<std::string>> phenomena;  ///< sorted, catalogue names
    std::optional<bool> deadlock;
    std::optional<bool> snapshotTooOld;
    std::optional<bool> possible;  ///< only with a fixed schedule
    std::optional<std::vector<StepOutcome>> steps;  ///< only with a transcript: per step
    std::optional<bool> invariantsHold;  ///< every final state satisfies every invariant
    SourcePos pos;
};

/// An option value of `[model.NAME]`.
using OptionValue = std::variant<bool, std::int64_t, std::string>;

struct ModelOptions {
    std::map<std::string, OptionValue> values;
    SourcePos pos;
};

struct History {
    std::string file;         ///< path as given, used in diagnostics and reports
    std::string title;
    std::string description;
    std::vector<std::string> keys;                  ///< KeyId -> name, sorted by name
    std::vector<std::optional<Value>> initial;      ///< KeyId -> initial value; nullopt = unborn
    std::vector<Predicate> predicates;              ///< PredicateId -> predicate, distinct texts
    std::vector<Txn> txns;
    std::vector<Invariant> invariants;              ///< `invariants = [...]`, in file order
    std::optional<std::vector<TxnId>> schedule;     ///< fixed schedule (SPEC 1.3), or the transcript
    /// `schedule` is a `transcript` (specs/format.md): a step that has to
    /// wait is sent all the same, and takes effect once released.
    bool transcript = false;
    /// Not from a file: isocheck run's record of a transcript run on a
    /// server, the steps that waited (indices into the transcript) in the
    /// order they returned. Where the model releases several waiting steps
    /// at once (which goes first is a race in the engine), they take effect
    /// in this order; elsewhere in the order sent.
    std::vector<std::size_t> releaseOrder;
    /// `probes = [...]` (specs/engines/README.md): what the file probes, as
    /// class or phenomenon codes or one of kOtherProbes; in file order.
    std::vector<std::string> probes;
    std::vector<std::string> models;                ///< `models = [...]`; empty = every model
    std::map<std::string, Expectation> expectations;  ///< by model name
    std::map<std::string, ModelOptions> modelOptions; ///< `[model.NAME]` by model name
    std::vector<Diagnostic> warnings;  ///< the loader's warnings (specs/format.md section 9)

    [[nodiscard]] std::optional<KeyId> findKey(std::string_view name) const;
    /// Whether some operation has a guard.
    [[nodiscard]] bool hasGuards() const;
    /// Whether some operation is a predicate write.
    [[nodiscard]] bool hasPredicateWrites() const;
};

}  // namespace isocheck
