#pragma once
// The closed table of built-in models as data: name, one-line summary and
// options. `isocheck models` prints it; the loader validates model names and
// `[model.NAME]` options against it. The models themselves (the code) are
// built from a name by models/registry.hpp, one layer up.

#include <optional>
#include <span>
#include <string_view>

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
};

/// Every built-in model, in the order reports list them (weakest first).
[[nodiscard]] std::span<const ModelInfo> modelRegistry();
[[nodiscard]] const ModelInfo* findModel(std::string_view name);
/// The registered name closest to `name` (for "did you mean"), if any is close.
[[nodiscard]] std::optional<std::string_view> suggestModel(std::string_view name);

}  // namespace isocheck
