// serializable-snapshot: serializable snapshot isolation, the basic
// algorithm of Cahill, Röhm and Fekete (SIGMOD 2008), on top of snapshot
// isolation with first-updater-wins. Every rw-antidependency between
// concurrent transactions sets the reader's out-flag and the writer's
// in-flag (models/ssi.hpp); a transaction with both flags (a pivot, by
// Fekete et al. 2005 the middle of every dangerous structure) aborts at
// commit, and an operation that would give a committed transaction the
// second flag aborts instead. Every committed execution is serializable;
// some serializable ones are aborted too (false positives).
#include "models/builtin.hpp"
#include "models/multiversion.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSerializableSnapshot(const ModelOptions& o) {
    return std::make_unique<MultiversionModel>(
        MultiversionPolicy{.ssi = true, .retention = retentionOption(o)});
}

}  // namespace isocheck
