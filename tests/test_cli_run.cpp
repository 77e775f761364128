// `isocheck check` as a long run (SPEC 4, issue 5 items 4 and 6): the options
// that bound and parallelise the work, parsed strictly with messages word for
// word; --timeout, interrupts and --max-states stopping the work with exit 3
// and a partial report that never says "none" nor "met"; no progress line
// when stderr is not a terminal; warnings before exploring a history too big
// to explore; and reports byte-identical across runs and --jobs values apart
// from the seconds and memory.
//
// The big runs carry --max-states as well, so that they end even with an
// explorer that does not stop on request (it then ends the model at that
// bound); the models after the stop are not explored either way.

#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "cli/estimate.hpp"
#include "cli/numbers.hpp"
#include "history/loader.hpp"
#include "scratch.hpp"
#include "timings.hpp"

namespace isocheck {
namespace {

using test::Run;
using test::inProcess;
using test::Scratch;
using test::stripTimings;

// `prefix 'isocheck' args` through the shell in the scratch directory, e.g.
// with `timeout -s INT 0.3` as prefix.
Run shell(const Scratch& s, const std::string& prefix, const std::string& args) {
    const std::string errFile = (s.dir() / "stderr.txt").string();
    const std::string cmd = "cd '" + s.dir().string() + "' && " + prefix + " '" ISOCHECK_BINARY
                            "' " + args + " 2>'" + errFile + "'";
    Run r;
    const auto [out, status] = test::shellOutput(cmd);
    r.out = out;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = test::slurp(errFile);
    return r;
}

// counter-N of the perf workloads: N transactions each `r x; w x = x + 1`,
// under every model, with an expectation that an incomplete run must not judge.
std::string counter(int n) {
    std::string s = "title = \"counter\"\n[initial]\nx = 0\n";
    for (int i = 0; i < n; ++i) s += "[[txn]]\nops = [\"r x\", \"w x = x + 1\", \"commit\"]\n";
    return s + "[expect.snapshot]\ndeadlock = false\n[expect.serializable]\ndeadlock = true\n";
}

// Three transactions of nine writes of x each: a huge estimate, yet under
// `serializable` the first write's lock makes every execution serial (six).
std::string serialBig() {
    std::string ops;
    for (int i = 1; i <= 9; ++i) ops += "\"w x = " + std::to_string(i) + "\", ";
    std::string s = "models = [\"serializable\"]\n";
    for (int i = 0; i < 3; ++i) s += "[[txn]]\nops = [" + ops + "\"commit\"]\n";
    return s;
}

constexpr const char* kLost = R"(title = "Lost update"
models = ["read-committed", "snapshot"]
[initial]
x = 10
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
[expect.read-committed]
anomalies = ["G-single"]
)";

void checkUsage(const std::vector<std::string>& args, const std::string& message) {
    CAPTURE(args);
    const Run r = inProcess(args);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "isocheck: error: " + message + "\n");
}

}  // namespace

TEST_CASE("check options: --jobs, --timeout, --shard and --reduction said plainly") {
    for (const char* bad : {"0", "-1", "abc", "1.5", "1025", "0x4", "+4", " 4", ""})
        checkUsage({"check", "--jobs", bad, "x.toml"},
                   std::string("--jobs: \"") + bad +
                       "\" is not a positive integer (write e.g. --jobs 4; the largest is 1024)");
    for (const char* bad : {"0", "0.0", "-1", "abc", "1e3", "inf", "nan", "0x10", ".", "1.2.3",
                            "1000000001", "+5", "5 ", ""})
        checkUsage({"check", "--timeout", bad, "x.toml"},
                   std::string("--timeout: \"") + bad +
                       "\" is not a positive number of seconds (write e.g. --timeout 60 or "
                       "--timeout 0.5; the largest is 1000000000)");
    for (const char* bad : {"0/4", "5/4", "1/0", "4", "1/", "/4", "1-4", "a/b", "1/4/4", "-1/4",
                            "1/4294967296", ""})
        checkUsage({"check", "--format", "json", "--shard", bad, "x.toml"},
                   std::string("--shard: \"") + bad +
                       "\" is not a part K/N with 1 <= K <= N (write e.g. --shard 1/4 for the "
                       "first of four parts; the largest N is 4294967295)");
    for (const char* format : {"text", "markdown", "dot", "html"})
        checkUsage({"check", "--shard", "1/4", "--format", format, "x.toml"},
                   "--shard needs --format json (each shard writes its part of the run as JSON, "
                   "for isocheck merge to combine)");
    checkUsage({"check", "--shard", "1/4", "x.toml"},
               "--shard needs --format json (each shard writes its part of the run as JSON, for "
               "isocheck merge to combine)");
    for (const char* bad : {"sleep-sets", "fast", "None", ""})
        checkUsage({"check", "--reduction", bad, "x.toml"},
                   std::string("--reduction: \"") + bad +
                       "\" is not a reduction (write --reduction cache, the default, "
                       "--reduction sleep or --reduction none)");
}

