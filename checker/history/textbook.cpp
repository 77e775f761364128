#include "history/textbook.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace isocheck {
namespace {

constexpr std::string_view kHint =
    "the textbook notation has rN[K], wN[K], cN and aN for transaction TN, e.g. r1[x] w2[x] c2 c1";

struct Token {
    std::string_view text;
    std::size_t offset;
};

[[nodiscard]] std::vector<Token> split(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (std::isspace(static_cast<unsigned char>(s[i])) != 0) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j])) == 0) ++j;
        out.push_back({s.substr(i, j - i), i});
        i = j;
    }
    return out;
}

}  // namespace

Textbook parseTextbook(std::string_view text, const std::function<Diagnostic(std::size_t)>& where) {
    Textbook out;
    for (const Token& token : split(text)) {
        const auto fail = [&](std::string message) {
            Diagnostic d = where(token.offset);
            d.message = "history: " + std::move(message);
            d.hint = std::string(kHint);
            throw InputError(std::move(d));
        };
        const std::string_view t = token.text;
        const char letter = static_cast<char>(std::tolower(static_cast<unsigned char>(t[0])));
        std::size_t i = 1;
        while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) != 0) ++i;
        if (std::string_view("rwca").find(letter) == std::string_view::npos || i == 1)
            fail("\"" + std::string(t) + "\" is not an operation");
        std::uint32_t number = 0;
        if (std::from_chars(t.data() + 1, t.data() + i, number).ec != std::errc{})
            fail("transaction number in \"" + std::string(t) + "\" is out of range");

        RawOp op;
        op.text = std::string(t);
        op.pos = where(token.offset).pos;
        if (letter == 'r' || letter == 'w') {
            const std::string_view rest = t.substr(i);
            if (rest.size() < 3 || rest.front() != '[' || rest.back() != ']')
                fail("\"" + std::string(t) + "\" needs a key in brackets");
            op.key = std::string(rest.substr(1, rest.size() - 2));
            if (!isValidKey(op.key))
                fail("\"" + op.key + "\" in \"" + std::string(t) +
                     "\" is not a valid key (keys match [A-Za-z_][A-Za-z0-9_]*)");
            op.kind = letter == 'r' ? OpKind::Read : OpKind::Write;
            if (letter == 'w') op.expr.push_back({false, static_cast<std::int64_t>(number), {}});
        } else {
            if (i != t.size())
                fail("unexpected \"" + std::string(t.substr(i)) + "\" after \"" +
                     std::string(t.substr(0, i)) + '"');
            op.kind = letter == 'c' ? OpKind::Commit : OpKind::Abort;
        }

        const std::string name = "T" + std::to_string(number);
        auto txn = std::ranges::find(out.txns, name, &RawTxn::name);
        if (txn == out.txns.end()) {
            out.txns.push_back({name, {}, op.pos});
            txn = std::prev(out.txns.end());
        }
        out.schedule.push_back(static_cast<std::size_t>(txn - out.txns.begin()));
        txn->ops.push_back(std::move(op));
    }
    return out;
}

}  // namespace isocheck
