// Command-line misuse found by testing as a CI engineer would (SPEC 4): every
// mistake is exit 2 with one message that says what would be right, and
// nothing is silently ignored or half-written.

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/cli.hpp"
#include "scratch.hpp"

namespace isocheck {
namespace {

namespace fs = std::filesystem;

using test::Run;
using test::inProcess;
using test::Scratch;
using test::slurp;

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

constexpr const char* kOverflow = R"(models = ["snapshot"]
[initial]
x = 9223372036854775807
[[txn]]
ops = ["r x", "w x = x + 1"]
[expect.snapshot]
deadlock = false
)";

}  // namespace

TEST_CASE("cli errors: --max-states must be a positive integer, said plainly") {
    for (const char* bad : {"-1", "abc", "0", "1.5", "99999999999999999999999", "0x10"}) {
        CAPTURE(bad);
        const Run r = inProcess({"check", "--max-states", bad, "x.toml"});
        CHECK(r.code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == std::string("isocheck: error: --max-states: \"") + bad +
                           "\" is not a positive integer (write e.g. --max-states 100000; the "
                           "largest is 18446744073709551615)\n");
    }
}

TEST_CASE("cli errors: check on a directory or an empty file name") {
    const Scratch s;
    fs::create_directories(s.dir() / "hist.toml");
    Run r = s.run("check hist.toml");
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "isocheck: error: hist.toml: cannot read the file: it is a directory (give a "
                   "history file; isocheck verify searches directories for *.toml files)\n");
    r = inProcess({"check", ""});
    CHECK(r.code == 2);
    CHECK(r.err == "isocheck: error: an empty file name (give the path of a history file)\n");
}

TEST_CASE("cli errors: verify keeps going after a file fails at run time") {
    const Scratch s;
    s.write("h/a-overflow.toml", kOverflow);
    s.write("h/b-lost.toml", kLost);
    const Run r = s.run("verify h --junit out.xml");
    CHECK(r.code == 2);
    CHECK(r.out == "h/a-overflow.toml: bad input\n"
                   "h/b-lost.toml: snapshot ok\n"
                   "verify: 2 files, 1 model check, 0 failed, 1 with bad input\n");
    CHECK(r.err == "isocheck: error: h/a-overflow.toml:5:15: T1 op 2 \"w x = x + 1\": the value "
                   "leaves the 64-bit integer range in some execution (use smaller values)\n");
    const std::string xml = slurp(s.dir() / "out.xml");
    // A file that fails to load runs no model: nothing is timed.
    CHECK(xml.find("<testsuite name=\"h/a-overflow.toml\" tests=\"1\" failures=\"0\" "
                   "errors=\"1\" time=\"0.000\">") != std::string::npos);
}

TEST_CASE("cli errors: verify finds no history files") {
    const Scratch s;
    fs::create_directories(s.dir() / "empty");
    s.write("notes/readme.txt", "no histories here");
    Run r = s.run("verify empty");
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "isocheck: error: no history files (*.toml) under \"empty\"\n");
    r = s.run("verify notes");
    CHECK(r.code == 2);
    CHECK(r.err == "isocheck: error: no history files (*.toml) under \"notes\"\n");
}

TEST_CASE("cli errors: --junit to a path that cannot be written fails before any work") {
    const Scratch s;
    s.write("lost.toml", kLost);
    fs::create_directories(s.dir() / "adir");
    Run r = s.run("verify lost.toml --junit nowhere/report.xml");
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "isocheck: error: --junit: cannot write \"nowhere/report.xml\": No such file "
                   "or directory\n");
    r = s.run("verify lost.toml --junit adir");
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "isocheck: error: --junit: cannot write \"adir\": Is a directory\n");
    r = s.run("verify lost.toml --junit ''");
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "isocheck: error: --junit needs a file name (write --junit report.xml)\n");
}

TEST_CASE("cli errors: JUnit stays well-formed UTF-8 whatever the file names") {
    const Scratch s;
    s.write("h/caf\xff.toml", kLost);
    const Run r = s.run("verify h --junit out.xml");
    CHECK(r.code == 0);
    const std::string xml = slurp(s.dir() / "out.xml");
    CHECK(xml.find("h/caf\xef\xbf\xbd.toml") != std::string::npos);
    CHECK(xml.find('\xff') == std::string::npos);
}

}  // namespace isocheck
