// The command line, run as users run it: the built binary on small files in
// a temporary directory, asserting exit codes (SPEC 4) and messages word for
// word where they are ours. Usage errors are also run in-process.

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "scratch.hpp"
#include "timings.hpp"

namespace isocheck {
namespace {

namespace fs = std::filesystem;

using test::Run;
using test::inProcess;
using test::Scratch;
using test::slurp;
using test::stripTimings;

constexpr const char* kLostUpdate = R"(title = "Lost update"
models = ["read-committed", "snapshot"]
[initial]
x = 10
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
)";

}  // namespace

TEST_CASE("cli: help, version and the command table") {
    const Run help = inProcess({"--help"});
    CHECK(help.code == 0);
    CHECK(help.out.find("  check     explore every schedule") != std::string::npos);
    CHECK(help.out.find("  exercise  ") != std::string::npos);
    const Run none = inProcess({});
    CHECK(none.code == 2);
    CHECK(none.err.starts_with("usage: isocheck COMMAND"));
    CHECK(inProcess({"--version"}).out == "isocheck 0.1.0\n");
    const Run checkHelp = inProcess({"check", "--help"});
    CHECK(checkHelp.code == 0);
    CHECK(checkHelp.out.find("--max-states") != std::string::npos);
}

TEST_CASE("cli: unknown command, option and model are usage errors with did-you-mean") {
    Run r = inProcess({"chek", "x.toml"});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "isocheck: error: unknown command \"chek\" (did you mean \"check\"?); run "
                   "'isocheck --help' for the list of commands\n");
    r = inProcess({"frobnicate"});
    CHECK(r.err == "isocheck: error: unknown command \"frobnicate\"; run 'isocheck --help' for "
                   "the list of commands\n");
    r = inProcess({"check", "--model", "snapshto", "x.toml"});
    CHECK(r.code == 2);
    CHECK(r.err == "isocheck: error: unknown model \"snapshto\" (did you mean \"snapshot\"?); run "
                   "'isocheck models' for the list\n");
    r = inProcess({"check", "--format", "yaml", "x.toml"});
    CHECK(r.code == 2);
    CHECK(r.err.starts_with("isocheck: error: isocheck check: "));
    r = inProcess({"check"});
    CHECK(r.code == 2);
    r = inProcess({"exercise", "--seed", "1"});
    CHECK(r.code == 2);
    CHECK(r.err.find("--out is required") != std::string::npos);
}

TEST_CASE("cli: models lists the registry") {
    const Scratch s;
    const Run r = s.run("models");
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.starts_with("read-uncommitted "));
    CHECK(r.out.find("\nserializable-snapshot ") != std::string::npos);
    CHECK(r.out.find("option first-committer-wins (true or false): ") != std::string::npos);
    CHECK(r.out.find("option retention (positive integer): ") != std::string::npos);
}

TEST_CASE("cli: bad input is exit 2, one diagnostic, nothing on stdout") {
    const Scratch s;
    const std::string good = s.write("good.toml", kLostUpdate);
    s.write("bad.toml", "[[txn]]\nops = [\"frobnicate x\"]\n");
    Run r = s.run("check good.toml bad.toml");
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.starts_with("isocheck: error: bad.toml:2"));
    CHECK(r.err.find('\n') == r.err.size() - 1);
    r = s.run("check missing.toml");
    CHECK(r.code == 2);
    CHECK(r.err.starts_with("isocheck: error: missing.toml"));
    r = s.run("check --model snapshto good.toml");
    CHECK(r.code == 2);
    CHECK(r.err.find("did you mean \"snapshot\"?") != std::string::npos);
}

TEST_CASE("cli: check reports every format, deterministically") {
    const Scratch s;
    s.write("lost.toml", kLostUpdate);
    const Run text = s.run("check lost.toml");
    CHECK(text.code == 0);
    CHECK(text.out.starts_with("lost.toml: Lost update\n"));
    CHECK(text.out.find("\nread-committed: ") != std::string::npos);
    CHECK(text.out.find("    G-single (") != std::string::npos);
    CHECK(stripTimings(s.run("check lost.toml").out) == stripTimings(text.out));

    const Run json = s.run("check --format json lost.toml --model snapshot");
    CHECK(json.code == 0);
    const auto j = nlohmann::json::parse(json.out);
    CHECK(j["file"] == "lost.toml");
    REQUIRE(j["models"].size() == 1);
    CHECK(j["models"][0]["model"] == "snapshot");
    CHECK(j["models"][0]["anomalies"].empty());
    CHECK(j["models"][0]["complete"] == true);

    const Run two = s.run("check --format json lost.toml lost.toml");
    CHECK(nlohmann::json::parse(two.out).is_array());

    const Run dot = s.run("check --format dot lost.toml");
    CHECK(dot.code == 0);
    CHECK(dot.out.starts_with("digraph isocheck {\n"));
    CHECK(dot.out.find("\"f1/read-committed/G-single/T1\"") != std::string::npos);

    const Run md = s.run("check --format markdown lost.toml");
    CHECK(md.code == 0);
    CHECK(md.out.starts_with("# Lost update\n"));
}

