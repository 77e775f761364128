#pragma once
// Asserting loader diagnostics word for word: the formatted messages of the
// InputError a history text produces (all of them, so that a test also sees
// an error too many), its warnings, and a table-driven check. Shared by the
// loader test files.

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "history/loader.hpp"

namespace isocheck::test {

/// Every diagnostic `text` (loaded as "f.toml") produces, one per line in
/// the order reported, or "no error".
[[nodiscard]] inline std::string errorOf(std::string_view text) {
    try {
        (void)parseHistory(text, "f.toml");
    } catch (const InputError& e) {
        std::string out;
        for (const Diagnostic& d : e.diagnostics()) out += (out.empty() ? "" : "\n") + d.format();
        return out;
    }
    return "no error";
}

/// The warnings of the history `text` (loaded as "f.toml"), one per line.
[[nodiscard]] inline std::string warningsOf(std::string_view text) {
    std::string out;
    for (const Diagnostic& d : parseHistory(text, "f.toml").warnings)
        out += (out.empty() ? "" : "\n") + d.format();
    return out;
}

struct ErrorCase {
    std::string text;
    std::string message;
};

inline void checkErrors(const std::vector<ErrorCase>& cases) {
    for (const ErrorCase& c : cases) {
        CAPTURE(c.text);
        CHECK(errorOf(c.text) == c.message);
    }
}

}  // namespace isocheck::test
