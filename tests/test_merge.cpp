// `isocheck merge` (issue 5 item 5): the shards of a run, merged, print the
// single run's report in every format, apart from the seconds and memory and
// the distinct count, which merge sums (an upper bound: a distinct execution
// can be reached in two parts; on the examples and pins it is exact). Bad
// input is exit 2 naming the report or history file and what is wrong: not
// JSON, parts of different runs, a history file missing or changed.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <cctype>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

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
using Json = nlohmann::json;

/// `text` with the number (digits and commas) right before every `suffix`
/// replaced by `with`.
std::string maskNumberBefore(const std::string& text, std::string_view suffix, std::string_view with) {
    std::string out;
    std::size_t at = 0;
    for (std::size_t hit; (hit = text.find(suffix, at)) != std::string::npos; at = hit + suffix.size()) {
        std::size_t start = hit;
        while (start > at && (std::isdigit(static_cast<unsigned char>(text[start - 1])) != 0 ||
                              text[start - 1] == ','))
            --start;
        out.append(text, at, start - at);
        if (start < hit) out += with;
        out += suffix;
    }
    return out.append(text, at);
}

/// `text` with the number right after every `key` replaced by `with`.
std::string maskNumberAfter(const std::string& text, std::string_view key, std::string_view with) {
    std::string out;
    std::size_t at = 0;
    for (std::size_t hit; (hit = text.find(key, at)) != std::string::npos;) {
        std::size_t end = hit + key.size();
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])) != 0) ++end;
        out.append(text, at, hit + key.size() - at);
        if (end > hit + key.size()) out += with;
        at = end;
    }
    return out.append(text, at);
}

// The seconds and memory (stripTimings, tests/timings.hpp); the distinct
// count, which merge sums over the parts; and the executions and states,
// which depend on how the tree was divided when states are cached
// (specs/exploration.md 3): stats aside, as issue 5 asks. checkStats holds
// them to the single run's where the division changes nothing. (No <regex>:
// GCC 12 warns inside it under the sanitizer build, where warnings are errors.)
std::string comparable(const std::string& report) {
    std::string out = test::stripTimings(report);
    // `52 executions (47 distinct), 310 states` -> `<n> executions (<distinct> distinct), <n> states`
    for (const std::string_view suffix : {" executions (", " execution (", " states, reductions"})
        out = maskNumberBefore(out, suffix, "<n>");
    for (std::size_t at; (at = out.find("<n> execution (")) != std::string::npos;)
        out.replace(at, 15, "<n> executions (");
    out = maskNumberBefore(out, " distinct)", "<distinct>");
    // `"executions": 52` -> `"executions": "<n>"`, and so on
    for (const std::string_view key : {"\"executions\": ", "\"states\": "})
        out = maskNumberAfter(out, key, "\"<n>\"");
    return maskNumberAfter(out, "\"distinct_executions\": ", "\"<distinct>\"");
}

std::vector<Json> fileObjects(const std::string& report) {
    const Json j = Json::parse(report);
    return j.is_array() ? std::vector<Json>(j.begin(), j.end()) : std::vector<Json>{j};
}

// Merged stats against the single run's: the same executions and states, and
// a distinct count from the single run's up to the executions.
void checkStats(const std::string& singleJson, const std::string& mergedJson, bool exactDistinct) {
    const std::vector<Json> single = fileObjects(singleJson);
    const std::vector<Json> merged = fileObjects(mergedJson);
    REQUIRE(single.size() == merged.size());
    for (std::size_t f = 0; f < single.size(); ++f) {
        REQUIRE(single[f]["models"].size() == merged[f]["models"].size());
        for (std::size_t m = 0; m < single[f]["models"].size(); ++m) {
            const Json& a = single[f]["models"][m]["stats"];
            const Json& b = merged[f]["models"][m]["stats"];
            CAPTURE(single[f]["models"][m]["model"].get<std::string>());
            CHECK(a["reductions"] == b["reductions"]);
            // With a state cache the parts explore subtrees that the single
            // run may explore as one, sharing its cache: the same findings,
            // other counts (specs/exploration.md 3). Otherwise the same tree.
            const Json& reductions = a["reductions"];
            if (std::ranges::find(reductions, "state-cache") == reductions.end()) {
                CHECK(a["executions"] == b["executions"]);
                CHECK(a["states"] == b["states"]);
            }
            CHECK(b["executions"].get<std::uint64_t>() <= b["states"].get<std::uint64_t>());
            const auto d1 = a["distinct_executions"].get<std::uint64_t>();
            const auto d2 = b["distinct_executions"].get<std::uint64_t>();
            if (exactDistinct) CHECK(d1 == d2);
            CHECK(d1 <= d2);
            CHECK(d2 <= b["executions"].get<std::uint64_t>());
        }
    }
}

