#include "history/toml_input.hpp"

#include <algorithm>
#include <limits>

#include "models/registry.hpp"

namespace isocheck {

SourcePos posOf(const toml::source_region& region) {
    return {region.begin.line, region.begin.column};
}

SourcePos posOf(const toml::node& node) {
    return posOf(node.source());
}

std::optional<std::string_view> closestName(std::string_view name,
                                            std::span<const std::string_view> names) {
    std::optional<std::string_view> best;
    std::size_t bestDistance = std::numeric_limits<std::size_t>::max();
    for (const std::string_view candidate : names) {
        const std::size_t d = editDistance(name, candidate);
        if (d < bestDistance) {
            bestDistance = d;
            best = candidate;
        }
    }
    // Close means a typo, not a different word: at most a third of the name.
    if (!best || bestDistance > std::max<std::size_t>(1, best->size() / 3)) return std::nullopt;
    return best;
}

std::string didYouMean(std::string_view name) {
    return "did you mean \"" + std::string(name) + "\"?";
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

void TomlInput::fail(SourcePos pos, std::string message, std::string hint) const {
    Diagnostic d = at(pos);
    d.message = std::move(message);
    d.hint = std::move(hint);
    throw InputError(std::move(d));
}

void TomlInput::checkKeys(const toml::table& table, std::span<const std::string_view> allowed,
                          std::string_view context, std::string_view noun,
                          std::string otherwise) const {
    // toml::table iterates by key; report the unknown key that comes first in the file.
    const toml::key* first = nullptr;
    for (const auto& [key, node] : table) {
        if (std::ranges::find(allowed, key.str()) != allowed.end()) continue;
        if (first == nullptr || posOf(key.source()) < posOf(first->source())) first = &key;
    }
    if (first == nullptr) return;
    const auto near = closestName(first->str(), allowed);
    fail(posOf(first->source()),
         (context.empty() ? "" : std::string(context) + ": ") + "unknown " + std::string(noun) +
             " \"" + std::string(first->str()) + '"',
         near ? didYouMean(*near) : std::move(otherwise));
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
    const std::string_view line =
        source_.substr(lineBegin, source_.find('\n', lineBegin) - lineBegin);
    // Columns count characters; only an ASCII prefix lets us count bytes instead.
    const std::size_t quote = start.column - 1;
    if (quote >= line.size() ||
        !std::ranges::all_of(line.substr(0, quote), [](unsigned char c) { return c < 0x80; }))
        return start;
    const char q = line[quote];
    const std::string_view raw = line.substr(quote + 1);
    const std::string_view text = value->get();
    if ((q != '"' && q != '\'') || raw.starts_with(std::string(2, q)) || offset > text.size() ||
        !raw.starts_with(text.substr(0, offset)) ||
        text.substr(0, offset).find('\\') != std::string_view::npos)
        return start;
    return {start.line, static_cast<unsigned>(start.column + 1 + offset)};
}

}  // namespace isocheck
