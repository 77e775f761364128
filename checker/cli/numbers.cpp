#include "cli/numbers.hpp"

#include <charconv>
#include <limits>

#include <fmt/format.h>

#include "cli/commands.hpp"

namespace isocheck {
namespace {

bool allDigits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

[[noreturn]] void notA(std::string_view option, std::string_view text, std::string_view what,
                       std::string_view example, std::string_view largest) {
    throw UsageError(fmt::format("{}: \"{}\" is not {} (write e.g. {}; the largest is {})", option,
                                 text, what, example, largest));
}

}  // namespace

std::optional<std::uint64_t> positiveInteger(std::string_view text, std::uint64_t largest) {
    if (!allDigits(text)) return std::nullopt;
    std::uint64_t n = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, n);
    if (ec != std::errc{} || ptr != end || n == 0 || n > largest) return std::nullopt;
    return n;
}

std::uint64_t parsePositiveInteger(std::string_view option, std::string_view text,
                                   std::string_view example, std::uint64_t largest) {
    if (const auto n = positiveInteger(text, largest)) return *n;
    notA(option, text, "a positive integer", example, std::to_string(largest));
}

double parseSeconds(std::string_view option, std::string_view text, std::string_view example,
                    double largest) {
    // Digits with at most one point: no sign, exponent, "inf" or "nan".
    const std::size_t point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    const bool shape = (allDigits(whole) || whole.empty()) &&
                       (allDigits(fraction) || fraction.empty()) &&
                       whole.size() + fraction.size() != 0;
    double s = 0;
    if (shape) {
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, s);
        if (ec == std::errc{} && ptr == end && s > 0 && s <= largest) return s;
    }
    notA(option, text, "a positive number of seconds", example, fmt::format("{:.0f}", largest));
}

ShardPart parseShard(std::string_view text) {
    constexpr std::uint64_t kLargest = std::numeric_limits<unsigned>::max();
    const std::size_t slash = text.find('/');
    if (slash != std::string_view::npos) {
        const auto k = positiveInteger(text.substr(0, slash), kLargest);
        const auto n = positiveInteger(text.substr(slash + 1), kLargest);
        if (k && n && *k <= *n)
            return {static_cast<unsigned>(*k - 1), static_cast<unsigned>(*n)};
    }
    throw UsageError(fmt::format("--shard: \"{}\" is not a part K/N with 1 <= K <= N (write e.g. "
                                 "--shard 1/4 for the first of four parts; the largest N is {})",
                                 text, kLargest));
}

}  // namespace isocheck
