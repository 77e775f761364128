// read-committed-snapshot: read committed as PostgreSQL and Oracle implement
// it (Berenson et al. 1995, 4.2 "Cursor Stability"/"Read Consistency"; the
// PostgreSQL manual, 13.2.1). Every operation reads the newest committed
// version (and its own writes), so it never sees dirty data yet may see
// different rows from one statement to the next (P2, P3, lost updates).
// Writes take long row locks; a writer that waited for another writer
// proceeds on the newest committed version once that one ends (`u K = E`
// re-reads K; `w K = E` keeps the values it already read).
#include "models/builtin.hpp"
#include "models/multiversion.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeReadCommittedSnapshot(const ModelOptions& o) {
    return std::make_unique<MultiversionModel>(
        MultiversionPolicy{.statementSnapshot = true, .retention = retentionOption(o)});
}

}  // namespace isocheck
