#pragma once
// The model-facing parts of a history file: `models = [...]`,
// `[expect.MODEL]` (SPEC 1.4) and `[model.NAME]` options, each validated
// against the model registry and the anomaly catalogue.

#include <toml++/toml.h>

#include "history/history.hpp"
#include "history/toml_input.hpp"

namespace isocheck {

/// Reads `models`, `expect` and `model` from `root` into `h`, adding every
/// error to `errors` and going on (each model name, table, key and name in a
/// list on its own). Needs `h.schedule` already read: `possible` is allowed
/// only with a fixed schedule.
void readModelTables(const TomlInput& in, const toml::table& root, History& h,
                     DiagnosticList& errors);

}  // namespace isocheck
