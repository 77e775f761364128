#include "support/assert.hpp"

namespace isocheck {

void assertionFailed(const char* expr, const char* file, int line) {
    throw InternalError(std::string("internal error: ") + file + ':' + std::to_string(line) +
                        ": assertion failed: " + expr);
}

}  // namespace isocheck
