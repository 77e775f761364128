// Reading a JSON report back (see read_json.hpp). Objects are parsed into
// nlohmann::json, whose objects sort their fields by name, so that an object
// dumped again is in a canonical form: two reports of the same finding
// compare equal even when a tool (jq, a pretty-printer) reordered the fields.

#include "report/read_json.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/report.hpp"
#include "support/diagnostic.hpp"

namespace isocheck {
namespace {

using Json = nlohmann::json;

// Where in the report a value is, for messages: `[1].models[2].anomalies[0]`.
class Reader {
public:
    explicit Reader(const std::string& source) : source_(source) {}

    [[noreturn]] void fail(const std::string& where, const std::string& what,
                           const std::string& hint = "give the JSON reports that isocheck check "
                                                     "--shard K/N --format json wrote") const {
        Diagnostic d;
        d.file = source_;
        d.message = where.empty() ? what : where + ": " + what;
        d.hint = hint;
        throw InputError(std::move(d));
    }

    // Every report object says which format it is in; this isocheck reads
    // kJsonFormatVersion only (specs/report.md).
    void formatVersion(const Json& f, const std::string& where) const {
        const std::string hint = fmt::format(
            "this isocheck reads reports of format_version {}: run isocheck check --shard K/N "
            "--format json again with this version of isocheck",
            kJsonFormatVersion);
        const auto it = f.find("format_version");
        if (it == f.end())
            fail(where, "\"format_version\" is missing: the report was written by an isocheck "
                        "older than format_version 1, or by another tool", hint);
        if (!it->is_number_integer() || it->get<std::int64_t>() != kJsonFormatVersion)
            fail(where, fmt::format("\"format_version\" is {}, not {}", it->dump(),
                                    kJsonFormatVersion),
                 hint);
    }

    const Json& field(const Json& obj, const std::string& where, const char* name) const {
        const auto it = obj.find(name);
        if (it == obj.end()) fail(where, fmt::format("\"{}\" is missing", name));
        return *it;
    }
    std::string string(const Json& obj, const std::string& where, const char* name) const {
        const Json& v = field(obj, where, name);
        if (!v.is_string()) fail(where, fmt::format("\"{}\" must be a string", name));
        return v.get<std::string>();
    }
    bool boolean(const Json& obj, const std::string& where, const char* name) const {
        const Json& v = field(obj, where, name);
        if (!v.is_boolean()) fail(where, fmt::format("\"{}\" must be true or false", name));
        return v.get<bool>();
    }
    std::uint64_t count(const Json& obj, const std::string& where, const char* name) const {
        const Json& v = field(obj, where, name);
        if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
            fail(where, fmt::format("\"{}\" must be a whole number, 0 or more", name));
        return v.get<std::uint64_t>();
    }
    const Json& array(const Json& obj, const std::string& where, const char* name) const {
        const Json& v = field(obj, where, name);
        if (!v.is_array()) fail(where, fmt::format("\"{}\" must be an array", name));
        return v;
    }
    std::vector<std::string> strings(const Json& obj, const std::string& where,
                                     const char* name) const {
        std::vector<std::string> out;
        for (const Json& s : array(obj, where, name)) {
            if (!s.is_string()) fail(where, fmt::format("\"{}\" must be an array of strings", name));
            out.push_back(s.get<std::string>());
        }
        return out;
    }

    ReportFinding finding(const Json& f, const std::string& where, FindingList list) const {
        if (!f.is_object()) fail(where, "must be an object");
        ReportFinding out;
        out.schedule = strings(f, where, "schedule");
        out.json = f.dump();
        switch (list) {
            case FindingList::Anomalies:
            case FindingList::Phenomena: out.key = string(f, where, "code"); break;
            case FindingList::Deadlocks:
                for (const std::string& t : strings(f, where, "cycle"))
                    out.key += (out.key.empty() ? "" : " ") + t;
                break;
            case FindingList::Aborts:
                out.key = string(f, where, "cause") + '/' + string(f, where, "txn");
                break;
            case FindingList::FinalStates: {
                const Json& state = field(f, where, "state");
                if (!state.is_object()) fail(where, "\"state\" must be an object");
                out.key = state.dump() + '/' + (boolean(f, where, "serializable") ? "true" : "false");
                break;
            }
            case FindingList::InvariantViolations: out.key = string(f, where, "invariant"); break;
            case FindingList::Probes: out.key = string(f, where, "probe"); break;
        }
        return out;
    }

    ReportModel model(const Json& m, const std::string& where) const {
        if (!m.is_object()) fail(where, "must be an object");
        ReportModel out;
        out.model = string(m, where, "model");
        const std::string at = fmt::format("{} (\"{}\")", where, out.model);
        out.complete = boolean(m, at, "complete");
        if (!out.complete) {
            out.stopReason = StopReason::MaxStates;  // as the report writes a stop of no other kind
            if (m.contains("stop_reason")) {
                const std::string why = string(m, at, "stop_reason");
                if (why == "timeout") out.stopReason = StopReason::Timeout;
                else if (why == "interrupt") out.stopReason = StopReason::Interrupt;
                else if (why != "max-states")
                    fail(at, fmt::format("\"stop_reason\" \"{}\" is none of max-states, timeout, "
                                         "interrupt",
                                         why));
            }
        }
        for (const FindingList l : kFindingLists) {
            const std::string name(findingListName(l));
            const Json& list = array(m, at, name.c_str());
            for (std::size_t i = 0; i < list.size(); ++i)
                out.findings[static_cast<std::size_t>(l)].push_back(
                    finding(list[i], fmt::format("{}.{}[{}]", at, name, i), l));
        }
        if (m.contains("snapshot_too_old")) out.snapshotTooOld = boolean(m, at, "snapshot_too_old");
        if (const auto it = m.find("fixed_schedule"); it != m.end()) {
            if (!it->is_object()) fail(at, "\"fixed_schedule\" must be an object");
            out.fixedSchedule = it->dump();
        }
        const Json& stats = field(m, at, "stats");
        if (!stats.is_object()) fail(at, "\"stats\" must be an object");
        const std::string st = at + ".stats";
        out.stats.executions = count(stats, st, "executions");
        out.stats.distinctExecutions = count(stats, st, "distinct_executions");
        out.stats.states = count(stats, st, "states");
        if (stats.contains("reductions")) out.stats.reductions = strings(stats, st, "reductions");
        if (stats.contains("seconds")) {
            const Json& s = stats["seconds"];
            if (!s.is_number() || s.get<double>() < 0)
                fail(st, "\"seconds\" must be a number, 0 or more");
            out.stats.seconds = s.get<double>();
        }
        if (stats.contains("peak_memory_kb"))
            out.stats.peakMemoryKb = count(stats, st, "peak_memory_kb");
        return out;
    }

