#include "history/textbook.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>

namespace isocheck {
namespace {

constexpr std::string_view kHint =
    "the textbook notation has rN[K], wN[K], cN and aN for transaction TN, e.g. r1[x] w2[x] c2 c1";
constexpr std::string_view kKeyHint = "keys match [A-Za-z_][A-Za-z0-9_]*";

[[nodiscard]] bool isSpace(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}
[[nodiscard]] bool isDigit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
[[nodiscard]] bool isKeyChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}
[[nodiscard]] char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
[[nodiscard]] bool isOpLetter(char c) {
    return std::string_view("rwca").find(lower(c)) != std::string_view::npos;
}
[[nodiscard]] bool isSeparator(char c) {
    return c == ',' || c == ';';
}

/// The whole UTF-8 character at the start of `s`, never a lone byte of it.
[[nodiscard]] std::string_view firstChar(std::string_view s) {
    const auto c = static_cast<unsigned char>(s.front());
    std::size_t n = 1;
    if (c >= 0xC0) {
        const std::size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        while (n < want && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
    }
    return s.substr(0, n);
}

/// Reads the notation left to right. Operations are separated by spaces; an
/// operation glued to the one before it, a comma between two, and each
/// malformed operation are reported at their own column, and reading goes on
/// after them (a malformed operation is skipped up to the next space).
class Reader {
public:
    Reader(std::string_view text, const std::function<Diagnostic(std::size_t)>& where,
           DiagnosticList& errors)
        : text_(text), where_(where), errors_(errors) {}

    Textbook read() {
        std::size_t i = 0;
        std::string previous;  // the operation just before, when nothing separates them
        bool glued = false;
        while (i < text_.size()) {
            const char c = text_[i];
            if (isSpace(c)) {
                ++i;
                glued = false;
                continue;
            }
            if (isSeparator(c)) {
                const std::string what = c == ',' ? "a comma" : "a semicolon";
                report(i,
                       glued ? what + " after \"" + previous + '"'
                             : "unexpected \"" + std::string(1, c) + '"',
                       "separate operations with spaces only, e.g. r1[x] w2[x] c1");
                ++i;
                glued = false;
                continue;
            }
            if (glued && !isOpLetter(c)) {
                report(i, "unexpected \"" + std::string(word(i)) + "\" after \"" + previous + '"',
                       c == '=' ? "wN[K] writes the value N; use [[txn]] tables to write other "
                                  "values"
                                : std::string(kHint));
                i = skipWord(i);
                glued = false;
                continue;
            }
            const std::size_t start = i;
            std::optional<RawOp> op = readOp(i);
            if (!op) {
                glued = false;
                continue;
            }
            if (glued)
                report(start, "missing space between \"" + previous + "\" and \"" + op->text + '"',
                       "write " + previous + ' ' + op->text);
            previous = op->text;
            glued = i < text_.size() && !isSpace(text_[i]);
        }
        return std::move(out_);
    }

private:
    void report(std::size_t offset, std::string message, std::string hint) {
        Diagnostic d = where_(offset);
        d.message = "history: " + std::move(message);
        d.hint = std::move(hint);
        errors_.add(std::move(d));
    }

    /// From `i` up to the next space or separator.
    [[nodiscard]] std::string_view word(std::size_t i) const {
        std::size_t j = i;
        while (j < text_.size() && !isSpace(text_[j]) && !isSeparator(text_[j])) ++j;
        return text_.substr(i, j - i);
    }
    [[nodiscard]] std::size_t skipWord(std::size_t i) const {
        while (i < text_.size() && !isSpace(text_[i])) ++i;
        return i;
    }

    /// One operation starting at `i`; advances `i` past it. On a malformed one,
    /// reports it, skips to the next space and returns nothing.
    std::optional<RawOp> readOp(std::size_t& i) {
        const std::size_t start = i;
        const std::string w(word(start));
        const auto fail = [&](std::size_t at, std::string message, std::string hint) {
            report(at, std::move(message), std::move(hint));
            i = skipWord(start);
            return std::nullopt;
        };
        const char letter = lower(text_[start]);
        std::size_t j = start + 1;
        while (j < text_.size() && isDigit(text_[j])) ++j;
        const bool item = letter == 'r' || letter == 'w';
        if (!isOpLetter(letter) || (j == start + 1 && j < text_.size() && isKeyChar(text_[j])))
            return fail(start, '"' + w + "\" is not an operation",
                        letter == 'b' ? "a transaction begins with its first operation: there is "
                                        "no bN"
                                      : std::string(kHint));
        const std::string example = std::string(1, text_[start]) + "1" + (item ? "[x]" : "");
        if (j == start + 1)
            return fail(start, '"' + w + "\" has no transaction number",
                        "write " + example + " for an operation of T1");
        std::uint32_t number = 0;
        if (std::from_chars(text_.data() + start + 1, text_.data() + j, number).ec != std::errc{})
            return fail(start, "transaction number in \"" + w + "\" is out of range",
                        std::string(kHint));
        const std::string head(text_.substr(start, j - start));  // e.g. "r1"

        RawOp op;
        op.pos = where_(start).pos;
        if (item) {
            if (j >= text_.size() || isSpace(text_[j]) || isSeparator(text_[j]))
                return fail(j, '"' + w + "\" needs a key in brackets", "write " + head + "[x]");
            if (text_[j] != '[') {
                // r1x or r1(x): the key is there, the brackets are not.
                const std::size_t k = isKeyChar(text_[j]) ? j : j + 1;
                std::size_t e = k;
                while (e < text_.size() && isKeyChar(text_[e])) ++e;
                const std::string key =
                    e > k ? std::string(text_.substr(k, e - k)) : std::string("x");
                return fail(j,
                            '"' + w +
                                (isKeyChar(text_[j]) ? "\" needs its key in brackets"
                                                     : "\": keys go in square brackets"),
                            "write " + head + '[' + key + ']');
            }
            std::size_t k = j + 1;
            while (k < text_.size() && isKeyChar(text_[k])) ++k;
            if (k >= text_.size() || isSpace(text_[k]) || isSeparator(text_[k]))
                return fail(k, '"' + w + "\" is missing \"]\"",
                            "write " + std::string(text_.substr(start, k - start)) + ']');
            if (text_[k] != ']')
                return fail(k,
                            "unexpected \"" + std::string(firstChar(text_.substr(k))) +
                                "\" in the key of \"" + w + '"',
                            std::string(kKeyHint));
            op.key = std::string(text_.substr(j + 1, k - j - 1));
            if (op.key.empty())
                return fail(j + 1, '"' + w + "\" has no key in its brackets",
                            "write " + head + "[x]");
            if (!isValidKey(op.key))
                return fail(j + 1,
                            '"' + op.key + "\" in \"" + w + "\" is not a valid key (" +
                                std::string(kKeyHint) + ')',
                            std::string(kHint));
            op.kind = letter == 'r' ? OpKind::Read : OpKind::Write;
            if (letter == 'w') op.expr.push_back({false, static_cast<std::int64_t>(number), {}});
            j = k + 1;
        } else {
            if (j < text_.size() && text_[j] == '[')
                return fail(
                    j, '"' + w + "\": " + (letter == 'c' ? "commit" : "abort") + " takes no key",
                    "write " + head);
            op.kind = letter == 'c' ? OpKind::Commit : OpKind::Abort;
        }
        op.text = std::string(text_.substr(start, j - start));
        i = j;

        const std::string name = "T" + std::to_string(number);
        auto txn = std::ranges::find(out_.txns, name, &RawTxn::name);
        if (txn == out_.txns.end()) {
            out_.txns.push_back({name, {}, op.pos});
            txn = std::prev(out_.txns.end());
        }
        out_.schedule.push_back(static_cast<std::size_t>(txn - out_.txns.begin()));
        txn->ops.push_back(op);
        return op;
    }

    std::string_view text_;
    const std::function<Diagnostic(std::size_t)>& where_;
    DiagnosticList& errors_;
    Textbook out_;
};

}  // namespace

Textbook parseTextbook(std::string_view text, const std::function<Diagnostic(std::size_t)>& where,
                       DiagnosticList& errors) {
    return Reader(text, where, errors).read();
}

}  // namespace isocheck
