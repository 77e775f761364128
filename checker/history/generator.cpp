#include "history/generator.hpp"

#include <algorithm>
#include <vector>

namespace isocheck {

std::uint64_t SplitMix64::next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

int SplitMix64::between(int lo, int hi) {
    return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
}

std::string GeneratedHistory::toml() const {
    std::string out = "title = \"" + title + "\"\n";
    if (!invariants.empty()) {
        out += "invariants = [";
        for (std::size_t i = 0; i < invariants.size(); ++i)
            out += (i > 0 ? ", \"" : "\"") + invariants[i] + '"';
        out += "]\n";
    }
    out += "\n[initial]\n";
    for (const auto& [key, value] : initial) out += key + " = " + std::to_string(value) + "\n";
    for (std::size_t t = 0; t < txns.size(); ++t) {
        const auto& ops = txns[t];
        out += "\n[[txn]]\n";
        if (t < readOnly.size() && readOnly[t]) out += "read-only = true\n";
        out += "ops = [";
        for (std::size_t i = 0; i < ops.size(); ++i) out += (i > 0 ? ", \"" : "\"") + ops[i] + '"';
        out += "]\n";
    }
    bool snapshotTable = false;
    for (const auto& [model, n] : retention) {
        out += "\n[model." + model + "]\nretention = " + std::to_string(n) + "\n";
        if (model == "snapshot" && firstCommitterWins) {
            out += "first-committer-wins = true\n";
            snapshotTable = true;
        }
    }
    if (firstCommitterWins && !snapshotTable) out += "\n[model.snapshot]\nfirst-committer-wins = true\n";
    return out;
}

GeneratedHistory generateHistory(std::uint64_t seed, const GeneratorOptions& o) {
    SplitMix64 rng(seed);
    GeneratedHistory g;
    g.title = "random history, seed " + std::to_string(seed);
    std::vector<std::string> keys;
    keys.reserve(static_cast<std::size_t>(o.keys));
    for (int k = 0; k < o.keys; ++k) keys.push_back(std::string(1, static_cast<char>('x' + k % 3)) +
                                                    (k < 3 ? "" : std::to_string(k / 3)));
    for (const auto& k : keys)
        if (o.updatesOnly || rng.between(0, 3) != 0) g.initial.emplace_back(k, rng.between(0, 3));
    const int txns = rng.between(o.minTxns, o.maxTxns);
    for (int t = 0; t < txns; ++t) {
        std::vector<std::string>& ops = g.txns.emplace_back();
        std::vector<bool> bound(keys.size(), false);
        const int count = rng.between(o.minOps, std::max(o.minOps, std::min(o.maxOps, o.maxTotalOps / txns)));
        for (int i = 0; i + 1 < count; ++i) {
            const auto k = static_cast<std::size_t>(rng.between(0, o.keys - 1));
            const std::string& key = keys[k];
            std::string op;
            const bool writes = o.predicates && o.predicateWrites;
            switch (rng.between(0, writes ? 9 : o.predicates ? 7 : 6)) {
                case 0: case 1: op = "r " + key; break;
                case 2: op = "r " + key + " for update"; break;
                case 3: case 4:
                    op = "w " + key + " = " + (bound[k] ? key + " + 1" : std::to_string(rng.between(0, 3)));
                    break;
                case 5: op = "u " + key + " = " + key + " + " + std::to_string(rng.between(1, 2)); break;
                case 6: op = (o.updatesOnly ? "r " : "d ") + key; break;
                case 7: op = "select where value > " + std::to_string(rng.between(0, 2)); break;
                case 8:
                    op = "update where value >= " + std::to_string(rng.between(0, 2)) +
                         " set value = value + " + std::to_string(rng.between(1, 2));
                    break;
                default: op = "delete where value = " + std::to_string(rng.between(0, 2)); break;
            }
            const bool predicate = op.find(" where ") != std::string::npos;
            // A guard names a key bound before this operation, and leaves
            // the operation's own key unbound (it may be skipped).
            bool guarded = false;
            if (o.guards && op[0] != 's' && op[0] != 'r' && rng.between(0, 1) == 0) {
                const auto j = static_cast<std::size_t>(rng.between(0, o.keys - 1));
                for (std::size_t n = 0; n < keys.size() && !guarded; ++n) {
                    const std::size_t c = (j + n) % keys.size();
                    if (!bound[c]) continue;
                    op += " if " + keys[c] + (rng.between(0, 1) == 0 ? " >= " : " < ") +
                          std::to_string(rng.between(0, 3));
                    guarded = true;
                }
            }
            if (!predicate && !guarded) bound[k] = true;
            ops.push_back(std::move(op));
        }
        if (o.guards && rng.between(0, 2) == 0)
            for (std::size_t c = 0; c < keys.size(); ++c)
                if (bound[c]) {
                    ops.push_back("abort if " + keys[c] + " > " + std::to_string(rng.between(0, 3)));
                    break;
                }
        ops.emplace_back(o.aborts && rng.between(0, 5) == 0 ? "abort" : "commit");
        // Drawn only with the option, so that other histories stay as they were.
        const bool readsOnly = std::ranges::all_of(ops, [](const std::string& op) {
            return (op.starts_with("r ") && !op.ends_with(" for update")) || op.starts_with("select ") ||
                   op == "commit" || op == "abort" || op.starts_with("abort if");
        });
        g.readOnly.push_back(o.readOnly && readsOnly && rng.between(0, 1) == 0);
    }
    // Over rows of [initial], which every history has as keys.
    if (o.guards && !g.initial.empty())
        g.invariants.push_back(g.initial.front().first + " + " + g.initial.back().first + " >= " +
                               std::to_string(rng.between(1, 4)));
    // Drawn last, so that histories without retention are those of earlier versions.
    if (o.retention)
        for (const char* model : {"read-committed-snapshot", "snapshot", "serializable-snapshot"})
            if (rng.between(0, 2) == 0) g.retention.emplace_back(model, rng.between(1, 2));
    if (o.firstCommitterWins) g.firstCommitterWins = rng.between(0, 3) == 0;
    return g;
}

std::string randomHistoryToml(std::uint64_t seed, const GeneratorOptions& o) {
    return generateHistory(seed, o).toml();
}

}  // namespace isocheck
