#pragma once
// Asserting loader diagnostics word for word: the formatted message of the
// one InputError a history text produces, and a table-driven check. Shared
// by the loader test files.

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "history/loader.hpp"

namespace isocheck::test {

/// The diagnostic `text` (loaded as "f.toml") produces, or "no error".
[[nodiscard]] inline std::string errorOf(std::string_view text) {
    try {
        (void)parseHistory(text, "f.toml");
    } catch (const InputError& e) {
        return e.diagnostic().format();
    }
    return "no error";
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
