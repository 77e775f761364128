#pragma once
// Reads a history file (SPEC section 1) into a History, or throws InputError
// with every Diagnostic found (each naming file, line, column, transaction,
// operation, what is wrong and what would be right), in file order. Nothing is
// ignored: unknown keys, models, options, anomaly names, duplicate names,
// empty transactions and bad schedules are all errors. What is probably a
// mistake but still a valid history is a warning in History::warnings.

#include <string>
#include <string_view>

#include "history/history.hpp"

namespace isocheck {

/// Loads `path`; the History's `file` is `path` as given.
[[nodiscard]] History loadHistoryFile(const std::string& path);

/// Parses TOML text; `file` names it in diagnostics. Used by tests.
[[nodiscard]] History parseHistory(std::string_view text, const std::string& file);

}  // namespace isocheck
