#include "support/diagnostic.hpp"

#include <algorithm>

#include "support/assert.hpp"

namespace isocheck {
namespace {

std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) out += (out.empty() ? "" : "\n") + line;
    return out;
}

}  // namespace

std::string Diagnostic::format() const {
    std::string out = file;
    if (pos.line != 0) {
        out += ':' + std::to_string(pos.line);
        if (pos.column != 0) out += ':' + std::to_string(pos.column);
    }
    out += ": ";
    if (!txn.empty()) {
        out += txn;
        if (opIndex >= 0) {
            out += " op " + std::to_string(opIndex + 1);
            if (!opText.empty()) out += " \"" + opText + '"';
        }
        out += ": ";
    }
    out += message;
    if (!hint.empty()) out += " (" + hint + ')';
    return out;
}

std::vector<std::string> formatDiagnostics(std::span<const Diagnostic> all, std::string_view noun) {
    std::vector<std::string> lines;
    // Runs of one file, each capped on its own.
    for (std::size_t begin = 0; begin < all.size();) {
        std::size_t end = begin;
        while (end < all.size() && all[end].file == all[begin].file) ++end;
        const std::size_t shown = std::min(end - begin, kMaxShownDiagnostics);
        for (std::size_t i = begin; i < begin + shown; ++i) lines.push_back(all[i].format());
        if (const std::size_t more = end - begin - shown; more > 0)
            lines.push_back(all[begin].file + ": and " + std::to_string(more) + " more " +
                            std::string(noun) + (more == 1 ? "" : "s"));
        begin = end;
    }
    return lines;
}

InputError::InputError(Diagnostic d) : InputError(std::vector<Diagnostic>{std::move(d)}) {}

InputError::InputError(std::vector<Diagnostic> all)
    : std::runtime_error(joinLines(formatDiagnostics(all, "error"))), diags_(std::move(all)) {
    ISOCHECK_ASSERT(!diags_.empty());
}

std::vector<std::string> InputError::lines() const {
    return formatDiagnostics(diags_, "error");
}

void DiagnosticList::add(const InputError& e) {
    diags_.insert(diags_.end(), e.diagnostics().begin(), e.diagnostics().end());
}

void DiagnosticList::throwIfAny() const {
    if (diags_.empty()) return;
    std::vector<Diagnostic> sorted = diags_;
    std::ranges::stable_sort(sorted, {},
                             [](const Diagnostic& d) { return std::pair(d.pos.line == 0, d.pos); });
    throw InputError(std::move(sorted));
}

}  // namespace isocheck
