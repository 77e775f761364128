// isocheck validate (checker/validate, specs/validate.md): the real models
// pass on generated histories; deliberately broken models (a rule dropped)
// are caught, and the violation is shrunk to a history that still shows it
// and from which no transaction or operation can be dropped without losing it.

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "history/loader.hpp"
#include "models/locking.hpp"
#include "models/multiversion.hpp"
#include "models/registry.hpp"
#include "validate/validate.hpp"
#include "scratch.hpp"
#include "support.hpp"

using namespace isocheck;
using namespace isocheck::test;

namespace {

/// The registry's models, except `name`, which is built by `broken`.
ModelFactory replacing(std::string name, std::function<std::unique_ptr<IsolationModel>()> broken) {
    return [name = std::move(name), broken = std::move(broken)](const ModelInfo& info,
                                                                const ModelOptions& o) {
        return info.name == name ? broken() : makeModel(info, o);
    };
}

std::size_t operations(const GeneratedHistory& g) {
    std::size_t n = 0;
    for (const auto& t : g.txns) n += t.size();
    return n;
}

/// Dropping any one transaction or operation of the shrunk history loses the
/// violation (or makes the file invalid).
void checkOneMinimal(const ValidateOptions& o, const Violation& v) {
    const GeneratedHistory& g = v.shrunkParts;
    auto violates = [&](const GeneratedHistory& c) {
        try {
            return checkProperty(o, parseHistory(c.toml(), "c.toml"), v.property, v.model).has_value();
        } catch (const InputError&) {
            return false;
        }
    };
    REQUIRE(violates(g));
    for (std::size_t t = 0; t < g.txns.size() && g.txns.size() > 1; ++t) {
        GeneratedHistory c = g;
        c.txns.erase(c.txns.begin() + static_cast<std::ptrdiff_t>(t));
        CAPTURE(c.toml());
        CHECK_FALSE(violates(c));
    }
    for (std::size_t t = 0; t < g.txns.size(); ++t)
        for (std::size_t i = 0; i < g.txns[t].size() && g.txns[t].size() > 1; ++i) {
            GeneratedHistory c = g;
            c.txns[t].erase(c.txns[t].begin() + static_cast<std::ptrdiff_t>(i));
            CAPTURE(c.toml());
            CHECK_FALSE(violates(c));
        }
}

}  // namespace

TEST_CASE("validate: the built-in models pass on generated histories, and the counts say so") {
    ValidateOptions o;
    o.histories = 60;
    o.seed = 7;
    o.reductionEvery = 3;
    o.replayEvery = 3;
    o.determinismEvery = 20;
    const ValidateReport r = validateModels(o);
    CAPTURE(r.violation ? r.violation->what + "\n" + r.violation->shrunk : "");
    CHECK_FALSE(r.violation.has_value());
    CHECK(r.models.size() == 7);
    CHECK(r.histories == 60);
    auto at = [&](Property p) { return static_cast<std::size_t>(p); };
    CHECK(r.histories_checked[at(Property::Theory)] == 60);
    CHECK(r.checks[at(Property::Theory)] == 60 * 7);
    CHECK(r.checks[at(Property::SerializableStates)] == 60 * 2);  // serializable, serializable-snapshot
    CHECK(r.checks[at(Property::SnapshotCycles)] == 60);
    // Pairs (A, B) with A at least as strong as B, B != A, from the table.
    std::uint64_t pairs = 0;
    for (const std::string_view m : defaultModels()) pairs += weakerModels(m).size();
    CHECK(r.checks[at(Property::Order)] == 60 * pairs);
    CHECK(r.histories_checked[at(Property::Reduction)] == 20);  // histories 0, 3, ..., 57
    CHECK(r.histories_checked[at(Property::Replay)] == 20);
    CHECK(r.histories_checked[at(Property::Determinism)] == 3);  // 0, 20, 40
}

TEST_CASE("validate: the engine models pass on generated histories") {
    // Each engine model against its own claims and, through the order
    // property, against every model the table calls weaker (generic ones
    // included, explored on demand).
    ValidateOptions o;
    for (const ModelInfo& m : modelRegistry())
        if (!m.generic()) o.models.emplace_back(m.name);
    REQUIRE(!o.models.empty());
    o.histories = 150;
    o.seed = 11;
    const ValidateReport r = validateModels(o);
    CAPTURE(r.violation ? r.violation->what + "\n" + r.violation->shrunk : "");
    CHECK_FALSE(r.violation.has_value());
    CHECK(r.models == o.models);
    CHECK(r.histories == 150);
}

TEST_CASE("validate: serializable without long predicate locks is caught and shrunk") {
    // Strict 2PL with short predicate locks is repeatable read: phantoms.
    ValidateOptions o;
    o.models = {"serializable"};
    o.histories = 400;
    o.factory = replacing("serializable", [] {
        return std::make_unique<LockingModel>(
            LockingPolicy{LockDuration::Long, LockDuration::Short, LockDuration::Long});
    });
    const ValidateReport r = validateModels(o);
    REQUIRE(r.violation.has_value());
    const Violation& v = *r.violation;
    CAPTURE(v.original);
    CAPTURE(v.shrunk);
    CHECK(v.model == "serializable");
    CHECK((v.property == Property::Theory || v.property == Property::SerializableStates));
    CHECK(r.histories < 400);
    // The shrunk file loads, names the violation, and is no larger than the original.
    const History shrunk = parseHistory(v.shrunk, "shrunk.toml");
    CHECK(shrunk.description.find("serializable") != std::string::npos);
    CHECK(operations(v.shrunkParts) <= operations(generateHistory(v.seed, o.generator)));
    // It needs a predicate read: the only rule dropped is about predicates.
    CHECK(v.shrunk.find("select where") != std::string::npos);
    checkOneMinimal(o, v);
    // The real serializable model passes on it.
    ValidateOptions real = o;
    real.factory = nullptr;
    CHECK_FALSE(checkProperty(real, shrunk, v.property, v.model).has_value());
}

