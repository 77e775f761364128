#include "models/registry.hpp"

#include <algorithm>
#include <array>

#include "models/builtin.hpp"

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
const std::array kModels{
    ModelInfo{"read-uncommitted", "locking, degree 1: long write locks, reads take no locks",
              {}, makeReadUncommitted},
    ModelInfo{"read-committed", "locking, degree 2: long write locks, short read locks",
              {}, makeReadCommitted},
    ModelInfo{"read-committed-snapshot",
              "multiversion: each operation reads the newest committed version (PostgreSQL, Oracle)",
              kRetention, makeReadCommittedSnapshot},
    ModelInfo{"repeatable-read", "locking: long item locks, short predicate locks",
              {}, makeRepeatableRead},
    ModelInfo{"snapshot", "snapshot isolation, first-updater-wins", kSnapshotOptions,
              makeSnapshot},
    ModelInfo{"serializable", "locking, strict two-phase: long read, write and predicate locks",
              {}, makeSerializable},
    ModelInfo{"serializable-snapshot", "serializable snapshot isolation (Cahill et al. 2008)",
              kRetention, makeSerializableSnapshot},
};

}  // namespace

std::span<const ModelInfo> modelRegistry() { return kModels; }

const ModelInfo* findModel(std::string_view name) {
    for (const auto& m : kModels)
        if (m.name == name) return &m;
    return nullptr;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
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

unsigned retentionOption(const ModelOptions& o) {
    auto it = o.values.find("retention");
    if (it == o.values.end()) return 0;
    return static_cast<unsigned>(std::get<std::int64_t>(it->second));
}

bool boolOption(const ModelOptions& o, const std::string& name) {
    auto it = o.values.find(name);
    return it != o.values.end() && std::get<bool>(it->second);
}

}  // namespace isocheck
