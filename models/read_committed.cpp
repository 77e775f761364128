// read-committed (locking): Gray et al. (1976) degree 2, Berenson et al.
// (1995) Table 2 "Locking READ COMMITTED". Long X locks; a read takes a
// short S lock: it waits for another transaction's X lock and releases at
// once, so it only sees committed data (no P1) but may see a row change
// between two reads (P2). Predicate reads take a short predicate lock and
// short S locks on the rows they return.
#include "models/builtin.hpp"
#include "models/locking.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeReadCommitted(const ModelOptions&) {
    return std::make_unique<LockingModel>(LockingPolicy{LockDuration::Short, LockDuration::Short, LockDuration::Short});
}

}  // namespace isocheck
