#include "models/registry.hpp"

#include <array>
#include <string_view>
#include <utility>

#include "models/builtin.hpp"
#include "support/assert.hpp"

namespace isocheck {
namespace {

using Factory = std::unique_ptr<IsolationModel> (*)(const ModelOptions&);

const std::array<std::pair<std::string_view, Factory>, 22> kFactories{{
    {"read-uncommitted", makeReadUncommitted},
    {"read-committed", makeReadCommitted},
    {"read-committed-snapshot", makeReadCommittedSnapshot},
    {"repeatable-read", makeRepeatableRead},
    {"snapshot", makeSnapshot},
    {"serializable", makeSerializable},
    {"serializable-snapshot", makeSerializableSnapshot},
    {"postgres-read-committed", makePostgresReadCommitted},
    {"postgres-repeatable-read", makePostgresRepeatableRead},
    {"postgres-serializable", makePostgresSerializable},
    {"mysql-read-uncommitted", makeMysqlReadUncommitted},
    {"mysql-read-committed", makeMysqlReadCommitted},
    {"mysql-repeatable-read", makeMysqlRepeatableRead},
    {"mysql-serializable", makeMysqlSerializable},
    {"oracle-read-committed", makeOracleReadCommitted},
    {"oracle-serializable", makeOracleSerializable},
    {"sqlserver-read-uncommitted", makeSqlServerReadUncommitted},
    {"sqlserver-read-committed", makeSqlServerReadCommitted},
    {"sqlserver-read-committed-snapshot", makeSqlServerReadCommittedSnapshot},
    {"sqlserver-snapshot", makeSqlServerSnapshot},
    {"sqlserver-repeatable-read", makeSqlServerRepeatableRead},
    {"sqlserver-serializable", makeSqlServerSerializable},
}};

}  // namespace

std::unique_ptr<IsolationModel> makeModel(const ModelInfo& info, const ModelOptions& options) {
    for (const auto& [name, make] : kFactories)
        if (name == info.name) return make(options);
    assertionFailed("every model in theory/models.cpp has a factory here", __FILE__, __LINE__);
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
