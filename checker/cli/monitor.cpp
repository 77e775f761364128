#include "cli/monitor.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "report/report.hpp"

namespace isocheck {
namespace {

using namespace std::chrono_literals;

constexpr auto kFirstDraw = 1s;      // a run shorter than this shows nothing
constexpr auto kRedraw = 500ms;
constexpr std::size_t kEcho = 2;     // "^C"

// `12.5 s`, `2m05s`.
std::string elapsed(double seconds) {
    if (seconds < 60) return fmt::format("{:.1f} s", seconds);
    const auto s = static_cast<std::uint64_t>(seconds);
    return fmt::format("{}m{:02}s", s / 60, s % 60);
}

// The terminal's width, so that the line never wraps (a wrapped line cannot
// be rewritten with '\r'); 0 when unknown.
std::size_t terminalColumns() {
    winsize ws{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0) return ws.ws_col;
    return 0;
}

// At most `width` bytes, not cutting a UTF-8 sequence.
void truncate(std::string& s, std::size_t width) {
    if (s.size() <= width) return;
    std::size_t n = width;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    s.resize(n);
}

}  // namespace

RunMonitor::RunMonitor(RunControl& control, std::optional<Seconds> timeout, std::ostream* progress)
    : control_(control), progress_(progress) {
    if (timeout)
        deadline_ = start_ + std::chrono::duration_cast<Clock::duration>(*timeout);
    if (deadline_ || progress_ != nullptr) thread_ = std::thread([this] { loop(); });
}

RunMonitor::~RunMonitor() { stop(); }

void RunMonitor::working(const std::string& file, const std::string& model, std::size_t index,
                         std::size_t count) {
    const std::lock_guard lock(mutex_);
    if (file != file_) {
        control_.states.store(0, std::memory_order_relaxed);
        control_.executions.store(0, std::memory_order_relaxed);
        fileStart_ = Clock::now();
        file_ = file;
    }
    model_ = model;
    index_ = index;
    count_ = count;
}

void RunMonitor::stop() {
    {
        const std::lock_guard lock(mutex_);
        done_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void RunMonitor::loop() {
    std::unique_lock lock(mutex_);
    auto nextDraw = start_ + kFirstDraw;
    for (;;) {
        std::optional<Clock::time_point> wakeAt;
        if (progress_ != nullptr) wakeAt = nextDraw;
        if (deadline_) wakeAt = wakeAt ? std::min(*wakeAt, *deadline_) : *deadline_;
        if (wakeAt) wake_.wait_until(lock, *wakeAt, [this] { return done_; });
        else wake_.wait(lock, [this] { return done_; });
        if (done_) break;
        const auto now = Clock::now();
        if (deadline_ && now >= *deadline_) {
            control_.requestStop(StopReason::Timeout);
            deadline_.reset();
        }
        if (progress_ != nullptr && now >= nextDraw) {
            draw(now);
            nextDraw += kRedraw;
            if (nextDraw <= now) nextDraw = now + kRedraw;
        }
    }
    clear();
}

void RunMonitor::draw(Clock::time_point now) {
    const std::uint64_t states = control_.states.load(std::memory_order_relaxed);
    const std::uint64_t executions = control_.executions.load(std::memory_order_relaxed);
    const double fileSeconds = Seconds(now - fileStart_).count();
    const auto rate = fileSeconds > 0 ? static_cast<std::uint64_t>(static_cast<double>(states) / fileSeconds) : 0;
    std::string line = file_;
    if (!model_.empty()) line += fmt::format(": {} ({}/{})", model_, index_, count_);
    line += fmt::format(": {}, {}, {} states/s, {}", plural(states, "state"),
                        plural(executions, "execution"), grouped(rate),
                        elapsed(Seconds(now - start_).count()));
    // Room is left for the "^C" the terminal echoes after the line on an
    // interrupt, so that it does not wrap either and clear() can erase it.
    if (const std::size_t columns = terminalColumns(); columns > kEcho + 1)
        truncate(line, columns - kEcho - 1);
    // Spaces over what is left of a longer previous line: no terminal escapes needed.
    std::string text = '\r' + line;
    if (drawn_ > line.size()) text.append(drawn_ - line.size(), ' ');
    *progress_ << text << std::flush;
    drawn_ = line.size();
}

void RunMonitor::clear() {
    if (progress_ == nullptr || drawn_ == 0) return;
    *progress_ << '\r' << std::string(drawn_ + kEcho, ' ') << '\r' << std::flush;
    drawn_ = 0;
}

}  // namespace isocheck