TEST_CASE("check options: the shared parsers") {
    CHECK(positiveInteger("1", 10) == 1U);
    CHECK(positiveInteger("10", 10) == 10U);
    CHECK(positiveInteger("11", 10) == std::nullopt);
    CHECK(positiveInteger("007", 10) == 7U);
    CHECK(positiveInteger("18446744073709551615", UINT64_MAX) == UINT64_MAX);
    CHECK(positiveInteger("18446744073709551616", UINT64_MAX) == std::nullopt);
    CHECK(parseSeconds("--timeout", "0.5", "", 10) == 0.5);
    CHECK(parseSeconds("--timeout", ".5", "", 10) == 0.5);
    CHECK(parseSeconds("--timeout", "5.", "", 10) == 5.0);
    CHECK(parseSeconds("--timeout", "10", "", 10) == 10.0);
    CHECK(parseSeconds("--timeout", "0.000001", "", 10) == 1e-6);
    const ShardPart part = parseShard("3/4");
    CHECK(part.index == 2U);
    CHECK(part.count == 4U);
    CHECK(parseShard("1/1").count == 1U);
}

TEST_CASE("check options: valid values run") {
    const Scratch s;
    s.write("lost.toml", kLost);
    Run r = s.run("check --jobs 2 --reduction none --timeout 600 --quiet lost.toml");
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("  expectations: met\n") != std::string::npos);
    r = s.run("check --jobs 1 --reduction sleep --timeout 0.5e0 lost.toml");
    CHECK(r.code == 2);
    r = s.run("check --format json --shard 1/1 --jobs 1024 lost.toml");
    CHECK(r.code == 0);
    CHECK(nlohmann::json::parse(r.out)["models"][0]["complete"] == true);
    const Run help = inProcess({"check", "--help"});
    for (const char* option : {"--timeout SECONDS", "--reduction cache|sleep|none", "--jobs N",
                               "--shard K/N", "--quiet", "--max-states N"})
        CHECK(help.out.find(option) != std::string::npos);
}

TEST_CASE("check: reports are identical across runs and --jobs but for seconds and memory") {
    const Scratch s;
    s.write("lost.toml", kLost);
    for (const char* format : {"text", "json", "markdown", "dot", "html"}) {
        CAPTURE(format);
        const std::string base = std::string("check --format ") + format + " lost.toml "
                                 ISOCHECK_SOURCE_DIR "/examples/write-skew.toml";
        const Run one = s.run(base + " --jobs 1");
        const Run two = s.run(base + " --jobs 2");
        const Run again = s.run(base + " --jobs 2");
        CHECK(one.code == 0);
        CHECK(stripTimings(one.out) == stripTimings(two.out));
        CHECK(stripTimings(two.out) == stripTimings(again.out));
    }
    const Run text = s.run("check lost.toml");
    CHECK(stripTimings(text.out).find(" states, reductions: persistent-sets+sleep-sets+state-cache, <seconds> s, "
                                      "<memory> MB\n") != std::string::npos);
    CHECK(stripTimings(s.run("check --reduction sleep lost.toml").out)
              .find(" states, reductions: sleep-sets, <seconds> s, <memory> MB\n") !=
          std::string::npos);
    CHECK(stripTimings(s.run("check --reduction none lost.toml").out)
              .find("read-committed: 6 executions (4 distinct), 31 states, reductions: none, "
                    "<seconds> s, <memory> MB\n") != std::string::npos);
    const auto stats = nlohmann::json::parse(s.run("check --format json lost.toml").out)["models"][0]["stats"];
    CHECK(stats["reductions"].is_array());
    CHECK(stats["seconds"].is_number());
    CHECK(stats["peak_memory_kb"].is_number_unsigned());
}

