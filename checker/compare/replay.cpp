#include "compare/replay.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "report/trace.hpp"
#include "run/run.hpp"

namespace isocheck {
namespace {

// The rule behind an abort, in the matrix's words.
std::string abortRule(AbortCause cause, const std::string& why) {
    switch (cause) {
        case AbortCause::Deadlock: return "deadlock";
        case AbortCause::SnapshotTooOld: return "aborts (snapshot too old)";
        case AbortCause::User: return "aborts (user)";
        case AbortCause::None: break;
        case AbortCause::Serialization:
            if (why.find("pivot") != std::string::npos) return "aborts (SSI)";
            if (why.find("first-committer-wins") != std::string::npos)
                return "aborts (first-committer-wins)";
            return "aborts (first-updater-wins)";
    }
    return "aborts";
}

// Where the replay first read another version than the witness's read of
// the same operation: the index in `replay`, and what each read.
struct OtherRead {
    std::size_t index;
    std::string detail;
};

std::optional<OtherRead> otherRead(const History& h, const Trace& witness, const Trace& replay) {
    for (std::size_t i = 0; i < replay.size(); ++i) {
        const Event& e = replay[i];
        if (e.kind != EventKind::Read && e.kind != EventKind::PredicateRead) continue;
        // One operation can read several rows (a predicate update): match the row too.
        const auto same = std::ranges::find_if(witness, [&](const Event& w) {
            return w.kind == e.kind && w.txn == e.txn && w.op == e.op &&
                   (e.kind != EventKind::Read || w.key == e.key);
        });
        if (same == witness.end()) continue;
        const bool differs = e.kind == EventKind::Read
                                 ? (same->version != e.version || same->value != e.value)
                                 : same->returned != e.returned;
        if (differs)
            return OtherRead{i, fmt::format("{} where the witness read {}", formatTrace(h, Trace{e}),
                                            formatTrace(h, Trace{*same}))};
    }
    return std::nullopt;
}

// Scheduled steps before index `i` of a trace (an operation that logged
// several events, `u K = E` or a predicate write, is one step).
std::size_t stepsBefore(const Trace& t, std::size_t i) {
    return scheduleOf(Trace(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(i))).size();
}

}  // namespace

Replay replayWitness(const History& h, const std::string& model, const Trace& witness) {
    Replay out;
    std::vector<TxnId> schedule = scheduleOf(witness);
    History g = h;
    g.expectations.clear();
    RunOptions options;
    options.onlyModels = {model};
    std::string firstWait;  // `step 5: T2 op 2 "w x = x + 1" waits for T1 (lock on x)`
    std::size_t firstWaitStep = 0;
    // Each round moves one step of another transaction before a waiting one,
    // or shortens the schedule, so the rounds are bounded.
    const std::size_t rounds = schedule.size() * schedule.size() + 2;
    for (std::size_t round = 0; round < rounds; ++round) {
        g.schedule = schedule;
        FileResult r = runHistory(g, options);
        out.result = std::move(r.models.front());
        const ScheduleVerdict& v = *out.result.schedule;
        if (!v.possible && v.failedAt < schedule.size()) {
            if (v.wait.waitsFor != 0) {
                if (firstWait.empty()) {
                    firstWait = fmt::format("step {}: {}", v.failedAt + 1, v.wait.why);
                    firstWaitStep = v.failedAt;
                }
                const TxnId waiting = schedule[v.failedAt];
                const auto next =
                    std::find_if(schedule.begin() + static_cast<std::ptrdiff_t>(v.failedAt),
                                 schedule.end(), [&](TxnId t) { return t != waiting; });
                if (next != schedule.end()) {
                    const TxnId other = *next;
                    schedule.erase(next);
                    schedule.insert(schedule.begin() + static_cast<std::ptrdiff_t>(v.failedAt), other);
                    continue;
                }
            }
            // The step's transaction has ended (or nothing else can go first):
            // run what could happen, then the tail.
            schedule.resize(v.failedAt);
            continue;
        }
        const Trace& trace = v.trace;
        const auto read = otherRead(h, witness, trace);
        const auto abortAt = std::ranges::find_if(trace, [](const Event& e) {
            return e.kind == EventKind::Abort && e.cause != AbortCause::User && e.cause != AbortCause::None;
        });
        const std::size_t abortIndex = static_cast<std::size_t>(abortAt - trace.begin());
        const bool aborted = abortAt != trace.end();
        const std::size_t readStep = read ? stepsBefore(trace, read->index) : 0;
        const bool readFirst = read && (firstWait.empty() || readStep < firstWaitStep) &&
                               (!aborted || read->index < abortIndex);
        // A read decides when it came first, or when nothing else happened.
        const bool readDecides = read && (readFirst || (!aborted && firstWait.empty()));
        if (readDecides) {
            out.difference = Replay::Difference::OtherRead;
            out.how = "reads another version";
            out.detail = fmt::format("step {} reads {}", readStep + 1, read->detail);
        } else if (aborted) {
            const auto finding = std::ranges::find_if(out.result.aborts, [&](const AbortFinding& a) {
                return a.txn == abortAt->txn && a.cause == abortAt->cause;
            });
            const std::string why = finding != out.result.aborts.end() ? finding->why : std::string();
            out.difference = Replay::Difference::Aborts;
            out.how = abortRule(abortAt->cause, why);
            out.detail = fmt::format("{} aborts: {}", h.txns.at(abortAt->txn).name,
                                     why.empty() ? causeName(abortAt->cause) : why);
            const std::size_t before = stepsBefore(trace, abortIndex);
            out.detail = abortAt->scheduled ? fmt::format("step {}: {}", before + 1, out.detail)
                                            : fmt::format("after step {}, {}", before, out.detail);
            if (!firstWait.empty()) out.detail = firstWait + "; then " + out.detail;
        } else if (!firstWait.empty()) {
            out.difference = Replay::Difference::Waits;
            out.how = "waits for a lock";
            out.detail = firstWait;
        } else {
            out.how = "prevented";
            out.detail = "the same schedule runs as the witness did";
        }
        return out;
    }
    out.difference = Replay::Difference::Waits;
    out.how = "waits for a lock";
    out.detail = firstWait;
    return out;
}

}  // namespace isocheck
