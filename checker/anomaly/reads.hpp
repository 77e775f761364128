#pragma once
// The rows an execution read, one by one, and how to say so in plain words.
// SPEC section 3: an item read reads one version; a predicate read reads the
// versions of the rows it returns, and nothing else. G1a, G1b and P1 are all
// judged on these reads, so they are listed once, here.

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

/// The version `v` of row `key` as installed: its existence and value.
[[nodiscard]] Version installed(const History& h, const Log& log, KeyId key, VersionId v);

/// Calls `f` for every row read in `log`, in log order (rows of one
/// predicate read by ascending key). A template: it runs once per complete
/// execution for each of G1a, G1b, P1 and P2, and `f` inlines.
template <class F>
void forEachRowRead(const History& h, const Log& log, F&& f) {
    for (std::size_t e = 0; e < log.events.size(); ++e) {
        const Event& ev = log.events[e];
        if (ev.kind == EventKind::Read) {
            f(RowRead{&ev, ev.key, ev.version, ev.exists, ev.value, ev.dirty,
                      !ev.dirty && log.readsBeforeCommit(e, ev.version)});
        } else if (ev.kind == EventKind::PredicateRead) {
            const PredicateObservation& obs = log.predicateReads.at(ev.predicateRead);
            for (std::size_t i = 0; i < obs.returned.size(); ++i) {
                const KeyId k = obs.returned[i];
                const Version v = installed(h, log, k, obs.vset.at(k));
                const bool dirty = i < obs.dirty.size() && obs.dirty[i];
                f(RowRead{&ev, k, v.id, v.exists, v.value, dirty, !dirty && log.readsBeforeCommit(e, v.id)});
            }
        }
    }
}

/// `T2 read x = 99`, `T2 read x as absent`, `T2's select where value > 5 returned x = 99`.
[[nodiscard]] std::string describeRead(const History& h, const Log& log, const RowRead& r);

/// `the initial version (10)`, `T2's (20)`, `the initial version (absent)`,
/// `T2's (deleted)`, `T2's (null)`.
[[nodiscard]] std::string describeVersion(const History& h, VersionId v, bool exists, Value value);

/// `99`, `null`.
[[nodiscard]] std::string valueText(Value v);

}  // namespace isocheck