// `check --shard K/N --format json` for K = 1..N into part-K.json; the paths.
std::vector<std::string> shards(const Scratch& s, const std::vector<std::string>& files,
                                unsigned n, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> parts;
    for (unsigned k = 1; k <= n; ++k) {
        std::vector<std::string> args{"check", "--shard", std::to_string(k) + "/" + std::to_string(n),
                                      "--format", "json"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), files.begin(), files.end());
        const Run r = inProcess(args);
        CAPTURE(r.err);
        // A part judges no expectation; merge judges the whole.
        REQUIRE(r.code == 0);
        parts.push_back(s.write("part-" + std::to_string(k) + ".json", r.out));
    }
    return parts;
}

Run merge(const std::vector<std::string>& parts, const std::string& format = "text") {
    std::vector<std::string> args{"merge", "--format", format};
    args.insert(args.end(), parts.begin(), parts.end());
    return inProcess(args);
}

// Single run and merged shards agree in `formats`: exit code and report.
void checkSameAsSingle(const Scratch& s, const std::vector<std::string>& files, unsigned n,
                       const std::vector<std::string>& extra = {},
                       const std::vector<std::string>& formats = {"text", "json", "dot", "markdown", "html"},
                       bool exactDistinct = true) {
    const std::vector<std::string> parts = shards(s, files, n, extra);
    for (const std::string& format : formats) {
        CAPTURE(format);
        std::vector<std::string> args{"check", "--format", format};
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), files.begin(), files.end());
        const Run single = inProcess(args);
        const Run merged = merge(parts, format);
        CAPTURE(merged.err);
        CHECK(merged.code == single.code);
        CHECK(merged.err.empty());
        CHECK(comparable(merged.out) == comparable(single.out));
        if (format == "json") checkStats(single.out, merged.out, exactDistinct);
    }
}

std::vector<std::string> historiesUnder(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(fs::path(ISOCHECK_SOURCE_DIR) / dir))
        if (e.path().extension() == ".toml") out.push_back(e.path().string());
    std::ranges::sort(out);
    return out;
}

// counter-4 of the benchmark: under serializable some distinct executions
// are reached in more than one part.
constexpr const char* kCounter4 = R"(title = "counter-4"
models = ["serializable", "snapshot", "serializable-snapshot"]
[initial]
x = 0
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
[expect.serializable]
deadlock = true
)";

constexpr const char* kLostUpdate = R"(title = "Lost update"
models = ["read-committed", "snapshot"]
[initial]
x = 10
[[txn]]
name = "T1"
ops = ["r x", "w x = x + 1", "commit"]
[[txn]]
name = "T2"
ops = ["r x", "w x = x + 1", "commit"]
)";

// Adds `"shard": {"part": K, "of": N}` to every file object of a part, as
// the reports will say which part they are.
void markShard(const std::string& path, unsigned part, unsigned of) {
    Json j = Json::parse(slurp(path));
    auto mark = [&](Json& f) { f["shard"] = Json{{"part", part}, {"of", of}}; };
    if (j.is_array())
        for (Json& f : j) mark(f);
    else
        mark(j);
    std::ofstream(path, std::ios::binary) << j.dump(2);
}

}  // namespace

