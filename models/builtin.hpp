#pragma once
// Factories of the built-in models, one per file (engine models under
// models/engines/); registry.cpp lists them.

#include <memory>

#include "history/history.hpp"
#include "models/model.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeReadUncommitted(const ModelOptions&);
std::unique_ptr<IsolationModel> makeReadCommitted(const ModelOptions&);
std::unique_ptr<IsolationModel> makeReadCommittedSnapshot(const ModelOptions&);
std::unique_ptr<IsolationModel> makeRepeatableRead(const ModelOptions&);
std::unique_ptr<IsolationModel> makeSnapshot(const ModelOptions&);
std::unique_ptr<IsolationModel> makeSerializable(const ModelOptions&);
std::unique_ptr<IsolationModel> makeSerializableSnapshot(const ModelOptions&);
// Engine models, models/engines/ (specs/engines/).
std::unique_ptr<IsolationModel> makePostgresReadCommitted(const ModelOptions&);
std::unique_ptr<IsolationModel> makePostgresRepeatableRead(const ModelOptions&);
std::unique_ptr<IsolationModel> makePostgresSerializable(const ModelOptions&);
std::unique_ptr<IsolationModel> makeMysqlReadUncommitted(const ModelOptions&);
std::unique_ptr<IsolationModel> makeMysqlReadCommitted(const ModelOptions&);
std::unique_ptr<IsolationModel> makeMysqlRepeatableRead(const ModelOptions&);
std::unique_ptr<IsolationModel> makeMysqlSerializable(const ModelOptions&);
std::unique_ptr<IsolationModel> makeOracleReadCommitted(const ModelOptions&);
std::unique_ptr<IsolationModel> makeOracleSerializable(const ModelOptions&);
std::unique_ptr<IsolationModel> makeSqlServerReadUncommitted(const ModelOptions&);
std::unique_ptr<IsolationModel> makeSqlServerReadCommitted(const ModelOptions&);
std::unique_ptr<IsolationModel> makeSqlServerReadCommittedSnapshot(const ModelOptions&);
std::unique_ptr<IsolationModel> makeSqlServerSnapshot(const ModelOptions&);
std::unique_ptr<IsolationModel> makeSqlServerRepeatableRead(const ModelOptions&);
std::unique_ptr<IsolationModel> makeSqlServerSerializable(const ModelOptions&);

/// `retention` of a multiversion model's options; 0 (keep all) when absent.
[[nodiscard]] unsigned retentionOption(const ModelOptions& o);
/// A boolean option; false when absent.
[[nodiscard]] bool boolOption(const ModelOptions& o, const std::string& name);

}  // namespace isocheck
