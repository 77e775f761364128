#pragma once
// What the fuzz targets share: loading an input that may be bad, and
// wrapping bytes as the textbook string of a history file.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "history/history.hpp"
#include "history/loader.hpp"
#include "support/diagnostic.hpp"

namespace isocheck::fuzz {

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

}  // namespace isocheck::fuzz