TEST_CASE("merge: four shards of every example and pin merge into the single run, every format") {
    std::vector<std::string> files = historiesUnder("examples");
    const std::vector<std::string> pins = historiesUnder("specs/pins");
    files.insert(files.end(), pins.begin(), pins.end());
    REQUIRE(files.size() > 20);
    for (const std::string& f : files) {
        CAPTURE(f);
        const Scratch s;
        checkSameAsSingle(s, {f}, 4);
    }
}

TEST_CASE("merge: several files in one report, parts in any order, a file given twice") {
    const Scratch s;
    const std::string root = ISOCHECK_SOURCE_DIR;
    const std::vector<std::string> files{root + "/examples/write-skew.toml",
                                         root + "/examples/deadlock.toml",
                                         root + "/examples/write-skew.toml"};
    std::vector<std::string> parts = shards(s, files, 3);
    std::ranges::reverse(parts);
    const Run single = inProcess({"check", "--format", "json", files[0], files[1], files[2]});
    const Run merged = merge(parts, "json");
    CHECK(merged.code == single.code);
    CHECK(comparable(merged.out) == comparable(single.out));
    CHECK(fileObjects(merged.out).size() == 3);

    SUBCASE("one report per file and part") {
        std::vector<std::string> each;
        for (std::size_t i = 0; i < 2; ++i) {
            const Scratch t;
            for (const std::string& p : shards(t, {files[i]}, 3))
                each.push_back(s.write("file" + std::to_string(i) + "-" + fs::path(p).filename().string(),
                                       slurp(p)));
        }
        const Run two = inProcess({"check", files[0], files[1]});
        const Run m = merge(each);
        CHECK(m.code == two.code);
        CHECK(comparable(m.out) == comparable(two.out));
    }
}

TEST_CASE("merge: --model and model options as the single run, two to five shards") {
    const std::string root = ISOCHECK_SOURCE_DIR;
    for (unsigned n = 2; n <= 5; ++n) {
        CAPTURE(n);
        const Scratch s;
        checkSameAsSingle(s, {root + "/examples/dirty-write-fcw.toml"}, n, {}, {"text"});
        checkSameAsSingle(s, {root + "/examples/lost-update.toml"}, n,
                          {"--model", "snapshot", "--model", "read-committed"}, {"text", "json"});
        checkSameAsSingle(s, {root + "/examples/read-only-anomaly.toml"}, n,
                          {"--reduction", "none"}, {"text", "json"}, false);
        checkSameAsSingle(s, {root + "/examples/read-only-anomaly.toml"}, n,
                          {"--reduction", "sleep"}, {"json"}, false);
    }
}

TEST_CASE("merge: a distinct execution reached in two parts makes the distinct count an upper bound") {
    const Scratch s;
    const std::string f = s.write("counter-4.toml", kCounter4);
    checkSameAsSingle(s, {f}, 4, {}, {"text", "json", "markdown"}, false);
    checkSameAsSingle(s, {f}, 4, {"--reduction", "sleep"}, {"json"}, false);
}

TEST_CASE("merge: expectations are judged on the whole, exit 1 as the single run") {
    const Scratch s;
    const std::string f = s.write("wrong.toml", std::string(kLostUpdate) +
                                                    "[expect.snapshot]\nanomalies = [\"G-single\"]\n");
    const std::vector<std::string> parts = shards(s, {f}, 4);
    const Run single = inProcess({"check", f});
    REQUIRE(single.code == 1);
    const Run merged = merge(parts);
    CHECK(merged.code == 1);
    CHECK(comparable(merged.out) == comparable(single.out));
    CHECK(merged.out.find("expectations: FAILED") != std::string::npos);
}

