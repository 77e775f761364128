#pragma once
// The rows an execution read, one by one, and how to say so in plain words.
// SPEC section 3: an item read reads one version; a predicate read reads the
// versions of the rows it returns, and nothing else. G1a, G1b and P1 are all
// judged on these reads, so they are listed once, here.

#include <functional>
#include <string>

#include "execution/state.hpp"
#include "history/history.hpp"

namespace isocheck {

/// One row read by one operation: an item read, or one row a predicate read returned.
struct RowRead {
    const Event* event = nullptr;  ///< the Read or PredicateRead event
    KeyId key = 0;
    VersionId version;
    bool exists = false;
    Value value;
    bool dirty = false;  ///< P1: the version's writer was another live transaction
    /// P1 in an equivalent execution only: the writer had committed, but its
    /// commit does not happen before the read (Log::readsBeforeCommit), so
    /// the read can come first (Log::hoisted).
    bool dirtyIfHoisted = false;
};

/// Calls `f` for every row read in `s`, in log order (rows of one predicate
/// read by ascending key).
void forEachRowRead(const History& h, const Log& log, const std::function<void(const RowRead&)>& f);

/// `T2 read x = 99`, `T2 read x as absent`, `T2's select where value > 5 returned x = 99`.
[[nodiscard]] std::string describeRead(const History& h, const Log& log, const RowRead& r);

/// `the initial version (10)`, `T2's (20)`, `the initial version (absent)`,
/// `T2's (deleted)`, `T2's (null)`.
[[nodiscard]] std::string describeVersion(const History& h, VersionId v, bool exists, Value value);

/// `99`, `null`.
[[nodiscard]] std::string valueText(Value v);

}  // namespace isocheck
