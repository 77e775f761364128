// A command line that helps (issue 6, item 8): options say what value they
// take, every command's help has examples, `check -` reads standard input,
// every error of every file is printed (at most 20 per file), warnings do
// not change the exit code. Run as users run it, messages word for word.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "scratch.hpp"

namespace isocheck {
namespace {

using test::Run;
using test::inProcess;
using test::Scratch;

constexpr const char* kLost = R"(models = ["read-committed", "snapshot"]
[initial]
x = 10
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
[expect.snapshot]
anomalies = []
)";

// Two mistakes in one file, one in another.
constexpr const char* kTwoErrors = "[[txn]]\nops = [\"r\"]\n[[txn]]\nops = [\"w x = y\"]\n";
constexpr const char* kOneError = "[[txn]]\nops = [\"r x\"]\n[expect.snapshot]\ndeadlocks = true\n";

[[nodiscard]] bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("cli help: options name their values and every command has examples") {
    const Run check = inProcess({"check", "--help"});
    CHECK(check.code == 0);
    // One NAME per --model; repeat the option for more.
    CHECK(has(check.out, "\n  --model NAME  "));
    CHECK_FALSE(has(check.out, "--model TEXT"));
    CHECK(has(check.out, "repeat it for more"));
    CHECK(has(check.out, "\n  --max-states N  "));
    CHECK(has(check.out, "\n  --timeout SECONDS  "));
    CHECK(has(check.out, "\n  --jobs N  "));
    CHECK(has(check.out, "\n  --shard K/N  "));
    CHECK(has(check.out, "\n  --format FORMAT:{text,json,dot,markdown,html}"));
    CHECK(has(check.out, "\n  FILE ... REQUIRED  "));
    CHECK(has(check.out, "\nexamples:\n  isocheck check examples/lost-update.toml\n"));
    CHECK(has(check.out, "  isocheck check - < examples/lost-update.toml\n"));
    // Every command in the table, so that a new one cannot come without examples.
    for (const Command& c : commandTable()) {
        const std::string command(c.name);
        CAPTURE(command);
        const Run r = inProcess({command, "--help"});
        CHECK(r.code == 0);
        CHECK(has(r.out, std::string("\nexamples:\n  isocheck ")));
        CHECK_FALSE(has(r.out, " TEXT"));
    }
    CHECK(has(inProcess({"verify", "--help"}).out, "\n  --junit FILE  "));
}

TEST_CASE("cli help: a misspelt option gets a did-you-mean too") {
    Run r = inProcess({"check", "--modle", "snapshot", "x.toml"});
    CHECK(r.code == 2);
    CHECK(r.err ==
          "isocheck: error: isocheck check: The following argument was not expected: "
          "--modle (did you mean \"--model\"?); run 'isocheck check --help' for usage\n");
    r = inProcess({"verify", "--juint=r.xml", "x.toml"});
    CHECK(r.code == 2);
    CHECK(r.err ==
          "isocheck: error: isocheck verify: The following argument was not expected: "
          "--juint=r.xml (did you mean \"--junit\"?); run 'isocheck verify --help' for "
          "usage\n");
    r = inProcess({"--verison"});
    CHECK(r.code == 2);
    CHECK(r.err ==
          "isocheck: error: unknown option \"--verison\" (did you mean \"--version\"?); "
          "run 'isocheck --help' for the list of commands\n");
}

TEST_CASE("cli help: --model takes one value, the next word is a file") {
    const Scratch s;
    s.write("lost.toml", kLost);
    const Run r = s.run("check --quiet --model snapshot lost.toml");
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(has(r.out, "snapshot"));
    CHECK_FALSE(has(r.out, "read-committed:"));
}

TEST_CASE("cli: check - reads the history from standard input") {
    const Scratch s;
    s.write("lost.toml", kLost);
    s.write("bad.toml", kTwoErrors);
    Run r = s.run("check --format json - < lost.toml");
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    const auto json = nlohmann::json::parse(r.out);
    CHECK(json.at("file") == "<stdin>");
    // The same report as from the file, but for its name.
    const Run file = s.run("check --format json lost.toml");
    auto fromFile = nlohmann::json::parse(file.out);
    auto fromStdin = json;
    for (auto* report : {&fromFile, &fromStdin}) {
        report->erase("file");
        for (auto& m : report->at("models")) m.erase("stats");  // seconds and memory vary
    }
    CHECK(fromStdin == fromFile);

    r = s.run("check - < bad.toml");
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "isocheck: error: <stdin>:2:8: T1 op 1 \"r\": r needs a key (keys match "
          "[A-Za-z_][A-Za-z0-9_]*)\n"
          "isocheck: error: <stdin>:4:8: T2 op 1 \"w x = y\": T2 has not read y (read or write "
          "y before using it)\n");
    r = s.run("check - - < lost.toml");
    CHECK(r.code == 2);
    CHECK(r.err == "isocheck: error: \"-\" (standard input) is given twice\n");
}

