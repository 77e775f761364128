#include "theory/catalogue.hpp"

#include <array>

#include "support/assert.hpp"

namespace isocheck {
namespace {

constexpr std::array kAnomalies{
    AnomalyInfo{AnomalyClass::G0, "G0", "write cycle",
                "a cycle of ww edges only", "Adya 1999, 3.1.3"},
    AnomalyInfo{AnomalyClass::G1a, "G1a", "aborted read",
                "a committed transaction read a version written by a transaction that aborted",
                "Adya 1999, 3.1.3"},
    AnomalyInfo{AnomalyClass::G1b, "G1b", "intermediate read",
                "a committed transaction read a version that its writer later overwrote",
                "Adya 1999, 3.1.3"},
    AnomalyInfo{AnomalyClass::G1c, "G1c", "circular information flow",
                "a cycle of ww and wr edges with at least one wr edge", "Adya 1999, 3.1.3"},
    AnomalyInfo{AnomalyClass::GSingle, "G-single", "single anti-dependency cycle",
                "a cycle with exactly one rw edge", "Adya 1999, 4.1.3"},
    AnomalyInfo{AnomalyClass::G2Item, "G2-item", "item anti-dependency cycle",
                "a cycle with two or more rw edges, all of them item edges", "Adya 1999, 3.2.4"},
    AnomalyInfo{AnomalyClass::G2, "G2", "anti-dependency cycle",
                "a cycle with two or more rw edges, one or more of them predicate edges",
                "Adya 1999, 3.2.3"},
};

constexpr std::array kPhenomena{
    PhenomenonInfo{Phenomenon::P0, "P0", "dirty write",
                   "a transaction writes a row whose newest version belongs to another live "
                   "transaction",
                   "Berenson et al. 1995, 2.2"},
    PhenomenonInfo{Phenomenon::P1, "P1", "dirty read",
                   "a transaction reads a version written by another live transaction",
                   "Berenson et al. 1995, 2.2"},
    PhenomenonInfo{Phenomenon::P2, "P2", "non-repeatable read",
                   "a transaction reads one row twice and gets two versions, neither its own",
                   "Berenson et al. 1995, 2.2"},
    PhenomenonInfo{Phenomenon::P3, "P3", "phantom",
                   "a transaction evaluates one predicate twice and gets two different sets of rows",
                   "Berenson et al. 1995, 2.2"},
    PhenomenonInfo{Phenomenon::P4, "P4", "lost update",
                   "T1 -rw[x]-> T2 and T2 -ww[x]-> T1 between two committed transactions",
                   "Berenson et al. 1995, 4.1"},
    PhenomenonInfo{Phenomenon::A5A, "A5A", "read skew",
                   "T1 -rw[x]-> T2 and T2 -wr[y]-> T1 with x != y, between two committed "
                   "transactions",
                   "Berenson et al. 1995, 4.2"},
    PhenomenonInfo{Phenomenon::A5B, "A5B", "write skew",
                   "T1 -rw[x]-> T2 and T2 -rw[y]-> T1 with x != y, item edges, between two "
                   "committed transactions",
                   "Berenson et al. 1995, 4.2"},
};

}  // namespace

std::span<const AnomalyInfo> anomalyCatalogue() { return kAnomalies; }
std::span<const PhenomenonInfo> phenomenonCatalogue() { return kPhenomena; }

const AnomalyInfo& info(AnomalyClass c) {
    const auto i = static_cast<std::size_t>(c);
    ISOCHECK_ASSERT(i < kAnomalies.size() && kAnomalies[i].cls == c);
    return kAnomalies[i];
}

const PhenomenonInfo& info(Phenomenon p) {
    const auto i = static_cast<std::size_t>(p);
    ISOCHECK_ASSERT(i < kPhenomena.size() && kPhenomena[i].ph == p);
    return kPhenomena[i];
}

std::optional<AnomalyClass> anomalyByName(std::string_view name) {
    for (const auto& a : kAnomalies)
        if (a.name == name) return a.cls;
    return std::nullopt;
}

std::optional<Phenomenon> phenomenonByName(std::string_view name) {
    for (const auto& p : kPhenomena)
        if (p.name == name) return p.ph;
    return std::nullopt;
}

}  // namespace isocheck
