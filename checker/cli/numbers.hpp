#pragma once
// The values of the command line's options, parsed strictly and explained
// plainly: CLI11's own checks accept 0x10 and 1e3, wrap values beyond 64 bits
// and answer "abc" with a range of doubles. Every numeric option goes through
// one parser and fails with one message shape:
//   --jobs: "0" is not a positive integer (write e.g. --jobs 4; the largest is 1024)

#include <cstdint>
#include <optional>
#include <string_view>

namespace isocheck {

/// Decimal digits only (no sign, spaces, base prefix or exponent), at least 1
/// and at most `largest`; nullopt otherwise.
[[nodiscard]] std::optional<std::uint64_t> positiveInteger(std::string_view text,
                                                           std::uint64_t largest);

/// positiveInteger, or a UsageError naming `option` and showing `example`.
[[nodiscard]] std::uint64_t parsePositiveInteger(std::string_view option, std::string_view text,
                                                 std::string_view example, std::uint64_t largest);

/// A positive number of seconds, digits with an optional fraction (`60`,
/// `0.5`), at most `largest`; a UsageError naming `option` otherwise.
[[nodiscard]] double parseSeconds(std::string_view option, std::string_view text,
                                  std::string_view example, double largest);

/// --shard K/N: part K (1-based) of N.
struct ShardPart {
    unsigned index = 0;  ///< K - 1
    unsigned count = 1;  ///< N
};
[[nodiscard]] ShardPart parseShard(std::string_view text);

}  // namespace isocheck
