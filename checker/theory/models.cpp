#include "theory/models.hpp"

#include <algorithm>
#include <array>

#include "support/spelling.hpp"

namespace isocheck {
namespace {

constexpr std::array kRetention{
    ModelOptionInfo{"retention", ModelOptionInfo::Type::PositiveInt,
                    "keep only the newest N committed versions of each row (snapshot too old)"},
};
constexpr std::array kSnapshotOptions{
    kRetention[0],
    ModelOptionInfo{"first-committer-wins", ModelOptionInfo::Type::Bool,
                    "no row locks; abort at commit if a row written has a newer committed version"},
};

// Weakest first: the order every report lists models in.
constexpr std::array kModels{
    ModelInfo{"read-uncommitted", "locking, degree 1: long write locks, reads take no locks", {}},
    ModelInfo{"read-committed", "locking, degree 2: long write locks, short read locks", {}},
    ModelInfo{"read-committed-snapshot",
              "multiversion: each operation reads the newest committed version (PostgreSQL, Oracle)",
              kRetention},
    ModelInfo{"repeatable-read", "locking: long item locks, short predicate locks", {}},
    ModelInfo{"snapshot", "snapshot isolation, first-updater-wins", kSnapshotOptions},
    ModelInfo{"serializable", "locking, strict two-phase: long read, write and predicate locks", {}},
    ModelInfo{"serializable-snapshot", "serializable snapshot isolation (Cahill et al. 2008)",
              kRetention},
};

}  // namespace

std::span<const ModelInfo> modelRegistry() { return kModels; }

const ModelInfo* findModel(std::string_view name) {
    for (const auto& m : kModels)
        if (m.name == name) return &m;
    return nullptr;
}

std::optional<std::string_view> suggestModel(std::string_view name) {
    for (const auto& m : kModels)
        if (!name.empty() && m.name.starts_with(name)) return m.name;
    std::optional<std::string_view> best;
    std::size_t bestDistance = std::max<std::size_t>(3, name.size() / 3) + 1;
    for (const auto& m : kModels)
        if (const auto d = editDistance(name, m.name); d < bestDistance)
            best = m.name, bestDistance = d;
    return best;
}

}  // namespace isocheck
