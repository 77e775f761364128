#pragma once
// Parses one operation string of a [[txn]] (SPEC 1.1) into a RawOp: the
// operation with its keys still spelled out, because keys are interned (sorted
// by name) only after the whole file has been read. The loader and the
// textbook notation both produce RawTxns and hand them to the same checks.

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "history/history.hpp"
#include "support/diagnostic.hpp"

namespace isocheck {

/// One term of an expression before interning. A literal carries its own sign
/// (`-3`); `negative` is the sign the expression gives the term (`x - 3`).
struct RawTerm {
    bool negative = false;
    std::int64_t literal = 0;  ///< when `key` is empty
    std::string key;           ///< the key named, empty for a literal or `value`
    bool rowValue = false;     ///< `value` in E of a predicate update: the row's value
};

/// `E OP E` before interning: a guard (`... if COND`) or an invariant.
struct RawCondition {
    std::vector<RawTerm> lhs;
    Predicate::Cmp cmp = Predicate::Cmp::Eq;
    std::vector<RawTerm> rhs;
};

struct RawOp {
    OpKind kind = OpKind::Commit;
    std::string key;            ///< item operations
    std::vector<RawTerm> expr;  ///< Write, Update, PredicateUpdate
    std::optional<RawCondition> guard;  ///< `if COND`: the writes, Abort
    Predicate predicate;        ///< PredicateRead and predicate writes; `text` is the normalised form
    std::string text;           ///< as written
    bool implicit = false;
    SourcePos pos;
};

struct RawTxn {
    std::string name;
    std::vector<RawOp> ops;
    SourcePos pos;
    bool readOnly = false;        ///< `read-only = true`
    /// An error was reported in its name or operations: the checks that need
    /// the whole transaction skip it, so that one mistake is reported once.
    bool broken = false;
};

/// Parses `text`. On bad input throws InputError: `where` supplies file,
/// position, transaction and operation; the parser adds message and hint.
[[nodiscard]] RawOp parseOp(std::string_view text, const Diagnostic& where);

/// Parses an invariant, `E OP E` (SPEC 1.1), reporting errors as parseOp does.
[[nodiscard]] RawCondition parseCondition(std::string_view text, const Diagnostic& where);

/// Whether `name` matches [A-Za-z_][A-Za-z0-9_]*.
[[nodiscard]] bool isValidKey(std::string_view name);

}  // namespace isocheck
