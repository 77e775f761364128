// isocheck exercise (issue 8 item 3; specs/exercise.md): the same seed gives
// the same bytes, another seed other exercises; every exercise verifies (its
// [expect] tables are the answer); the question kinds vary; the answers
// agree with an independent run of the history.

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include <fmt/format.h>

#include "scratch.hpp"

namespace {

namespace fs = std::filesystem;
using isocheck::test::inProcess;
using isocheck::test::Run;
using isocheck::test::Scratch;
using isocheck::test::slurp;

// Every file of a folder, by name, with its bytes.
std::map<std::string, std::string> folder(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out[e.path().filename().string()] = slurp(e.path());
    return out;
}

}  // namespace

TEST_CASE("exercise: the same seed gives the same files, and they verify") {
    Scratch s;
    const std::string one = (s.dir() / "ex1").string();
    const std::string two = (s.dir() / "ex2").string();
    const Run a = inProcess({"exercise", "--seed", "7", "--count", "20", "--out", one});
    const Run b = inProcess({"exercise", "--seed", "7", "--count", "20", "--out", two});
    REQUIRE(a.code == 0);
    REQUIRE(b.code == 0);
    const auto filesA = folder(one);
    CHECK(filesA == folder(two));
    CHECK(filesA.size() == 24);  // 20 exercises, the worksheet and the answers twice
    for (const char* name : {"worksheet.md", "answers.md", "worksheet.html", "answers.html"}) CHECK(filesA.contains(name));
    const Run verify = inProcess({"verify", one});
    CHECK(verify.code == 0);
    CHECK(verify.out.find("verify: 20 files, ") != std::string::npos);
    CHECK(verify.out.find(" 0 failed") != std::string::npos);

    // Several kinds of question among twenty.
    std::set<std::string> titles;
    for (const auto& [name, text] : filesA)
        if (name.ends_with(".toml")) {
            const std::size_t colon = text.find(": ");
            titles.insert(text.substr(colon, text.find_first_of(" ?", colon + 2) - colon));
        }
    CHECK(titles.size() >= 4);

    const std::string other = (s.dir() / "ex3").string();
    REQUIRE(inProcess({"exercise", "--seed", "8", "--count", "20", "--out", other}).code == 0);
    CHECK(folder(other) != filesA);
}

TEST_CASE("exercise: an answer agrees with exploring its history again") {
    Scratch s;
    const std::string dir = (s.dir() / "ex").string();
    REQUIRE(inProcess({"exercise", "--seed", "3", "--count", "12", "--level", "beginner", "--model", "read-committed",
                       "--model", "snapshot", "--out", dir}).code == 0);
    const std::string answers = slurp(fs::path(dir) / "answers.md");
    const std::string worksheet = slurp(fs::path(dir) / "worksheet.md");
    CHECK(worksheet.starts_with("# Isolation exercises (level beginner, seed 3)\n"));
    // A schedule question's answer is the verdict `check` gives on its file.
    for (int i = 1; i <= 12; ++i) {
        const std::string name = fmt::format("exercise-{:02}", i);
        const std::string toml = slurp(fs::path(dir) / (name + ".toml"));
        if (toml.find("\nschedule = [") == std::string::npos) continue;
        CAPTURE(name);
        const Run r = inProcess({"check", (fs::path(dir) / (name + ".toml")).string()});
        const std::size_t at = answers.find(fmt::format("## Exercise {}: ", i));
        REQUIRE(at != std::string::npos);
        const std::string answer = answers.substr(at, answers.find("\n## ", at + 1) - at);
        if (r.out.find("  schedule: possible\n") != std::string::npos) CHECK(answer.find("\n\nYes: ") != std::string::npos);
        else CHECK(answer.find("\n\nNo: step ") != std::string::npos);
    }
    // Only the levels asked about.
    CHECK(worksheet.find("repeatable-read") == std::string::npos);
}

TEST_CASE("exercise: usage") {
    CHECK(inProcess({"exercise", "--seed", "7"}).code == 2);  // --out is required
    CHECK(inProcess({"exercise", "--out", "x", "--level", "expert"}).code == 2);
    CHECK(inProcess({"exercise", "--out", "x", "--seed", "0"}).code == 2);
    CHECK(inProcess({"exercise", "--out", "x", "--model", "snapshots"}).code == 2);
}
