#include "history/toml_input.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>


namespace isocheck {

SourcePos posOf(const toml::source_region& region) {
    return {region.begin.line, region.begin.column};
}

SourcePos posOf(const toml::node& node) {
    return posOf(node.source());
}

std::string describeType(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        case toml::node_type::array: return "an array";
        case toml::node_type::table: return "a table";
        case toml::node_type::none: break;
    }
    return "nothing";
}

std::string misplacedTopKeyHint(std::string_view key) {
    if (std::ranges::find(kTopKeys, key) == kTopKeys.end()) return {};
    return std::string(key) + " is a top-level key: top-level keys must come before the first table";
}

bool hasControl(std::string_view text) {
    return std::ranges::any_of(text, [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

std::string printable(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') out += {'\\', c};
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";
        else if (u < 0x20 || u == 0x7f) out += fmt::format("\\u{:04X}", u);
        else out += c;
    }
    return out;
}

std::string joinNames(std::span<const std::string_view> names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
        out += names[i];
    }
    return out;
}

Diagnostic TomlInput::at(SourcePos pos) const {
    Diagnostic d;
    d.file = file_;
    d.pos = pos;
    return d;
}

Diagnostic TomlInput::error(SourcePos pos, std::string message, std::string hint) const {
    Diagnostic d = at(pos);
    d.message = std::move(message);
    d.hint = std::move(hint);
    return d;
}

void TomlInput::fail(SourcePos pos, std::string message, std::string hint) const {
    throw InputError(error(pos, std::move(message), std::move(hint)));
}

void TomlInput::checkKeys(const toml::table& table, std::span<const std::string_view> allowed,
                          std::string_view context, std::string_view noun,
                          const std::string& otherwise, DiagnosticList& errors) const {
    // toml::table iterates by key; report the unknown keys in file order.
    std::vector<const toml::key*> unknown;
    for (const auto& [key, node] : table)
        if (std::ranges::find(allowed, key.str()) == allowed.end()) unknown.push_back(&key);
    std::ranges::sort(unknown, {}, [](const toml::key* k) { return posOf(k->source()); });
    for (const toml::key* key : unknown) {
        // A top-level key inside a table was almost always meant for the top level.
        std::string hint = context.empty() ? std::string() : misplacedTopKeyHint(key->str());
        if (hint.empty()) {
            const auto near = closest(key->str(), allowed);
            hint = near ? didYouMean(*near) : otherwise;
        }
        Diagnostic d = at(posOf(key->source()));
        d.message = (context.empty() ? "" : std::string(context) + ": ") + "unknown " +
                    std::string(noun) + " \"" + std::string(key->str()) + '"';
        d.hint = std::move(hint);
        errors.add(std::move(d));
    }
}

SourcePos TomlInput::posInString(const toml::node& node, std::size_t offset) const {
    const SourcePos start = posOf(node);
    const auto* value = node.as_string();
    if (value == nullptr || start.line == 0 || start.column == 0) return start;
    std::size_t lineBegin = 0;
    for (unsigned line = 1; line < start.line; ++line) {
        lineBegin = source_.find('\n', lineBegin);
        if (lineBegin == std::string_view::npos) return start;
        ++lineBegin;
    }
    // Columns count characters; only an ASCII prefix lets us count bytes instead.
    const std::size_t quote = lineBegin + start.column - 1;
    if (quote >= source_.size() ||
        !std::ranges::all_of(source_.substr(lineBegin, start.column - 1),
                             [](unsigned char c) { return c < 0x80; }))
        return start;
    const char q = source_[quote];
    if (q != '"' && q != '\'') return start;
    std::size_t at = quote + 1;
    const bool multiLine = source_.substr(quote).starts_with(std::string(3, q));
    if (multiLine) {
        at = quote + 3;
        // A newline right after the opening delimiter is not part of the string.
        if (source_.substr(at).starts_with("\r\n")) at += 2;
        else if (source_.substr(at).starts_with('\n')) at += 1;
    }
    const std::string_view text = value->get();
    if (offset > text.size()) return start;
    // Walk the source and the value together while they agree character for
    // character (no escapes, ASCII), counting lines and columns.
    SourcePos pos = start;
    pos.column = static_cast<unsigned>(start.column + (at - quote));
    if (multiLine && source_[at - 1] == '\n') pos = {start.line + 1, 1};
    for (std::size_t k = 0; k < offset; ++k, ++at) {
        if (multiLine && at < source_.size() && source_[at] == '\r' && text[k] == '\n') ++at;
        if (at >= source_.size() || source_[at] != text[k] || text[k] == '\\' ||
            static_cast<unsigned char>(text[k]) >= 0x80)
            return start;
        if (text[k] == '\n') {
            if (!multiLine) return start;
            pos = {pos.line + 1, 1};
        } else {
            ++pos.column;
        }
    }
    return pos;
}

}  // namespace isocheck
