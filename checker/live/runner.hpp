#pragma once
// Runs a history on a real server (specs/live.md): one connection per
// transaction, statements sent in the order of a transcript, a statement
// the server blocks seen as waiting (it has not returned within a short
// time), and each step's outcome and values recorded as a fixed-schedule
// check records them; then the model's prediction for the same transcript,
// step by step, beside it.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "anomaly/result.hpp"
#include "history/history.hpp"
#include "live/connection.hpp"

namespace isocheck::live {

struct LiveOptions {
    Engine engine = Engine::Postgres;
    std::string connect;                    ///< connection string (connection.hpp)
    std::string model;                      ///< the engine model whose level is used
    std::chrono::milliseconds wait{250};    ///< a statement not back by then waits
    std::chrono::milliseconds patience{20000};  ///< longest wait for a blocked session
    std::string table;                      ///< scratch table; empty: isocheck_<pid>
};

/// What a server or a model did with one step.
struct StepResult {
    StepOutcome outcome = StepOutcome::Runs;
    bool skipped = false;                ///< its guard did not hold
    std::optional<Value> value;          ///< r, r for update, u: the value read (u: written); nullopt: none
    std::optional<std::vector<KeyId>> rows;  ///< select: the rows returned
    std::string failure;                 ///< fails: "serialization failure", "deadlock", "lock timeout", "error"
    std::string message;                 ///< fails: the server's SQLSTATE and message (not compared)
    /// The same outcome, values and failure; the message aside.
    [[nodiscard]] bool sameAs(const StepResult& o) const {
        return outcome == o.outcome && skipped == o.skipped && value == o.value && rows == o.rows &&
               failure == o.failure;
    }
};

struct LiveStep {
    TxnId txn = 0;
    std::size_t op = 0;          ///< index into the transaction's ops
    StepResult server;
    std::optional<StepResult> model;  ///< nullopt where the model's run had ended
    [[nodiscard]] bool agrees() const;
};

struct LiveRun {
    std::string model;
    std::vector<TxnId> order;        ///< the steps sent, as a transcript
    std::vector<LiveStep> steps;     ///< one per step sent or completed, in sending order
    std::vector<std::pair<KeyId, Value>> finalRows;        ///< the server's rows at the end
    std::optional<std::vector<std::pair<KeyId, Value>>> modelRows;  ///< the model's
    std::string modelWhy;            ///< where the model's run could not follow, if it could not
    std::string stuck;               ///< set when a blocked statement never came back
    /// The steps that waited, in the order they returned on the server
    /// (History::releaseOrder: the model follows it where it lets several go at once).
    std::vector<std::size_t> released;
    [[nodiscard]] bool agrees() const;
    /// The first step where server and model differ, in words; empty when they agree.
    [[nodiscard]] std::string firstDifference(const History& h) const;
};

/// Runs `order` (a transcript: the transaction of each statement sent) on
/// the server, then the rest of each transaction in file order as the
/// models complete a schedule (SPEC 3.1), and the model beside it.
/// Throws LiveError when the server cannot be used.
[[nodiscard]] LiveRun runLive(const History& h, const std::vector<TxnId>& order, const LiveOptions& o);

/// The model's prediction for `order` sent as a transcript: per step, as
/// runLive records it; of the waiting steps the model releases at once,
/// those in `released` go first, in its order.
[[nodiscard]] LiveRun predict(const History& h, const std::vector<TxnId>& order, const std::string& model,
                              const std::vector<std::size_t>& released = {});

/// `runs`, `waits`, `fails (deadlock)`, `runs, read 10`, ...
[[nodiscard]] std::string describe(const History& h, const StepResult& r);

}  // namespace isocheck::live