TEST_CASE("cli: a shard of standard input cannot be merged, and says why") {
    const Scratch s;
    s.write("lost.toml", kLost);
    Run r = s.run("check --shard 1/1 --format json - < lost.toml > part.json");
    REQUIRE(r.code == 0);
    r = s.run("merge part.json");
    CHECK(r.code == 2);
    CHECK(r.err ==
          "isocheck: error: part.json: the shards read their history from standard "
          "input (check -) (merge reads the history file again to replay the "
          "witnesses: run the shards on the file instead)\n");
}

TEST_CASE("cli: every error of every file, then nothing explored") {
    const Scratch s;
    s.write("lost.toml", kLost);
    s.write("a.toml", kTwoErrors);
    s.write("b.toml", kOneError);
    Run r = s.run("check a.toml lost.toml b.toml");
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "isocheck: error: a.toml:2:8: T1 op 1 \"r\": r needs a key (keys match "
          "[A-Za-z_][A-Za-z0-9_]*)\n"
          "isocheck: error: a.toml:4:8: T2 op 1 \"w x = y\": T2 has not read y (read or write y "
          "before using it)\n"
          "isocheck: error: b.toml:4:1: [expect.snapshot]: unknown key \"deadlocks\" (did you "
          "mean \"deadlock\"?)\n");
    // verify reports each bad file with all its errors and goes on.
    r = s.run("verify a.toml lost.toml");
    CHECK(r.code == 2);
    CHECK(r.out ==
          "a.toml: bad input\nlost.toml: snapshot ok\n"
          "verify: 2 files, 1 model check, 0 failed, 1 with bad input\n");
    CHECK(r.err ==
          "isocheck: error: a.toml:2:8: T1 op 1 \"r\": r needs a key (keys match "
          "[A-Za-z_][A-Za-z0-9_]*)\n"
          "isocheck: error: a.toml:4:8: T2 op 1 \"w x = y\": T2 has not read y (read or write y "
          "before using it)\n");
}

TEST_CASE("cli: at most 20 errors of a file are printed") {
    const Scratch s;
    std::string ops;
    for (int i = 0; i < 23; ++i) ops += std::string(i == 0 ? "" : ", ") + "\"frob\"";
    s.write("many.toml", "[[txn]]\nops = [" + ops + "]\n");
    const Run r = s.run("check many.toml");
    CHECK(r.code == 2);
    std::vector<std::string> lines;
    std::istringstream in(r.err);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    REQUIRE(lines.size() == 21);
    CHECK(
        lines[0].starts_with("isocheck: error: many.toml:2:8: T1 op 1 \"frob\": unknown "
                             "operation \"frob\" ("));
    CHECK(lines[19].starts_with("isocheck: error: many.toml:2:160: T1 op 20 \"frob\": "));
    CHECK(lines[20] == "isocheck: error: many.toml: and 3 more errors");
}

TEST_CASE("cli: a read of a row that nothing writes is a warning, not an error") {
    const Scratch s;
    s.write("typo.toml", R"([initial]
balance = 10
[[txn]]
ops = ["r balance", "w balance = balance - 5"]
[[txn]]
ops = ["r balanse"]
[expect.snapshot]
anomalies = []
)");
    const std::string warning =
        "isocheck: warning: typo.toml:6:8: T2 op 1 \"r balanse\": no row balanse: balanse is not "
        "in [initial] and no transaction writes it, so this read always gives null (did you mean "
        "\"balance\"?)\n";
    Run r = s.run("check --quiet --model snapshot typo.toml");
    CHECK(r.code == 0);
    CHECK(r.err == warning);
    r = s.run("verify typo.toml");
    CHECK(r.code == 0);
    CHECK(r.err == warning);
    CHECK(r.out == "typo.toml: snapshot ok\nverify: 1 file, 1 model check, 0 failed\n");
}

}  // namespace isocheck