TEST_CASE("merge: an incomplete part makes the merged report incomplete, exit 3") {
    const Scratch s;
    const std::string f = s.write("counter-4.toml", kCounter4);
    std::vector<std::string> parts = shards(s, {f}, 4);
    const Run bounded = inProcess({"check", "--shard", "2/4", "--max-states", "3", "--format", "json", f});
    REQUIRE(bounded.code == 3);
    parts[1] = s.write("part-2.json", bounded.out);
    const Run merged = merge(parts);
    CHECK(merged.code == 3);
    CHECK(merged.out.find("INCOMPLETE: stopped by --max-states") != std::string::npos);
    CHECK(merged.out.find("expectations: not judged (incomplete run)") != std::string::npos);
    CHECK(merged.out.find("expectations: met") == std::string::npos);
    const Run json = merge(parts, "json");
    CHECK(json.code == 3);
    const Json serializable = fileObjects(json.out)[0]["models"][0];
    CHECK(serializable["complete"] == false);
    CHECK(serializable["stop_reason"] == "max-states");
}

TEST_CASE("merge: a part from standard input, through the binary") {
    const Scratch s;
    const std::string f = s.write("lost-update.toml", kLostUpdate);
    const std::vector<std::string> parts = shards(s, {f}, 2);
    const Run r = s.run("merge part-1.json - < part-2.json");
    const Run single = inProcess({"check", f});
    CHECK(r.code == 0);
    CHECK(comparable(r.out) == comparable(single.out));
    CHECK(s.run("merge - - < part-2.json").err ==
          "isocheck: error: \"-\" (standard input) is given twice\n");
}

TEST_CASE("merge: the command table and --help") {
    CHECK(inProcess({"--help"}).out.find("  merge     combine the JSON reports") != std::string::npos);
    const Run help = inProcess({"merge", "--help"});
    CHECK(help.code == 0);
    CHECK(help.out.find("--format") != std::string::npos);
    const Run none = inProcess({"merge"});
    CHECK(none.code == 2);
    CHECK(none.err.find("PART is required") != std::string::npos);
}

