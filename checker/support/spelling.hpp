#pragma once
// Edit distance, shared by every "did you mean".

#include <cstddef>
#include <string_view>

namespace isocheck {

/// Levenshtein distance between `a` and `b`.
[[nodiscard]] std::size_t editDistance(std::string_view a, std::string_view b);

}  // namespace isocheck
