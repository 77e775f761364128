#pragma once
// The closed table of built-in models: name, one-line summary, options and
// factory. `isocheck models` prints it; the loader validates model names and
// `[model.NAME]` options against it.

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "history/history.hpp"
#include "models/model.hpp"

namespace isocheck {

struct ModelOptionInfo {
    std::string_view name;     ///< e.g. "retention"
    enum class Type : unsigned char { Bool, PositiveInt } type;
    std::string_view summary;
};

struct ModelInfo {
    std::string_view name;     ///< e.g. "snapshot"
    std::string_view summary;  ///< one line
    std::span<const ModelOptionInfo> options;
    /// Builds the model; options were validated against `options` by the loader.
    std::unique_ptr<IsolationModel> (*make)(const ModelOptions& options);
};

/// Every built-in model, in the order reports list them.
[[nodiscard]] std::span<const ModelInfo> modelRegistry();
[[nodiscard]] const ModelInfo* findModel(std::string_view name);
/// The registered name closest to `name` (for "did you mean"), if any is close.
[[nodiscard]] std::optional<std::string_view> suggestModel(std::string_view name);
/// Edit distance, shared by every "did you mean".
[[nodiscard]] std::size_t editDistance(std::string_view a, std::string_view b);

}  // namespace isocheck