TEST_CASE("merge: bad reports are exit 2 naming the report and what is wrong") {
    const Scratch s;
    const std::string f = s.write("lost-update.toml", kLostUpdate);
    const std::vector<std::string> parts = shards(s, {f}, 2);
    const std::string hint =
        " (give the JSON reports that isocheck check --shard K/N --format json wrote)\n";

    SUBCASE("a report that cannot be read") {
        const Run r = merge({parts[0], (s.dir() / "missing.json").string()});
        CHECK(r.code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == "isocheck: error: " + (s.dir() / "missing.json").string() +
                           ": cannot open the report: No such file or directory\n");
    }
    SUBCASE("the same report twice") {
        Run r = merge({parts[0], parts[0]});
        CHECK(r.code == 2);
        CHECK(r.err == "isocheck: error: the report \"" + parts[0] +
                           "\" is given twice (give each part's report once)\n");
        const std::string other = (s.dir() / "." / "part-1.json").string();
        r = merge({parts[0], other});
        CHECK(r.err == "isocheck: error: the report \"" + other + "\" is given twice (as \"" +
                           parts[0] + "\") (give each part's report once)\n");
    }
    SUBCASE("not JSON") {
        const std::string bad = s.write("bad.json", "{\"file\": ");
        const Run r = merge({parts[0], bad});
        CHECK(r.code == 2);
        CHECK(r.err.starts_with("isocheck: error: " + bad + ": not valid JSON: parse error at line 1"));
    }
    SUBCASE("JSON, but not a report") {
        const std::string bad = s.write("bad.json", "[{\"format_version\": 1, \"file\": \"x.toml\"}]");
        CHECK(merge({bad}).err ==
              "isocheck: error: " + bad + ": [0] (x.toml): \"models\" is missing" + hint);
        const std::string empty = s.write("empty.json", "[]");
        CHECK(merge({empty}).err == "isocheck: error: " + empty +
                                        ": an empty array: the report names no history file" + hint);
        Json j = Json::parse(slurp(parts[0]));
        j["models"][1]["anomalies"] = Json::array({Json{{"class", "G0"}}});
        const std::string noSchedule = s.write("no-schedule.json", j.dump());
        CHECK(merge({noSchedule, parts[1]}).err ==
              "isocheck: error: " + noSchedule +
                  ": models[1] (\"snapshot\").anomalies[0]: \"schedule\" is missing" + hint);
        j = Json::parse(slurp(parts[0]));
        j["models"][0]["stats"]["states"] = -1;
        const std::string negative = s.write("negative.json", j.dump());
        CHECK(merge({negative, parts[1]}).err ==
              "isocheck: error: " + negative +
                  ": models[0] (\"read-committed\").stats: \"states\" must be a whole number, 0 or more" +
                  hint);
    }
    SUBCASE("parts of different runs: a file missing from a part") {
        const std::string other = s.write("other.toml", kCounter4);
        const Run part2 = inProcess({"check", "--shard", "2/2", "--format", "json", f, other});
        const std::string both = s.write("both.json", part2.out);
        const Run r = merge({parts[0], both});
        CHECK(r.code == 2);
        CHECK(r.err.find(": " + other + " is in 1 of the reports (" + both + ") but " + f +
                         " in 2 (" + parts[0] + ", " + both +
                         "): the reports are not all the parts of one run") != std::string::npos);
    }
    SUBCASE("parts of different runs: other models, other reductions") {
        const Run one = inProcess({"check", "--shard", "2/2", "--format", "json", "--model", "snapshot", f});
        const std::string p = s.write("one-model.json", one.out);
        Run r = merge({parts[0], p});
        CHECK(r.code == 2);
        CHECK(r.err == "isocheck: error: " + p + ": " + f +
                           ": this report has the models [snapshot] but " + parts[0] +
                           " has [read-committed, snapshot]: the reports are not the parts of one "
                           "run\n");
        const Run none = inProcess({"check", "--shard", "2/2", "--format", "json", "--reduction", "none", f});
        const std::string q = s.write("no-reduction.json", none.out);
        r = merge({parts[0], q});
        CHECK(r.code == 2);
        CHECK(r.err == "isocheck: error: " + q + ": " + f +
                           " under read-committed: this report's reductions [] differ from " +
                           parts[0] + "'s [persistent-sets, sleep-sets, state-cache]: the shards ran with different --reduction\n");
    }
    SUBCASE("which part each report is, when the reports say") {
        for (unsigned k = 0; k < 2; ++k) markShard(parts[k], k + 1, 2);
        const Run single = inProcess({"check", f});
        Run r = merge(parts);
        CHECK(r.code == 0);
        CHECK(comparable(r.out) == comparable(single.out));
        const std::string again = s.write("again.json", slurp(parts[0]));
        r = merge({parts[0], again});
        CHECK(r.code == 2);
        CHECK(r.err == "isocheck: error: " + again + ": " + f + ": part 1 of 2 is given twice (also " +
                           parts[0] + ") (give each part's report once)\n");
        r = merge({parts[0], parts[1], again});
        CHECK(r.err == "isocheck: error: " + parts[0] + ": " + f +
                           ": this report is part 1 of 2, but 3 reports of the file were given (" +
                           parts[0] + ", " + parts[1] + ", " + again +
                           ") (give the reports of all 2 parts, each once)\n");
        const std::string unmarked = s.write("unmarked.json", inProcess({"check", "--shard", "2/2", "--format", "json", f}).out);
        r = merge({parts[0], unmarked});
        CHECK(r.err == "isocheck: error: " + unmarked + ": " + f +
                           ": this report says no shard (a run without --shard) but others of " + f +
                           " do: the reports are not the parts of one run\n");
        Json j = Json::parse(slurp(parts[1]));
        j["shard"]["part"] = 3;
        const std::string bad = s.write("bad-shard.json", j.dump());
        CHECK(merge({parts[0], bad}).err ==
              "isocheck: error: " + bad + ": " + f + ": \"shard\" says part 3 of 2: K must be 1 to N" + hint);
    }
    SUBCASE("a report of another format_version, or of none") {
        // specs/report.md: merge reads format_version 1 and no other.
        const std::string versionHint =
            " (this isocheck reads reports of format_version 1: run isocheck check --shard K/N "
            "--format json again with this version of isocheck)\n";
        Json j = Json::parse(slurp(parts[1]));
        j.erase("format_version");
        const std::string none = s.write("none.json", j.dump());
        Run r = merge({parts[0], none});
        CHECK(r.code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == "isocheck: error: " + none +
                           ": the report: \"format_version\" is missing: the report was written by "
                           "an isocheck older than format_version 1, or by another tool" + versionHint);
        j["format_version"] = 2;
        const std::string two = s.write("two.json", j.dump());
        r = merge({parts[0], two});
        CHECK(r.code == 2);
        CHECK(r.err == "isocheck: error: " + two + ": the report: \"format_version\" is 2, not 1" +
                           versionHint);
        j["format_version"] = "1";
        const std::string text = s.write("text.json", Json::array({j}).dump());
        CHECK(merge({parts[0], text}).err ==
              "isocheck: error: " + text + ": [0]: \"format_version\" is \"1\", not 1" + versionHint);
    }
    SUBCASE("a report of a file that could not be checked") {
        const std::string bad = s.write(
            "error.json",
            R"({"format_version": 1, "file": "x.toml", "error": "x.toml: cannot open the file"})");
        CHECK(merge({bad}).err == "isocheck: error: " + bad +
                                      ": x.toml: the report says the history file could not be "
                                      "checked: x.toml: cannot open the file" + hint);
    }
}

