#pragma once
// Internal invariants. A failed ISOCHECK_ASSERT is a bug in isocheck, never a
// finding and never bad input: it throws InternalError naming the source line,
// which the command line reports with exit code 70 (EX_SOFTWARE).

#include <stdexcept>
#include <string>

namespace isocheck {

class InternalError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

[[noreturn]] void assertionFailed(const char* expr, const char* file, int line);

}  // namespace isocheck

#define ISOCHECK_ASSERT(cond) \
    ((cond) ? static_cast<void>(0) : ::isocheck::assertionFailed(#cond, __FILE__, __LINE__))