TEST_CASE("cli: --max-states stops the work with exit 3") {
    const Scratch s;
    s.write("lost.toml", kLostUpdate);
    const Run r = s.run("check --max-states 1 lost.toml");
    CHECK(r.code == 3);
    CHECK(r.out.find("INCOMPLETE: stopped by --max-states") != std::string::npos);
    CHECK(s.run("check --max-states 0 lost.toml").code == 2);
}

TEST_CASE("cli: check fails (exit 1) on an unmet expectation") {
    const Scratch s;
    s.write("lost.toml", std::string(kLostUpdate) + "[expect.read-committed]\nanomalies = []\n");
    const Run r = s.run("check lost.toml");
    CHECK(r.code == 1);
    CHECK(r.out.find("  expectations: FAILED\n    anomalies: expected [] found [\"G-single\"]\n") !=
          std::string::npos);
}

TEST_CASE("cli: verify walks directories in order, reports per model, writes JUnit") {
    const Scratch s;
    s.write("hist/b/lost-ok.toml", std::string(kLostUpdate) +
                                       "[expect.read-committed]\nanomalies = [\"G-single\"]\n"
                                       "[expect.snapshot]\nanomalies = []\ndeadlock = false\n");
    s.write("hist/a/plain.toml", kLostUpdate);
    s.write("hist/a/notes.txt", "not a history");
    Run r = s.run("verify hist");
    CHECK(r.code == 0);
    CHECK(r.out == "hist/a/plain.toml: no expectations\n"
                   "hist/b/lost-ok.toml: read-committed ok\n"
                   "hist/b/lost-ok.toml: snapshot ok\n"
                   "verify: 2 files, 2 model checks, 0 failed\n");

    s.write("hist/c/lost-bad.toml",
            std::string(kLostUpdate) + "[expect.read-committed]\nanomalies = []\n");
    r = s.run("verify hist --junit report.xml");
    CHECK(r.code == 1);
    CHECK(r.out.find("hist/c/lost-bad.toml: read-committed FAIL\n"
                     "  anomalies: expected [] found [\"G-single\"]\n") != std::string::npos);
    CHECK(r.out.ends_with("verify: 3 files, 3 model checks, 1 failed\n"));
    const std::string xml = stripTimings(slurp(s.dir() / "report.xml"));
    CHECK(xml.find("<testsuite name=\"hist/c/lost-bad.toml\" tests=\"1\" failures=\"1\" "
                   "errors=\"0\" time=\"<seconds>\">") != std::string::npos);
    CHECK(xml.find("<testcase classname=\"hist/c/lost-bad.toml\" name=\"read-committed\" "
                   "time=\"<seconds>\">") != std::string::npos);
    // The witness: both read x = 10, T1 writes 11 and commits, T2 writes 11
    // over it and commits (T1 -ww-> T2 -rw-> T1), as a line for the file.
    CHECK(xml.find("read-committed: anomalies: expected [] found [&quot;G-single&quot;] (witness "
                   "of G-single: schedule = [&quot;T1&quot;, &quot;T2&quot;, &quot;T1&quot;, "
                   "&quot;T1&quot;, &quot;T2&quot;, &quot;T2&quot;])") != std::string::npos);
    CHECK(xml.find("\n    T1:r x=10  T2:r x=10  T1:w x=11  T1:commit  T2:w x=11  T2:commit\n") !=
          std::string::npos);

    // --quiet: the failures and the summary only.
    r = s.run("verify hist --quiet");
    CHECK(r.code == 1);
    CHECK(r.out == "hist/c/lost-bad.toml: read-committed FAIL\n"
                   "  anomalies: expected [] found [\"G-single\"]\n"
                   "verify: 3 files, 3 model checks, 1 failed\n");

    s.write("hist/d/bad.toml", "[[txn]]\nops = []\n");
    r = s.run("verify hist");
    CHECK(r.code == 2);
    CHECK(r.out.find("hist/d/bad.toml: bad input\n") != std::string::npos);
    CHECK(r.err.starts_with("isocheck: error: hist/d/bad.toml"));
    CHECK(r.out.ends_with("verify: 4 files, 3 model checks, 1 failed, 1 with bad input\n"));
    r = s.run("verify --quiet hist");
    CHECK(r.code == 2);
    CHECK(r.out == "hist/c/lost-bad.toml: read-committed FAIL\n"
                   "  anomalies: expected [] found [\"G-single\"]\n"
                   "hist/d/bad.toml: bad input\n"
                   "verify: 4 files, 3 model checks, 1 failed, 1 with bad input\n");

    r = s.run("verify nowhere");
    CHECK(r.code == 2);
    CHECK(r.err == "isocheck: error: no such file or directory: \"nowhere\"\n");
}

}  // namespace isocheck
