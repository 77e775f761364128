// snapshot: snapshot isolation (Berenson et al. 1995, 4.2). A transaction
// reads the snapshot taken when its first operation takes effect, plus its
// own writes. First-updater-wins (the default, as PostgreSQL's REPEATABLE
// READ and Oracle's SERIALIZABLE): a write, locking read or update waits
// while another live transaction holds the row's lock and aborts with a
// serialization failure when a version of the row newer than its snapshot
// has committed. Option `first-committer-wins` (Berenson's original
// formulation): no row locks; at commit a transaction aborts if a row it
// wrote has a committed version newer than its snapshot. SI forbids P0-P4
// and A5A but allows write skew (A5B) and the read-only anomaly
// (Fekete, O'Neil, O'Neil 2004).
#include "models/builtin.hpp"
#include "models/multiversion.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSnapshot(const ModelOptions& o) {
    return std::make_unique<MultiversionModel>(
        MultiversionPolicy{.firstCommitterWins = boolOption(o, "first-committer-wins"),
                           .retention = retentionOption(o)});
}

}  // namespace isocheck
