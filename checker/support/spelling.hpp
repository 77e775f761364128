#pragma once
// The one spellchecker behind every "did you mean" (as Ninja's
// SpellcheckStringV): command names, model names, keys of the history file,
// anomaly names, options, transaction names and row keys all use `closest`,
// with one threshold.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace isocheck {

/// Edit distance between `a` and `b`: insertions, deletions, substitutions
/// and swaps of two adjacent characters (optimal string alignment), each 1.
[[nodiscard]] std::size_t editDistance(std::string_view a, std::string_view b);

/// The candidate nearest to `word` by edit distance, when that distance is
/// at most a third of the candidate's length (at least 1): a typo, not a
/// different word. Ties go to the candidate listed first.
[[nodiscard]] std::optional<std::string_view> closest(std::string_view word,
                                                      std::span<const std::string_view> candidates);

/// `did you mean "x"?`
[[nodiscard]] std::string didYouMean(std::string_view name);

}  // namespace isocheck