TEST_CASE("merge: the history file is read again: missing or changed is exit 2") {
    const Scratch s;
    const std::string f = s.write("lost-update.toml", kLostUpdate);
    const std::vector<std::string> parts = shards(s, {f}, 2);
    const std::string changedHint =
        " (the history file changed since the shards ran, or the shards ran another version of "
        "isocheck: run the shards again on this file)\n";

    SUBCASE("missing") {
        fs::remove(f);
        const Run r = merge(parts);
        CHECK(r.code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == "isocheck: error: " + f +
                           ": cannot open the file: No such file or directory (merge reads the "
                           "history file again, at the path the reports give (" +
                           parts[0] + ", " + parts[1] +
                           "): run merge where the shards ran, or copy the file there)\n");
    }
    SUBCASE("a value changed") {
        std::string text = kLostUpdate;
        text.replace(text.find("x = 10"), 6, "x = 11");
        s.write("lost-update.toml", text);
        const Run r = merge(parts);
        CHECK(r.code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.starts_with("isocheck: error: " + f + ": anomaly G-single under read-committed "
                                "(witness from "));
        CHECK(r.err.find("replaying the witness on this file gives another finding than the shard "
                         "reported: \"steps\"[0] is \"T1:r x=11\" in the replay and \"T1:r x=10\" in ") !=
              std::string::npos);
        CHECK(r.err.ends_with(changedHint));
    }
    SUBCASE("a transaction renamed") {
        std::string text = kLostUpdate;
        text.replace(text.find("\"T2\""), 4, "\"T9\"");
        s.write("lost-update.toml", text);
        const Run r = merge(parts);
        CHECK(r.code == 2);
        CHECK(r.err.find("its witness schedule names transaction \"T2\", which the file does not have") !=
              std::string::npos);
        CHECK(r.err.ends_with(changedHint));
    }
    SUBCASE("the title changed") {
        std::string text = kLostUpdate;
        text.replace(text.find("Lost update"), 11, "Lost updates");
        s.write("lost-update.toml", text);
        CHECK(merge(parts).err == "isocheck: error: " + f + ": the reports (" + parts[0] + ", " +
                                      parts[1] + ") give the title \"Lost update\" but the file has "
                                      "\"Lost updates\"" + changedHint);
    }
}

}  // namespace isocheck
