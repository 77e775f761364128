#include "cli/interrupt.hpp"

#include <atomic>
#include <cstdint>
#include <ctime>

namespace isocheck {
namespace {

// The handler's only way to the run: set before the handlers are installed,
// cleared after they are restored.
std::atomic<RunControl*> gControl{nullptr};

// Only lock-free atomics may be touched from a signal handler.
static_assert(std::atomic<RunControl*>::is_always_lock_free);
static_assert(std::atomic<StopReason>::is_always_lock_free);
static_assert(std::atomic<std::int64_t>::is_always_lock_free);

// When the first stop signal came (CLOCK_MONOTONIC, ns), or -1 before it.
std::atomic<std::int64_t> gFirstSignalNs{-1};

// A signal this soon after the first is the same request delivered twice:
// `timeout` sends its signal to the child and then to its whole process
// group, and a terminal's Ctrl-C reaches every process of the foreground
// group. Only a signal after this grace period means "stop now".
constexpr std::int64_t kRepeatGraceNs = 1'000'000'000;

std::int64_t monotonicNs() {
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);  // async-signal-safe (POSIX)
    return std::int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
}

extern "C" void onStopSignal(int signal) {
    const std::int64_t now = monotonicNs();
    std::int64_t first = -1;
    if (!gFirstSignalNs.compare_exchange_strong(first, now) && now - first >= kRepeatGraceNs) {
        // The run did not stop soon enough for the user: die of the signal,
        // as the default action would have (the shell sees 128 + signal).
        struct sigaction fallback = {};
        fallback.sa_handler = SIG_DFL;
        sigemptyset(&fallback.sa_mask);
        ::sigaction(signal, &fallback, nullptr);
        ::raise(signal);  // blocked in the handler; delivered when it returns
        return;
    }
    if (RunControl* control = gControl.load(std::memory_order_relaxed))
        control->requestStop(StopReason::Interrupt);
}

}  // namespace

InterruptHandlers::InterruptHandlers(RunControl& control) {
    gControl.store(&control);
    gFirstSignalNs.store(-1);
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (std::size_t i = 0; i < std::size(kSignals); ++i) {
        if (::sigaction(kSignals[i], nullptr, &previous_[i]) != 0) continue;
        const bool ignored = (previous_[i].sa_flags & SA_SIGINFO) == 0 &&
                             previous_[i].sa_handler == SIG_IGN;
        if (ignored) continue;
        installed_[i] = ::sigaction(kSignals[i], &action, nullptr) == 0;
    }
}

InterruptHandlers::~InterruptHandlers() {
    for (std::size_t i = 0; i < std::size(kSignals); ++i)
        if (installed_[i]) ::sigaction(kSignals[i], &previous_[i], nullptr);
    gControl.store(nullptr);
}

}  // namespace isocheck
