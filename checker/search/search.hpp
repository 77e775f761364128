#pragma once
// `isocheck search` (issue 8; specs/search.md): every transaction program
// within bounds, smallest first and each once up to renaming of transactions
// and rows, explored under the models a query names; the smallest programs
// that match. Also the separation table: for every ordered pair of models,
// the smallest program the first allows and the second forbids.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "anomaly/result.hpp"
#include "history/history.hpp"

namespace isocheck {

/// What programs may contain (--txns, --ops, --keys, --with).
struct SearchBounds {
    int txns = 2;            ///< at most this many transactions
    int ops = 3;             ///< at most this many operations per transaction, commit or abort not counted
    int keys = 2;            ///< rows x, y, z, ...
    bool predicates = false; ///< `select where value > 0`; the last row starts absent
    bool deletes = false;    ///< `d K`
    bool aborts = false;     ///< a transaction may end with `abort`
    bool forUpdate = false;  ///< `r K for update`
    bool retention = false;  ///< the multiversion models keep one version (`retention = 1`)
    /// `w K = 0 if L >= 1`, L the row the transaction read last, and the
    /// invariant that the rows named sum to 1 or more (doctors on call)
    bool guards = false;
};

/// What a program must show (--allows, --forbids, --exhibits, --read-only-matters).
struct SearchQuery {
    std::vector<std::string> allows;   ///< each exhibits `exhibits`
    std::vector<std::string> forbids;  ///< none exhibits it
    /// An anomaly class (G0 ... G2), a phenomenon (P0 ... A5B), "deadlock",
    /// "snapshot-too-old", "invariant" (a final state violates one),
    /// "anomaly" (any class; the default) or "anything" (any class or phenomenon).
    std::string exhibits = "anomaly";
    /// With its read-only transactions the program exhibits it under every
    /// allowing model; without them it does not.
    bool readOnlyMatters = false;
};

/// One program found: the history and its run under every model.
struct SearchMatch {
    std::uint64_t index = 0;  ///< its place in the enumeration, from 1
    std::string toml;         ///< the history file, with [expect] for every model
    History history;
    FileResult result;        ///< every model
};

/// How far a search went.
struct SearchStats {
    std::uint64_t programs = 0;  ///< canonical programs enumerated
    std::uint64_t checked = 0;   ///< of which explored (the rest failed a cheap filter)
    int largest = 0;             ///< the largest size (operations in all) reached
};

struct SearchOptions {
    SearchBounds bounds;
    unsigned jobs = 1;
    std::size_t count = 1;  ///< stop after this many matches
    /// Called after each size (total operations) is done, for progress.
    std::function<void(const SearchStats&)> progress;
};

/// The history files (without title or expectations) of the canonical
/// programs within bounds in which some row one transaction writes another
/// reads, writes or selects, in enumeration order; at most `limit`.
[[nodiscard]] std::vector<std::string> programTexts(const SearchBounds& b, std::size_t limit);

/// `[expect.MODEL]` for every model of `r`, as found: anomalies, phenomena,
/// deadlock, snapshot_too_old, `possible` for a fixed schedule and
/// `invariants_hold` when `h` has invariants.
[[nodiscard]] std::string expectTables(const History& h, const FileResult& r);

/// Whether `what` names something a query can ask for (see SearchQuery::exhibits).
[[nodiscard]] bool knownExhibit(const std::string& what);

/// Whether the model's result exhibits `what`.
[[nodiscard]] bool exhibits(const ModelResult& m, const std::string& what);

/// The smallest programs that match, in enumeration order (specs/search.md).
[[nodiscard]] std::vector<SearchMatch> search(const SearchQuery& q, const SearchOptions& o,
                                              SearchStats* stats = nullptr);

/// For every ordered pair of distinct models (allows, forbids): the smallest
/// program within bounds that the first allows (exhibits `what`) and the
/// second forbids, or none.
struct Separation {
    std::string allows;
    std::string forbids;
    std::optional<SearchMatch> example;
};
[[nodiscard]] std::vector<Separation> separate(const std::vector<std::string>& models,
                                               const std::string& what, const SearchOptions& o,
                                               SearchStats* stats = nullptr);

}  // namespace isocheck
