#pragma once
// Final states and serializability of final states: a final state is
// serializable when it equals the final state of some serial order of the
// committed transactions run alone from the initial rows (SPEC section 3).
//
// The oracle searches for one serial order that ends in the given state
// instead of enumerating every final state (see serial.cpp), and caches its
// answers per (committed set, state). Each exploration worker owns its own
// oracle; nothing is shared between oracles.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "execution/state.hpp"
#include "history/history.hpp"

namespace isocheck {

using Rows = std::vector<std::pair<KeyId, Value>>;  ///< existing rows, ascending KeyId

/// The rows that exist at the end of the execution `s` (newest committed versions).
[[nodiscard]] Rows finalRows(const History& h, const State& s);

/// The invariants of h (indexes, ascending) that `rows` violate: those that
/// evaluate to false; null operands (absent rows, null values) pass (SPEC 1.1).
[[nodiscard]] std::vector<std::size_t> violatedInvariants(const History& h, const Rows& rows);

/// Transaction `t` run alone on `rows` (SPEC 1.1): the rows it leaves. The one
/// definition of a serial run; the oracle's search is built on it.
[[nodiscard]] Rows runAlone(const History& h, TxnId t, const Rows& rows);

class SerialOracle {
public:
    explicit SerialOracle(const History& h);
    /// Whether `rows` is the final state of some serial order of `committed`
    /// (a bit set of transactions of the history).
    [[nodiscard]] bool serializable(std::uint64_t committed, const Rows& rows);

    /// What one transaction can do to the rows, found once from its operations.
    struct Effect {
        std::uint64_t writes = 0;   ///< rows it writes or deletes (always, whatever it reads)
        std::uint64_t depends = 0;  ///< rows whose values before it runs can change what it writes
        std::uint64_t crosses = 0;  ///< those that can change what it writes into another row
        std::uint64_t resets = 0;   ///< rows it writes with values that depend on no row
        std::uint64_t twins = 0;    ///< transactions before it with the very same operations
    };
    /// A row as the search keeps it: nullopt when absent.
    using Cell = std::optional<Value>;

private:
    struct RowsHash {
        std::size_t operator()(const Rows& rows) const;
    };
    /// At most this many answers are kept; then the cache starts afresh.
    static constexpr std::size_t kMaxAnswers = std::size_t{1} << 14;

    [[nodiscard]] bool decide(std::uint64_t committed, const std::vector<Cell>& target);
    /// decide() for a history with guarded operations.
    [[nodiscard]] bool decideGuarded(std::uint64_t committed, const std::vector<Cell>& target);
    /// What blind transaction `t` (it depends on no key) writes, whatever the rows.
    [[nodiscard]] const std::vector<Cell>& blindOutput(TxnId t);

    const History& h_;
    bool guarded_ = false;  ///< some operation has a guard or is a predicate write: decideGuarded
    std::vector<Effect> effects_;                          ///< by TxnId
    std::vector<std::uint64_t> writers_;                   ///< KeyId -> transactions writing it
    std::vector<Cell> initial_;                            ///< KeyId -> initial row
    std::vector<std::optional<std::vector<Cell>>> blind_;  ///< TxnId -> blindOutput, once computed
    std::unordered_map<std::uint64_t, std::unordered_map<Rows, bool, RowsHash>> answers_;
    std::size_t answerCount_ = 0;
};

}  // namespace isocheck
