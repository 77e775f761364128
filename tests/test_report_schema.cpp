// specs/report.schema.json names what the code names: its enums are the
// model registry, the anomaly and phenomenon catalogues, the abort causes,
// the stop reasons and operation kinds, and its format_version is the one
// the JSON report writes. The schema itself is checked against the reports
// by tests/report_schema.py (CTest: report-schema-*); this test keeps it from
// drifting when a model, class or phenomenon is added.

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "report/report.hpp"
#include "report/trace.hpp"
#include "theory/catalogue.hpp"
#include "theory/models.hpp"

namespace isocheck {
namespace {

using Json = nlohmann::json;
using Names = std::set<std::string>;

const Json& schema() {
    static const Json s = [] {
        std::ifstream in(ISOCHECK_SOURCE_DIR "/specs/report.schema.json");
        REQUIRE(in);
        std::stringstream text;
        text << in.rdbuf();
        return Json::parse(text.str());
    }();
    return s;
}

Names enumOf(const char* def) {
    const Json& d = schema().at("$defs").at(def);
    REQUIRE(d.contains("enum"));
    Names out;
    for (const Json& v : d.at("enum")) out.insert(v.get<std::string>());
    CHECK(out.size() == d.at("enum").size());  // no name twice
    return out;
}

}  // namespace

TEST_CASE("report schema: a draft 2020-12 schema of format_version 1") {
    CHECK(schema().at("$schema") == "https://json-schema.org/draft/2020-12/schema");
    CHECK(schema().at("$defs").at("checkedFile").at("properties").at("format_version").at("const") ==
          kJsonFormatVersion);
    CHECK(schema().at("$defs").at("errorFile").at("properties").at("format_version").at("const") ==
          kJsonFormatVersion);
}

TEST_CASE("report schema: its enums are the registry's and the catalogues' names") {
    Names models;
    for (const ModelInfo& m : modelRegistry()) models.emplace(m.name);
    CHECK(enumOf("modelName") == models);

    Names codes;
    Names anomalyNames;
    for (const AnomalyInfo& a : anomalyCatalogue()) {
        codes.emplace(a.name);
        anomalyNames.emplace(a.commonName);
    }
    CHECK(enumOf("anomalyCode") == codes);

    Names phenomena;
    Names phenomenonNames;
    for (const PhenomenonInfo& p : phenomenonCatalogue()) {
        phenomena.emplace(p.name);
        phenomenonNames.emplace(p.commonName);
    }
    CHECK(enumOf("phenomenonCode") == phenomena);
    CHECK(enumOf("phenomenonName") == phenomenonNames);
    // An anomaly goes by its class's common name, or a two-transaction
    // cycle by the name of the phenomenon of its shape (anomaly/classify.cpp).
    for (Phenomenon p : {Phenomenon::P4, Phenomenon::A5A, Phenomenon::A5B})
        anomalyNames.emplace(info(p).commonName);
    CHECK(enumOf("anomalyName") == anomalyNames);

    Names causes;
    for (AbortCause c : {AbortCause::User, AbortCause::Deadlock, AbortCause::Serialization,
                         AbortCause::SnapshotTooOld})
        causes.insert(causeName(c));
    CHECK(enumOf("abortCause") == causes);

    Names kinds;
    for (OpKind k : {OpKind::Read, OpKind::ReadForUpdate, OpKind::Write, OpKind::Update,
                     OpKind::Delete, OpKind::PredicateRead, OpKind::PredicateUpdate,
                     OpKind::PredicateDelete, OpKind::Commit, OpKind::Abort})
        kinds.emplace(opKindName(k));
    CHECK(enumOf("operationKind") == kinds);

    Names stops;
    for (StopReason r : {StopReason::MaxStates, StopReason::Timeout, StopReason::Interrupt}) {
        ModelResult m;
        m.complete = false;
        m.stopReason = r;
        // stoppedBy gives `--max-states`, `--timeout`, `an interrupt`; the
        // JSON writes the option's name or `interrupt`.
        std::string by(stoppedBy(m));
        if (by.starts_with("--")) by.erase(0, 2);
        if (by.starts_with("an ")) by.erase(0, 3);
        stops.insert(by);
    }
    CHECK(enumOf("stopReason") == stops);
}

}  // namespace isocheck
