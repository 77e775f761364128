#include "history/history.hpp"

#include <algorithm>

namespace isocheck {

bool Predicate::matches(Value v) const {
    if (!v) return false;
    // `%` truncates towards zero, as SQL's `%` and C++'s do: -7 % 3 is -1.
    // The loader only accepts moduli >= 1, so this never divides by zero.
    const std::int64_t lhs = modulus ? *v % *modulus : *v;
    switch (cmp) {
        case Cmp::Eq:
            return lhs == operand;
        case Cmp::Ne:
            return lhs != operand;
        case Cmp::Lt:
            return lhs < operand;
        case Cmp::Le:
            return lhs <= operand;
        case Cmp::Gt:
            return lhs > operand;
        case Cmp::Ge:
            return lhs >= operand;
    }
    return false;
}

std::optional<KeyId> History::findKey(std::string_view name) const {
    // keys are sorted by name (the loader interns them so).
    const auto it = std::lower_bound(keys.begin(), keys.end(), name);
    if (it == keys.end() || *it != name) return std::nullopt;
    return static_cast<KeyId>(it - keys.begin());
}

}  // namespace isocheck