TEST_CASE("check: --max-states stops each model, in every format") {
    const Scratch s;
    s.write("lost.toml", kLost);
    const Run text = s.run("check --max-states 5 lost.toml");
    CHECK(text.code == 3);
    CHECK(text.out.find("read-committed: ") != std::string::npos);
    CHECK(text.out.find("; INCOMPLETE: stopped by --max-states\n") != std::string::npos);
    CHECK(text.out.find("  expectations: not judged (incomplete run)\n") != std::string::npos);
    CHECK(text.out.find("expectations: met") == std::string::npos);
    CHECK(text.out.find(": none\n") == std::string::npos);
    CHECK(text.out.find("  deadlocks: none found so far\n") != std::string::npos);

    const Run json = s.run("check --max-states 5 --format json lost.toml");
    CHECK(json.code == 3);
    // Parsed into a named value: a range-for over a member of a temporary
    // would read a destroyed document (the temporary dies before the loop).
    const auto report = nlohmann::json::parse(json.out);
    for (const auto& m : report["models"]) {
        CHECK(m["complete"] == false);
        CHECK(m["stop_reason"] == "max-states");
        CHECK(m["expectations"]["judged"] == false);
        CHECK(m["expectations"]["met"].is_null());
        CHECK(m["expectations"]["mismatches"].empty());
    }

    const Run md = s.run("check --max-states 5 --format markdown lost.toml");
    CHECK(md.code == 3);
    CHECK(md.out.find("; **incomplete**: stopped by `--max-states`.\n") != std::string::npos);
    CHECK(md.out.find("Expectations: not judged (incomplete run).") != std::string::npos);
    CHECK(md.out.find("Expectations: met") == std::string::npos);

    const Run dot = s.run("check --max-states 5 --format dot lost.toml");
    CHECK(dot.code == 3);
    CHECK(dot.out.find("label=\"read-committed (INCOMPLETE, stopped by --max-states: the findings so far)\";\n") !=
          std::string::npos);
    CHECK(dot.out.find("label=\"snapshot (INCOMPLETE, stopped by --max-states: the findings so far)\";\n") !=
          std::string::npos);
}

TEST_CASE("check: --timeout stops the run, the rest is not explored, exit 3") {
    const Scratch s;
    s.write("counter.toml", counter(8));
    const Run text = s.run("check --timeout 0.01 --max-states 100000 counter.toml");
    CHECK(text.code == 3);
    CHECK(text.err.empty());
    CHECK(text.out.find("; INCOMPLETE: stopped by --timeout") != std::string::npos);
    CHECK(text.out.find("serializable-snapshot: not explored; INCOMPLETE: stopped by --timeout "
                        "before it started\n"
                        "  anomalies: none found so far\n") != std::string::npos);
    CHECK(text.out.find("  expectations: not judged (incomplete run)\n") != std::string::npos);
    CHECK(text.out.find("expectations: met") == std::string::npos);
    CHECK(text.out.find("expectations: FAILED") == std::string::npos);
    CHECK(text.out.find(": none\n") == std::string::npos);

    const Run json = s.run("check --format json --timeout 0.01 --max-states 100000 counter.toml");
    CHECK(json.code == 3);
    const auto models = nlohmann::json::parse(json.out)["models"];
    REQUIRE(models.size() == 7);
    CHECK(models.back()["model"] == "serializable-snapshot");
    CHECK(models.back()["stop_reason"] == "timeout");
    CHECK(models.back()["stats"]["states"] == 0);
    for (const auto& m : models) {
        CHECK(m["complete"] == false);
        CHECK(m["expectations"]["met"].is_null());
    }

    // A second file after the stop is not explored either, and still reported.
    s.write("lost.toml", kLost);
    const Run two = s.run("check --timeout 0.01 --max-states 100000 counter.toml lost.toml");
    CHECK(two.code == 3);
    CHECK(two.out.find("\nlost.toml: Lost update\n") != std::string::npos);
    CHECK(two.out.find("\nread-committed: not explored; INCOMPLETE: stopped by --timeout before "
                       "it started\n") != std::string::npos);
}

TEST_CASE("check: SIGINT stops the run with the partial report, exit 3") {
    const Scratch s;
    s.write("counter.toml", counter(8));
    const Run r = shell(s, "timeout -s INT --preserve-status 0.3",
                        "check --max-states 10000000 counter.toml");
    CHECK(r.code == 3);
    CHECK(r.out.starts_with("counter.toml: counter\n"));
    CHECK(r.out.find("; INCOMPLETE: stopped by an interrupt") != std::string::npos);
    CHECK(r.out.find("serializable-snapshot: not explored; INCOMPLETE: stopped by an interrupt "
                     "before it started\n") != std::string::npos);
    const Run term = shell(s, "timeout -s TERM --preserve-status 0.3",
                           "check --format json --max-states 10000000 counter.toml");
    CHECK(term.code == 3);
    CHECK(nlohmann::json::parse(term.out)["models"].back()["stop_reason"] == "interrupt");
}

