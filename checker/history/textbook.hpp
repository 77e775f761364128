#pragma once
// The textbook notation of SPEC 1.2: `history = "r1[x] w2[x] c2 c1"`. It
// defines the transactions (in order of first appearance) and fixes the
// schedule to the order written.

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "history/op_parser.hpp"

namespace isocheck {

struct Textbook {
    std::vector<RawTxn> txns;           ///< in order of first appearance, without implicit commits
    std::vector<std::size_t> schedule;  ///< index into txns, one per token
};

/// Parses `text`; `where(offset)` gives a Diagnostic located at byte `offset`
/// of `text`. Adds one diagnostic to `errors` for each problem (a malformed
/// operation, a missing space between two, a comma), at its column, and
/// leaves the malformed operations out.
[[nodiscard]] Textbook parseTextbook(std::string_view text,
                                     const std::function<Diagnostic(std::size_t)>& where,
                                     DiagnosticList& errors);

}  // namespace isocheck
