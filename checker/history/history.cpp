#include "history/history.hpp"

#include <algorithm>

namespace isocheck {

bool compare(std::int64_t lhs, Predicate::Cmp cmp, std::int64_t rhs) {
    using Cmp = Predicate::Cmp;
    switch (cmp) {
        case Cmp::Eq:
            return lhs == rhs;
        case Cmp::Ne:
            return lhs != rhs;
        case Cmp::Lt:
            return lhs < rhs;
        case Cmp::Le:
            return lhs <= rhs;
        case Cmp::Gt:
            return lhs > rhs;
        case Cmp::Ge:
            return lhs >= rhs;
    }
    return false;
}

bool Predicate::matches(Value v) const {
    if (!v) return false;
    // `%` truncates towards zero, as SQL's `%` and C++'s do: -7 % 3 is -1.
    // The loader only accepts moduli >= 1, so this never divides by zero.
    const std::int64_t lhs = modulus ? *v % *modulus : *v;
    return compare(lhs, cmp, operand);
}

bool History::hasGuards() const {
    return std::ranges::any_of(txns, [](const Txn& t) {
        return std::ranges::any_of(t.ops, [](const Op& o) { return o.guard.has_value(); });
    });
}

bool History::hasPredicateWrites() const {
    return std::ranges::any_of(txns, [](const Txn& t) {
        return std::ranges::any_of(t.ops, [](const Op& o) { return o.predicateWrite(); });
    });
}

std::optional<KeyId> History::findKey(std::string_view name) const {
    // keys are sorted by name (the loader interns them so).
    const auto it = std::lower_bound(keys.begin(), keys.end(), name);
    if (it == keys.end() || *it != name) return std::nullopt;
    return static_cast<KeyId>(it - keys.begin());
}

}  // namespace isocheck