TEST_CASE("check: the same stop signal delivered twice at once still gives the partial report") {
    // timeout(1) signals its child and then its process group, a terminal's
    // Ctrl-C reaches the whole foreground group: two signals microseconds
    // apart are one request, not "stop now" (CI failed on this once, 143).
    const Scratch s;
    s.write("counter.toml", counter(8));
    const std::string errFile = (s.dir() / "stderr.txt").string();
    const std::string cmd = "cd '" + s.dir().string() + "' && { '" ISOCHECK_BINARY
                            "' check --format json --max-states 10000000 counter.toml 2>'" +
                            errFile + "' & p=$!; sleep 0.3; kill -TERM $p; kill -TERM $p; "
                            "wait $p; }";
    const auto [out, status] = test::shellOutput(cmd);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 3);
    CHECK(nlohmann::json::parse(out)["models"].back()["stop_reason"] == "interrupt");
}

TEST_CASE("check: no progress line when stderr is not a terminal") {
    const Scratch s;
    s.write("counter.toml", counter(8));
    const Run r = s.run("check --timeout 1.2 --max-states 10000000 counter.toml");
    CHECK(r.code == 3);
    CHECK(r.err.empty());  // no '\r', no line, nothing
    // The timeout stopped it: it ran long enough for a terminal to show the line.
    CHECK(r.out.find("; INCOMPLETE: stopped by --timeout") != std::string::npos);
}

TEST_CASE("check: a warning before exploring a history too big to explore") {
    const Scratch s;
    s.write("big.toml", serialBig());
    const std::string advice = " under each model may not finish in reasonable time; bound the "
                               "work with --max-states N or --timeout SECONDS, or check fewer "
                               "models with --model NAME\n";
    Run r = s.run("check big.toml");
    CHECK(r.code == 0);
    CHECK(r.err == "isocheck: warning: big.toml: up to about 5.6e12 distinct executions of 3 "
                   "transactions (30 operations)" + advice);
    CHECK(r.out.find("serializable: ") != std::string::npos);
    // Warnings are diagnostics, not progress: --quiet keeps them.
    CHECK(s.run("check --quiet big.toml").err == r.err);
    r = s.run("check --reduction none big.toml");
    CHECK(r.err == "isocheck: warning: big.toml: about 5.6e12 interleavings of 3 transactions (30 "
                   "operations), explored one by one under --reduction none" + advice);
    // A bounded run has taken the advice already.
    CHECK(s.run("check --max-states 1000000 big.toml").err.empty());
    CHECK(s.run("check --timeout 600 big.toml").err.empty());
    s.write("lost.toml", kLost);
    CHECK(s.run("check lost.toml --reduction none").err.empty());
}

TEST_CASE("estimate: interleavings and distinct executions") {
    const auto load = [](const std::string& text) { return parseHistory(text, "h.toml"); };
    // counter-4: 12! / 3!^4 = 369,600 interleavings; (4!)^2 = 576 executions,
    // exactly what read-committed explores.
    WorkEstimate e = estimateWork(load(counter(4)));
    CHECK(std::pow(10, e.interleavings) == doctest::Approx(369600).epsilon(1e-9));
    CHECK(std::pow(10, e.executions) == doctest::Approx(576).epsilon(1e-9));
    // counter-7: 21! / 3!^7 = 1.8e14 interleavings, 2.5e7 executions: no
    // warning with the reduction, one without.
    const History c7 = load(counter(7));
    CHECK(formatMagnitude(estimateWork(c7).interleavings) == "1.8e14");
    CHECK(formatMagnitude(estimateWork(c7).executions) == "2.5e7");
    CHECK(workWarning(c7, Reduction::SleepSets) == std::nullopt);
    CHECK(workWarning(c7, Reduction::None).has_value());
    CHECK(workWarning(load(counter(9)), Reduction::SleepSets).has_value());
    // Reads of a row nobody writes commute: one execution.
    e = estimateWork(load("[[txn]]\nops = [\"r x\", \"r y\"]\n[[txn]]\nops = [\"r x\"]\n"));
    CHECK(e.executions == 0);
    // A fixed schedule is one execution.
    CHECK(workWarning(load("schedule = [\"T1\", \"T2\"]\n" + counter(9)), Reduction::None) ==
          std::nullopt);
    CHECK(formatMagnitude(0) == "1");
    CHECK(formatMagnitude(5.9999) == "999770");
    CHECK(formatMagnitude(6) == "1.0e6");
    CHECK(formatMagnitude(14.9999) == "1.0e15");
    CHECK(formatMagnitude(1000.5) == "3.2e1000");
}

}  // namespace isocheck
