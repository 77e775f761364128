#pragma once
// The bodies of the fuzz targets, shared with tests/test_fuzz_regressions.cpp
// so that every build (g++ too) runs the seeds and past crashes through the
// same code. Bad input may only end in InputError, the one documented way
// out (exit 2); anything else that escapes (InternalError from a failed
// ISOCHECK_ASSERT, any other exception), a sanitizer report, a leak or a
// hang is a bug.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "compare/explain.hpp"
#include "compare/matrix.hpp"
#include "history/history.hpp"
#include "history/loader.hpp"
#include "report/report.hpp"
#include "run/run.hpp"
#include "support/diagnostic.hpp"

namespace isocheck::fuzz {

/// States per model in exploreInput: enough to reach deadlocks, aborts and
/// cycles on the examples' histories, few enough for many inputs a second.
inline constexpr std::uint64_t kMaxStates = 300;

/// The history in `text`, or nothing when the loader rejects it with an
/// InputError (SPEC 1.9). The diagnostic is formatted, as the command line
/// would print it, so that formatting is fuzzed too.
inline std::optional<History> tryLoad(std::string_view text, const std::string& file) {
    try {
        return parseHistory(text, file);
    } catch (const InputError& e) {
        (void)e.diagnostic().format();
        return std::nullopt;
    }
}

/// `history = "<bytes>"` as a TOML basic string: quotes, backslashes and
/// control characters escaped, and each byte from 0x80 up written as the
/// code point of the same number, so that every input is valid TOML and
/// reaches the textbook parser.
inline std::string textbookFile(std::string_view bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "history = \"";
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20 || c >= 0x7f) {
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += ch;
        }
    }
    out += "\"\n";
    return out;
}

/// fuzz_load: `text` as a whole history file, and as the string of
/// `history = "..."` (SPEC 1.2).
inline void loadInput(std::string_view text) {
    (void)tryLoad(text, "fuzz.toml");
    (void)tryLoad(textbookFile(text), "textbook.toml");
}

/// fuzz_explore: a history the loader accepts, explored under every model
/// with at most kMaxStates states each (as --max-states), or its fixed
/// schedule replayed, and written in every report format. An expression
/// that overflows in some execution is an InputError (specs/format.md
/// section 4).
inline void exploreInput(std::string_view text) {
    auto history = tryLoad(text, "fuzz.toml");
    if (!history) return;
    RunOptions options;
    options.maxStates = kMaxStates;
    // Both the reduced search and the reference one, chosen by the input so
    // that a crash reproduces from the input alone.
    options.reduction = text.size() % 2 == 0 ? Reduction::SleepSets : Reduction::None;
    CheckedFile file{"fuzz.toml", std::move(*history), {}, {}, {}, {}};
    try {
        file.result = runHistory(file.history, options);
    } catch (const InputError& e) {
        (void)e.diagnostic().format();
        return;
    }
    try {
        // The replays run executions a bounded exploration may not have reached.
        file.matrix = levelMatrix(file.history, file.result);
        file.explanations = explainFindings(file.history, file.result);
    } catch (const InputError& e) {
        (void)e.diagnostic().format();
    }
    (void)textReport(file.history, file.result, &file.matrix, file.explanations);
    (void)markdownReport(file.history, file.result, file.explanations);
    (void)dotReport(file.history, file.result);
    (void)jsonReport(std::span<const CheckedFile>(&file, 1));
    (void)junitReport(std::span<const CheckedFile>(&file, 1));
}

}  // namespace isocheck::fuzz
