#include "support/diagnostic.hpp"

namespace isocheck {

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

InputError::InputError(Diagnostic d) : std::runtime_error(d.format()), diag_(std::move(d)) {}

}  // namespace isocheck
