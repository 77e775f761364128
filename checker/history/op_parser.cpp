#include "history/op_parser.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>

#include <fmt/format.h>

#include "support/spelling.hpp"

namespace isocheck {
namespace {

// The comparison operators of predicates and guards, by their symbol.
constexpr std::array<std::pair<std::string_view, Predicate::Cmp>, 6> kCmps{{
    {"=", Predicate::Cmp::Eq},
    {"!=", Predicate::Cmp::Ne},
    {"<", Predicate::Cmp::Lt},
    {"<=", Predicate::Cmp::Le},
    {">", Predicate::Cmp::Gt},
    {">=", Predicate::Cmp::Ge},
}};

constexpr std::string_view kForms =
    "operations are r K, r K for update, w K = E, u K = E, d K, select where value OP N, "
    "select where value % M = N, update where PRED set value = E, delete where PRED, c and a "
    "(long forms: read, write, update, delete, commit, abort, rollback)";
constexpr std::string_view kExprHint =
    "E is an integer, a key, or a sum or difference of those, e.g. x - y + 3";
constexpr std::string_view kSelectHint =
    "write select where value OP N (OP is one of = != < <= > >=) or select where value % M = N";
constexpr std::string_view kCondHint =
    "a condition is E OP E, OP one of = != < <= > >=, e.g. x + y >= 2";
constexpr std::string_view kGuardHint =
    "only writes (w, u, d, update where, delete where) and abort take a guard, if COND; "
    "commits, reads and selects always run";
constexpr std::string_view kSetHint =
    "write update where PRED set value = E, e.g. update where value > 10 set value = value - 1";
constexpr std::string_view kKeyHint = "keys match [A-Za-z_][A-Za-z0-9_]*";

struct Token {
    enum class Kind : unsigned char { Word, Int, Sym, Bad };
    Kind kind;
    std::string text;
};

[[nodiscard]] std::string lower(std::string_view s) {
    std::string out(s);
    std::ranges::transform(out, out.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// The character at the start of `s` for a message: 'é' whole (never a lone
/// byte of it), U+000A for a control character.
[[nodiscard]] std::string describeChar(std::string_view s) {
    const auto c = static_cast<unsigned char>(s.front());
    if (c < 0x20 || c == 0x7f) return fmt::format("U+{:04X}", c);
    std::size_t n = 1;
    if (c >= 0xC0) {
        const std::size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        while (n < want && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
    }
    return '\'' + std::string(s.substr(0, n)) + '\'';
}

[[nodiscard]] bool isWordChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

class Parser {
public:
    Parser(std::string_view text, const Diagnostic& where) : where_(where) { lex(text); }

    RawOp parse() {
        if (tokens_.empty()) fail("empty operation", std::string(kForms));
        const Token& first = tokens_.front();
        const std::string kw = first.kind == Token::Kind::Word ? lower(first.text) : "";
        next_ = 1;
        RawOp op;
        if (kw == "r" || kw == "read") {
            op.kind = OpKind::Read;
            op.key = key(kw);
            if (peekWord("for")) {
                ++next_;
                if (!peekWord("update"))
                    fail(R"(expected "update" after "for")", "write r K for update");
                ++next_;
                op.kind = OpKind::ReadForUpdate;
            }
            rejectGuard("a read");
            end("write r K, or r K for update for a locking read");
        } else if ((kw == "u" || kw == "update") && isPredicateWrite(false)) {
            op.kind = OpKind::PredicateUpdate;
            op.predicate = predicate("update");
            if (!peekWord("set") || !peekWord("value", 1))
                fail("expected \"set value =\" after the predicate, found " + describe(peek()),
                     std::string(kSetHint));
            next_ += 2;
            expectSym("=", std::string(kSetHint));
            after_ = "set value =";
            rowValue_ = true;
            op.expr = expr(false);
            rowValue_ = false;
            op.guard = guard();
        } else if ((kw == "d" || kw == "delete") && isPredicateWrite(true)) {
            op.kind = OpKind::PredicateDelete;
            op.predicate = predicate("delete");
            op.guard = guard();
            end("write delete where PRED, or delete where PRED if COND");
        } else if (kw == "w" || kw == "write" || kw == "u" || kw == "update") {
            const bool update = kw == "u" || kw == "update";
            op.kind = update ? OpKind::Update : OpKind::Write;
            op.key = key(kw);
            expectSym("=", "write " + std::string(update ? "u" : "w") + " K = E, e.g. " +
                               (update ? "u" : "w") + " x = x + 1");
            op.expr = expr(false);
            op.guard = guard();
        } else if (kw == "d" || kw == "delete") {
            op.kind = OpKind::Delete;
            op.key = key(kw);
            op.guard = guard();
            end("write d K, or d K if COND");
        } else if (kw == "select") {
            op.kind = OpKind::PredicateRead;
            op.predicate = predicate("select");
            rejectGuard("a select");
            end(std::string(kSelectHint));
        } else if (kw == "c" || kw == "commit") {
            op.kind = OpKind::Commit;
            rejectGuard("a commit");
            end("commit takes nothing after it");
        } else if (kw == "a" || kw == "abort" || kw == "rollback") {
            op.kind = OpKind::Abort;
            op.guard = guard();
            end("abort takes nothing after it but an optional if COND");
        } else {
            constexpr std::array<std::string_view, 8> kKeywords{
                "read", "write", "update", "delete", "select", "commit", "abort", "rollback"};
            const auto near = kw.empty() ? std::nullopt : closest(kw, kKeywords);
            fail("unknown operation \"" + first.text + '"',
                 near ? didYouMean(*near) : std::string(kForms));
        }
        return op;
    }

    RawCondition wholeCondition() {
        if (tokens_.empty()) fail("empty invariant", std::string(kCondHint));
        next_ = 0;
        after_ = "";
        RawCondition c = condition();
        if (peekWord("if")) fail("unexpected \"if\" in an invariant", std::string(kCondHint));
        return c;
    }

private:
    /// `if COND` at the end of a write, update, delete or abort.
    std::optional<RawCondition> guard() {
        if (!peekWord("if")) return std::nullopt;
        ++next_;
        if (peek() == nullptr) fail("\"if\" needs a condition", std::string(kCondHint));
        after_ = "if";
        RawCondition c = condition();
        if (peekWord("if")) fail("an operation takes one guard", "join conditions into one E OP E");
        return c;
    }

    void rejectGuard(std::string_view what) const {
        if (peekWord("if")) fail(std::string(what) + " cannot be guarded", std::string(kGuardHint));
    }

    RawCondition condition() {
        RawCondition c;
        c.lhs = expr(true);
        const auto cmp = std::ranges::find_if(kCmps, [&](const auto& x) { return peekSym(x.first); });
        if (cmp == kCmps.end())
            fail("expected a comparison (= != < <= > >=), found " + describe(peek()),
                 std::string(kCondHint));
        c.cmp = cmp->second;
        after_ = cmp->first;
        ++next_;
        if (peekSym("=") || peekSym("<") || peekSym(">"))
            fail("unknown comparison \"" + std::string(cmp->first) + peek()->text + '"',
                 "the comparisons are = != < <= > >=; equality is a single =");
        c.rhs = expr(false);
        return c;
    }

    void lex(std::string_view s) {
        constexpr std::array<std::string_view, 9> kSyms{"!=", "<=", ">=", "=", "<",
                                                        ">",  "+",  "-",  "%"};
        std::size_t i = 0;
        while (i < s.size()) {
            if (s[i] == ' ' || s[i] == '\t') {
                ++i;
                continue;
            }
            if (isWordChar(s[i])) {
                std::size_t j = i;
                while (j < s.size() && isWordChar(s[j])) ++j;
                const std::string_view w = s.substr(i, j - i);
                const bool digits =
                    std::ranges::all_of(w, [](unsigned char c) { return std::isdigit(c) != 0; });
                const auto kind = digits          ? Token::Kind::Int
                                  : isValidKey(w) ? Token::Kind::Word
                                                  : Token::Kind::Bad;
                tokens_.push_back({kind, std::string(w)});
                i = j;
                continue;
            }
            const auto sym = std::ranges::find_if(
                kSyms, [&](std::string_view x) { return s.substr(i).starts_with(x); });
            if (sym == kSyms.end())
                fail("unexpected character " + describeChar(s.substr(i)),
                     "operations are made of keys, integers and = != < <= > >= + - %");
            tokens_.push_back({Token::Kind::Sym, std::string(*sym)});
            i += sym->size();
        }
    }

    [[noreturn]] void fail(std::string message, std::string hint) const {
        Diagnostic d = where_;
        d.message = std::move(message);
        d.hint = std::move(hint);
        throw InputError(std::move(d));
    }

    [[nodiscard]] const Token* peek() const {
        return next_ < tokens_.size() ? &tokens_[next_] : nullptr;
    }
    [[nodiscard]] bool peekWord(std::string_view kw, std::size_t ahead = 0) const {
        const std::size_t i = next_ + ahead;
        return i < tokens_.size() && tokens_[i].kind == Token::Kind::Word &&
               lower(tokens_[i].text) == kw;
    }
    [[nodiscard]] bool peekSym(std::string_view sym) const {
        const Token* t = peek();
        return t != nullptr && t->kind == Token::Kind::Sym && t->text == sym;
    }
    [[nodiscard]] static std::string describe(const Token* t) {
        return t == nullptr ? "the end" : '"' + t->text + '"';
    }

    std::string key(std::string_view kw) {
        const Token* t = peek();
        if (t == nullptr) fail(std::string(kw) + " needs a key", std::string(kKeyHint));
        if (t->kind != Token::Kind::Word)
            fail(describe(t) + " is not a key", std::string(kKeyHint));
        ++next_;
        return t->text;
    }

    void expectSym(std::string_view sym, std::string hint) {
        if (!peekSym(sym))
            fail("expected " + std::string(sym) + ", found " + describe(peek()), std::move(hint));
        ++next_;
    }

    void end(std::string hint) const {
        if (const Token* t = peek())
            fail("unexpected " + describe(t) + " after the operation", std::move(hint));
    }

    /// Predicate writes share their prefix with item writes of a key named
    /// `where`, so only `u where` not followed by `=`, and `d where` followed
    /// by more than a guard, are predicate writes.
    [[nodiscard]] bool isPredicateWrite(bool isDelete) const {
        if (!peekWord("where")) return false;
        const bool more = next_ + 1 < tokens_.size();
        return isDelete ? more && !peekWord("if", 1) : more && tokens_[next_ + 1].text != "=";
    }

    /// An integer literal, optionally with a leading minus.
    std::optional<std::int64_t> integer() {
        const bool minus = peekSym("-");
        const std::size_t at = next_ + (minus ? 1 : 0);
        if (at >= tokens_.size() || tokens_[at].kind != Token::Kind::Int) return std::nullopt;
        const std::string digits = (minus ? "-" : "") + tokens_[at].text;
        std::int64_t v = 0;
        const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
        if (ec != std::errc{} || ptr != digits.data() + digits.size())
            fail("integer " + digits + " is out of range", "values are 64-bit signed integers");
        next_ = at + 1;
        return v;
    }

    /// E, up to the end or `if`; `inCondition`: also up to a comparison.
    std::vector<RawTerm> expr(bool inCondition) {
        std::vector<RawTerm> terms;
        bool negative = false;
        while (true) {
            if (auto v = integer()) {
                terms.push_back({negative, *v, {}});
            } else {
                // A minus before a key negates the key: `-x` is `0 - x`.
                const bool minus = peekSym("-");
                if (minus) ++next_;
                const Token* t = peek();
                if (t == nullptr || t->kind != Token::Kind::Word) {
                    const bool atStart = terms.empty() && !minus && !after_.empty();
                    fail("expected an integer or a key" +
                             (atStart ? " after " + std::string(after_) : std::string()) +
                             ", found " + describe(t),
                         std::string(kExprHint));
                }
                const bool row = rowValue_ && lower(t->text) == "value";
                terms.push_back({negative != minus, 0, row ? std::string() : t->text, row});
                ++next_;
            }
            if (peek() == nullptr || peekWord("if")) return terms;
            if (inCondition && peek()->kind == Token::Kind::Sym && !peekSym("+") &&
                !peekSym("-") && !peekSym("%"))
                return terms;
            if (!peekSym("+") && !peekSym("-"))
                fail("expected + or - or the end, found " + describe(peek()),
                     std::string(peek()->kind == Token::Kind::Word || peekSym("=") ||
                                         peekSym("<") || peekSym(">") || peekSym("!=") ||
                                         peekSym("<=") || peekSym(">=")
                                     ? "E is an integer, a key, or a sum or difference of "
                                       "those; a guard goes after it: w x = 0 if x + y >= 2"
                                     : kExprHint));
            negative = peek()->text == "-";
            ++next_;
        }
    }

    /// `where value OP N` or `where value % M = N`, after `what` (select, update, delete).
    Predicate predicate(std::string_view what) {
        if (!peekWord("where") || !peekWord("value", 1))
            fail("expected \"where value\" after " + std::string(what), std::string(kSelectHint));
        next_ += 2;
        Predicate p;
        std::string_view cmpText = "=";
        if (peekSym("%")) {
            ++next_;
            const auto m = integer();
            if (!m)
                fail("expected a modulus after %, found " + describe(peek()),
                     std::string(kSelectHint));
            if (*m < 1)
                fail("modulus " + std::to_string(*m) + " is not positive",
                     "use a modulus of 1 or more");
            expectSym("=", std::string(kSelectHint));
            p.modulus = m;
        } else {
            const auto cmp =
                std::ranges::find_if(kCmps, [&](const auto& c) { return peekSym(c.first); });
            if (cmp == kCmps.end())
                fail("expected a comparison after \"value\", found " + describe(peek()),
                     std::string(kSelectHint));
            p.cmp = cmp->second;
            cmpText = cmp->first;
            ++next_;
        }
        const auto n = integer();
        if (!n) fail("expected an integer, found " + describe(peek()), std::string(kSelectHint));
        p.operand = *n;
        p.text = "value " + (p.modulus ? "% " + std::to_string(*p.modulus) + ' ' : std::string()) +
                 std::string(cmpText) + ' ' + std::to_string(*n);
        return p;
    }

    const Diagnostic& where_;
    std::string_view after_ = "=";  ///< what an expression follows, for messages
    bool rowValue_ = false;  ///< in E of a predicate update, where `value` is the row's value
    std::vector<Token> tokens_;
    std::size_t next_ = 0;
};

}  // namespace

bool isValidKey(std::string_view name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())) != 0) return false;
    return std::ranges::all_of(name, isWordChar) &&
           std::ranges::all_of(name, [](unsigned char c) { return c < 0x80; });
}

RawCondition parseCondition(std::string_view text, const Diagnostic& where) {
    return Parser(text, where).wholeCondition();
}

RawOp parseOp(std::string_view text, const Diagnostic& where) {
    RawOp op = Parser(text, where).parse();
    op.text = std::string(text);
    op.pos = where.pos;
    return op;
}

}  // namespace isocheck