TEST_CASE("validate: serializable-snapshot without its conflict flags is caught and shrunk") {
    ValidateOptions o;
    o.models = {"serializable-snapshot"};
    o.histories = 400;
    o.factory = replacing("serializable-snapshot", [] {
        return std::make_unique<MultiversionModel>(MultiversionPolicy{});  // plain snapshot
    });
    const ValidateReport r = validateModels(o);
    REQUIRE(r.violation.has_value());
    const Violation& v = *r.violation;
    CAPTURE(v.shrunk);
    CHECK(v.model == "serializable-snapshot");
    CHECK(v.property == Property::Theory);
    // Write skew needs two transactions, each reading one row and writing the other.
    CHECK(v.shrunkParts.txns.size() == 2);
    checkOneMinimal(o, v);
}

TEST_CASE("validate: a snapshot model whose cycles lack two consecutive rw edges is caught") {
    // read-committed-snapshot under the name `snapshot`: a lost update (T2
    // reads x before T1's commit, writes after it) is the cycle
    // T1 -ww[x]-> T2 -rw[x]-> T1, one rw edge (Fekete et al. 2005 says
    // snapshot isolation never has one).
    ValidateOptions o;
    o.factory = replacing("snapshot", [] {
        return std::make_unique<MultiversionModel>(MultiversionPolicy{.statementSnapshot = true});
    });
    const History lost = parseHistory(
        "[initial]\nx = 0\n[[txn]]\nops = [\"r x\", \"w x = x + 1\"]\n"
        "[[txn]]\nops = [\"r x\", \"w x = x + 1\"]\n",
        "lost.toml");
    const auto what = checkProperty(o, lost, Property::SnapshotCycles, "snapshot");
    REQUIRE(what.has_value());
    CAPTURE(*what);
    CHECK(what->find("T1 -ww[x]-> T2 -rw[x]-> T1") != std::string::npos);
    ValidateOptions real;
    CHECK_FALSE(checkProperty(real, lost, Property::SnapshotCycles, "snapshot").has_value());
}

TEST_CASE("validate: a model that exhibits more than one the theory calls weaker is caught") {
    // repeatable-read >= read-committed: give read-committed long predicate
    // locks too (serializable's rules) and it no longer shows repeatable
    // read's phantom.
    ValidateOptions o;
    o.factory = replacing("read-committed", [] {
        return std::make_unique<LockingModel>(
            LockingPolicy{LockDuration::Long, LockDuration::Long, LockDuration::Long});
    });
    const History h = loadHistoryFile(std::string(ISOCHECK_SOURCE_DIR) + "/specs/pins/p3-phantom.toml");
    const auto what = checkProperty(o, h, Property::Order, "repeatable-read");
    REQUIRE(what.has_value());
    CHECK(what->find("repeatable-read exhibits") != std::string::npos);
    CHECK(what->find("but read-committed") != std::string::npos);
    CHECK_FALSE(checkProperty(ValidateOptions{}, h, Property::Order, "repeatable-read").has_value());
}

TEST_CASE("validate: the same options give the same report") {
    ValidateOptions o;
    o.histories = 30;
    o.seed = 3;
    o.jobs = 2;
    const ValidateReport a = validateModels(o);
    o.jobs = 1;
    const ValidateReport b = validateModels(o);
    CHECK(a.histories_checked == b.histories_checked);
    CHECK(a.checks == b.checks);
    CHECK(a.violation.has_value() == b.violation.has_value());
}

TEST_CASE("isocheck validate --histories N --seed 1: all seven models pass, twice the same output") {
    // N = ISOCHECK_VALIDATE_HISTORIES (scripts/test: 10,000 in the release
    // build, 1,000 under the sanitizers); 10,000 without it.
    const char* env = std::getenv("ISOCHECK_VALIDATE_HISTORIES");
    const std::string n = env != nullptr && *env != '\0' ? env : "10000";
    Scratch s;
    const Run a = s.run("validate --histories " + n + " --seed 1");
    CAPTURE(a.out);
    CAPTURE(a.err);
    CHECK(a.code == 0);
    CHECK(a.out.find("validate: no violation") != std::string::npos);
    CHECK(a.out.find(fmt::format("{} generated histories per model (seed 1)", n)) != std::string::npos);
    CHECK(a.err.empty());
    // Output is deterministic, whatever the number of workers.
    const Run b = s.run("validate --histories 300 --seed 1 --jobs 1");
    const Run c = s.run("validate --histories 300 --seed 1 --jobs 2");
    CHECK(b.code == 0);
    CHECK(b.out == c.out);
}

TEST_CASE("isocheck validate: bad usage exits 2") {
    Scratch s;
    CHECK(s.run("validate --histories 0").code == 2);
    CHECK(s.run("validate --model snapshop").code == 2);
    CHECK(s.run("validate --seed x").code == 2);
}