    ReportFile file(const Json& f, const std::string& where) const {
        if (!f.is_object())
            fail(where, "must be an object with \"file\" and \"models\" (one history file's report)");
        formatVersion(f, where.empty() ? "the report" : where);
        ReportFile out;
        out.file = string(f, where, "file");
        const std::string at = where.empty() ? out.file : fmt::format("{} ({})", where, out.file);
        if (f.contains("error"))
            fail(at, "the report says the history file could not be checked: " +
                         (f["error"].is_string() ? f["error"].get<std::string>() : f["error"].dump()));
        if (f.contains("title")) out.title = string(f, at, "title");
        if (const auto it = f.find("shard"); it != f.end()) {
            if (!it->is_object()) fail(at, "\"shard\" must be an object {\"part\": K, \"of\": N}");
            const std::uint64_t part = count(*it, at + ".shard", "part");
            const std::uint64_t of = count(*it, at + ".shard", "of");
            if (of == 0 || part == 0 || part > of || of > std::numeric_limits<unsigned>::max())
                fail(at, fmt::format("\"shard\" says part {} of {}: K must be 1 to N", part, of));
            out.shard = ReportShard{static_cast<unsigned>(part), static_cast<unsigned>(of)};
        }
        const Json& models = array(f, at, "models");
        for (std::size_t i = 0; i < models.size(); ++i)
            out.models.push_back(model(models[i], fmt::format("{}models[{}]",
                                                              where.empty() ? "" : where + ".", i)));
        return out;
    }

private:
    const std::string& source_;
};

// Where a and b first differ, below the path `at`.
struct Names {
    std::string_view a, b;
};

std::optional<std::string> differ(const Json& a, const Json& b, const std::string& at, Names n) {
    if (a == b) return std::nullopt;
    if (a.is_object() && b.is_object()) {
        for (const auto& [name, value] : a.items()) {
            const std::string here = fmt::format("{}\"{}\"", at.empty() ? "" : at + ".", name);
            if (!b.contains(name)) return fmt::format("{} is only in {}", here, n.a);
            if (auto d = differ(value, b[name], here, n)) return d;
        }
        for (const auto& [name, value] : b.items())
            if (!a.contains(name))
                return fmt::format("{}\"{}\" is only in {}", at.empty() ? "" : at + ".", name, n.b);
    } else if (a.is_array() && b.is_array()) {
        for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
            if (auto d = differ(a[i], b[i], fmt::format("{}[{}]", at, i), n)) return d;
        return fmt::format("{} has {} entries in {} and {} in {}", at.empty() ? "the value" : at,
                           a.size(), n.a, b.size(), n.b);
    }
    return fmt::format("{} is {} in {} and {} in {}", at.empty() ? "the value" : at, a.dump(), n.a,
                       b.dump(), n.b);
}

}  // namespace

std::string firstDifference(std::string_view first, std::string_view second,
                            std::string_view firstName, std::string_view secondName) {
    const Json a = Json::parse(first, nullptr, false);
    const Json b = Json::parse(second, nullptr, false);
    if (a.is_discarded() || b.is_discarded())
        return first == second ? std::string()
                               : fmt::format("{} and {} differ (not both valid JSON)", firstName,
                                             secondName);
    return differ(a, b, "", Names{firstName, secondName}).value_or("");
}

std::string_view findingListName(FindingList l) {
    switch (l) {
        case FindingList::Anomalies: return "anomalies";
        case FindingList::Phenomena: return "phenomena";
        case FindingList::Deadlocks: return "deadlocks";
        case FindingList::Aborts: return "aborts";
        case FindingList::FinalStates: return "final_states";
        case FindingList::InvariantViolations: return "invariant_violations";
        case FindingList::Probes: return "probes";
    }
    return "?";
}

std::vector<ReportFile> readJsonReport(std::string_view text, const std::string& source) {
    const Reader reader(source);
    Json root;
    try {
        root = Json::parse(text);
    } catch (const Json::parse_error& e) {
        // nlohmann's message: "[json.exception.parse_error.101] parse error at line 1, column 2: ..."
        std::string what = e.what();
        if (const auto colon = what.find("] "); colon != std::string::npos) what.erase(0, colon + 2);
        reader.fail("", "not valid JSON: " + what);
    }
    std::vector<ReportFile> out;
    if (root.is_array()) {
        if (root.empty()) reader.fail("", "an empty array: the report names no history file");
        for (std::size_t i = 0; i < root.size(); ++i)
            out.push_back(reader.file(root[i], fmt::format("[{}]", i)));
    } else {
        out.push_back(reader.file(root, ""));
    }
    return out;
}

}  // namespace isocheck
