#include "theory/models.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "support/spelling.hpp"

namespace isocheck {
namespace {

constexpr std::array kRetention{
    ModelOptionInfo{"retention", ModelOptionInfo::Type::PositiveInt,
                    "keep only the newest N committed versions of each row (snapshot too old)"},
};
constexpr std::array kSnapshotOptions{
    kRetention[0],
    ModelOptionInfo{"first-committer-wins", ModelOptionInfo::Type::Bool,
                    "no row locks; abort at commit if a row written has a newer committed version"},
};

constexpr std::array kOracleSerializableOptions{
    kRetention[0],
    ModelOptionInfo{"one-block", ModelOptionInfo::Type::Bool,
                    "every row in one block: a write fails after any change committed since the snapshot"},
};

// ---- The theory: what each model never exhibits, and its strength ------
// Each claim is about the model as specs/models.md defines it, and names its
// source. `isocheck validate` and the tests check the claims against the
// models on generated histories.

using C = AnomalyClass;
using P = Phenomenon;

// Sources, shared by several claims.
constexpr std::string_view kLongWriteLocks =
    "Berenson et al. 1995, Tables 2 and 4: every locking level holds write locks to the end, "
    "so a second writer waits";
constexpr std::string_view kRowLocks =
    "Berenson et al. 1995, Table 4 (Snapshot: P0 not possible): row locks are held to the end, "
    "so a second writer waits (under first-committer-wins it writes a private version)";
constexpr std::string_view kVersionOrder =
    "Adya 1999, PL-1 (proscribes G0); version order is commit order (reading D1), so ww edges "
    "alone close no cycle";
constexpr std::string_view kReadsCommitted =
    "Berenson et al. 1995, Table 4 (READ COMMITTED: P1 not possible): reads see committed or "
    "own versions only";
constexpr std::string_view kPL2 =
    "Adya 1999, PL-2 (proscribes G1): reads see committed or own versions only";
constexpr std::string_view kRR =
    "Berenson et al. 1995, Table 4 (REPEATABLE READ): long item read and write locks";
constexpr std::string_view kPL299 =
    "Adya 1999, PL-2.99 (proscribes G1 and G2-item): long item locks";
constexpr std::string_view kSnapshotTable4 =
    "Berenson et al. 1995, Table 4 (Snapshot): reads see the snapshot and own writes";
constexpr std::string_view kSnapshotA3 =
    "Berenson et al. 1995, 4.2: snapshot isolation precludes A3 (isocheck's P3 compares two "
    "evaluations, as A3); both see the snapshot";
constexpr std::string_view kPLSI =
    "Adya 1999, PL-SI; Fekete et al. 2005, Theorem 2.1: every dependency cycle has two "
    "consecutive rw edges";
constexpr std::string_view kSerializableTable4 =
    "Berenson et al. 1995, Table 4 (ANSI SQL SERIALIZABLE): long read, write and predicate locks";
constexpr std::string_view kPL3 =
    "Adya 1999, PL-3 (proscribes G0, G1 and G2): strict two-phase locking with predicate locks";
constexpr std::string_view kSSI =
    "Cahill et al. 2008: every committed execution is serializable";
constexpr std::string_view kSSIReads =
    "Cahill et al. 2008 (snapshot isolation plus aborts); Berenson et al. 1995, Table 4 "
    "(Snapshot): reads see the snapshot and own writes";
constexpr std::string_view kSSIA3 =
    "Cahill et al. 2008 (snapshot isolation plus aborts); Berenson et al. 1995, 4.2: snapshot "
    "isolation precludes A3";

constexpr std::array kNeverClassesRU{NeverClass{C::G0, kVersionOrder}};
constexpr std::array kNeverPhenomenaRU{NeverPhenomenon{P::P0, kLongWriteLocks}};

constexpr std::array kNeverClassesRC{
    NeverClass{C::G0, kVersionOrder}, NeverClass{C::G1a, kPL2}, NeverClass{C::G1b, kPL2},
    NeverClass{C::G1c, kPL2}};
constexpr std::array kNeverPhenomenaRC{NeverPhenomenon{P::P0, kLongWriteLocks},
                                       NeverPhenomenon{P::P1, kReadsCommitted}};
constexpr std::array kNeverPhenomenaRCS{NeverPhenomenon{P::P0, kRowLocks},
                                        NeverPhenomenon{P::P1, kReadsCommitted}};

constexpr std::array kNeverClassesRR{
    NeverClass{C::G0, kVersionOrder}, NeverClass{C::G1a, kPL299}, NeverClass{C::G1b, kPL299},
    NeverClass{C::G1c, kPL299},       NeverClass{C::G2Item, kPL299}};
constexpr std::array kNeverPhenomenaRR{
    NeverPhenomenon{P::P0, kLongWriteLocks}, NeverPhenomenon{P::P1, kRR},
    NeverPhenomenon{P::P2, kRR},             NeverPhenomenon{P::P4, kRR},
    NeverPhenomenon{P::A5A, kRR},            NeverPhenomenon{P::A5B, kRR}};

constexpr std::array kNeverClassesSI{
    NeverClass{C::G0, kPLSI}, NeverClass{C::G1a, kPLSI}, NeverClass{C::G1b, kPLSI},
    NeverClass{C::G1c, kPLSI}, NeverClass{C::GSingle, kPLSI}};
constexpr std::array kNeverPhenomenaSI{
    NeverPhenomenon{P::P0, kRowLocks},         NeverPhenomenon{P::P1, kSnapshotTable4},
    NeverPhenomenon{P::P2, kSnapshotTable4},   NeverPhenomenon{P::P3, kSnapshotA3},
    NeverPhenomenon{P::P4, kSnapshotTable4},   NeverPhenomenon{P::A5A, kSnapshotTable4}};

// PostgreSQL's repeatable read is snapshot isolation but for one gap: an
// upsert (`w`/`u` of a row not in [initial]) over a row a concurrent
// transaction deleted finds no live row and inserts, with no serialization
// failure, so G-single and P4 happen
// (specs/engines/pins/postgres-lost-delete.toml, agreed with the server).
// PostgreSQL's serializable shares the gap (the upsert's unique check takes
// no SIREAD lock) where nothing else the certifier sees orders the two, and
// with it G2-item, G2 and A5B, when one more rw-conflict runs out of the
// deleter (specs/engines/pins/postgres-serializable-lost-delete.toml). Every
// value read and the final state are still those of the deleter first: its
// claim is serializable final states, not acyclic versions.
constexpr std::array kNeverClassesPgRR{NeverClass{C::G0, kPLSI}, NeverClass{C::G1a, kPLSI},
                                       NeverClass{C::G1b, kPLSI}, NeverClass{C::G1c, kPLSI}};
constexpr std::array kNeverPhenomenaPgRR{
    NeverPhenomenon{P::P0, kRowLocks},       NeverPhenomenon{P::P1, kSnapshotTable4},
    NeverPhenomenon{P::P2, kSnapshotTable4}, NeverPhenomenon{P::P3, kSnapshotA3},
    NeverPhenomenon{P::A5A, kSnapshotTable4}};

constexpr std::array kNeverClassesSerializable{
    NeverClass{C::G0, kPL3},      NeverClass{C::G1a, kPL3},    NeverClass{C::G1b, kPL3},
    NeverClass{C::G1c, kPL3},     NeverClass{C::GSingle, kPL3}, NeverClass{C::G2Item, kPL3},
    NeverClass{C::G2, kPL3}};
constexpr std::array kNeverPhenomenaSerializable{
    NeverPhenomenon{P::P0, kSerializableTable4},  NeverPhenomenon{P::P1, kSerializableTable4},
    NeverPhenomenon{P::P2, kSerializableTable4},  NeverPhenomenon{P::P3, kSerializableTable4},
    NeverPhenomenon{P::P4, kSerializableTable4},  NeverPhenomenon{P::A5A, kSerializableTable4},
    NeverPhenomenon{P::A5B, kSerializableTable4}};

constexpr std::array kNeverClassesSSI{
    NeverClass{C::G0, kSSI},      NeverClass{C::G1a, kSSI},    NeverClass{C::G1b, kSSI},
    NeverClass{C::G1c, kSSI},     NeverClass{C::GSingle, kSSI}, NeverClass{C::G2Item, kSSI},
    NeverClass{C::G2, kSSI}};
constexpr std::array kNeverPhenomenaSSI{
    NeverPhenomenon{P::P0, kRowLocks},  NeverPhenomenon{P::P1, kSSIReads},
    NeverPhenomenon{P::P2, kSSIReads},  NeverPhenomenon{P::P3, kSSIA3},
    NeverPhenomenon{P::P4, kSSI},       NeverPhenomenon{P::A5A, kSSI},
    NeverPhenomenon{P::A5B, kSSI}};

// Strength (specs/models.md 4.2): A is at least as strong as B when on every
// history whatever A exhibits B exhibits too. Within the locking family a
// stronger level holds the same locks, some of them longer (Berenson et al.
// 1995, Table 2); SSI is snapshot isolation plus aborts; the serializable
// models exhibit nothing. Across families a model that forbids more may
// still take an interleaving the other one cannot (a stale snapshot read
// where a lock would wait), so those pairs are left unordered; models.md 4.2
// gives a history for each.
constexpr std::array kStrongerRC{StrongerThan{
    "read-uncommitted",
    "Berenson et al. 1995, Table 2: the same locks plus short read locks (Gray et al. 1976, "
    "degree 2 over degree 1)"}};
constexpr std::array kStrongerRR{StrongerThan{
    "read-committed", "Berenson et al. 1995, Table 2: the same locks, item read locks held long"}};
constexpr std::string_view kNothing =
    "exhibits nothing at all: no anomaly class, no phenomenon (Adya 1999, PL-3; Berenson et al. "
    "1995, Table 4; Cahill et al. 2008)";
constexpr std::array kStrongerSerializable{
    StrongerThan{"repeatable-read",
                 "Berenson et al. 1995, Table 2: the same locks, predicate locks held long"},
    StrongerThan{"read-committed-snapshot", kNothing}, StrongerThan{"snapshot", kNothing},
    StrongerThan{"serializable-snapshot", kNothing}};
constexpr std::array kStrongerSSI{
    StrongerThan{"snapshot", "Cahill et al. 2008: snapshot isolation plus aborts"},
    StrongerThan{"read-committed-snapshot", kNothing}, StrongerThan{"repeatable-read", kNothing},
    StrongerThan{"serializable", kNothing}};

// Engine models (specs/engines/): each is one of the mechanisms above with
// the engine's own rules, so it inherits the claims of the generic model it
// refines, and says so.
// PostgreSQL's read committed and repeatable read follow the rules of
// read-committed-snapshot and snapshot but for rows that do not exist: a
// DELETE or SELECT FOR UPDATE that finds no row locks nothing (PostgreSQL
// locks tuples, not keys) and reads the row's absence, where the generic
// models lock the key and write a tombstone. An insert of that row by
// another transaction then follows it by an anti-dependency, not by a write
// dependency, and closes cycles the generic models prevent (validate found
// T1 `w z = 2`, `d y` and T2 `delete where value = 2`, `w y = 0`: G2 under
// postgres-read-committed alone). So neither claims to be at least as
// strong as its generic model; each keeps its generic model's never-claims,
// which validate checks.
constexpr std::array kStrongerPostgresSER{
    StrongerThan{"postgres-repeatable-read",
                 "PostgreSQL 15 manual 13.2.3: repeatable read plus the certifier's aborts"}};

// InnoDB's repeatable read: plain reads see one snapshot, writes the newest
// committed version, with no check in between (specs/engines/mysql.md).
constexpr std::string_view kInnoDbReads =
    "MySQL Reference Manual 15.7.2.3: consistent reads see the snapshot of the first read, "
    "plus the transaction's own changes; writes and locking reads see the newest committed "
    "version";
constexpr std::array kNeverClassesMysqlRR{
    NeverClass{C::G0, kVersionOrder}, NeverClass{C::G1a, kPL2}, NeverClass{C::G1b, kPL2},
    NeverClass{C::G1c, kPL2}};
// Not P3: an UPDATE or DELETE with a WHERE clause reads the newest
// committed rows, so two of them (or a query, then one) can see a row that
// came to match in between (Hermitage's PMP with write predicates).
constexpr std::array kNeverPhenomenaMysqlRR{
    NeverPhenomenon{P::P0, kRowLocks}, NeverPhenomenon{P::P1, kInnoDbReads}};

// The MySQL and SQL Server models choose deadlock victims by their engine's
// rule (fewest rows written), so a generic model with the SPEC's rule can
// reach executions they do not, and the reverse: they claim nothing over the
// generic models but what exhibiting nothing gives, and within their engine
// what the same locks held longer give (Berenson et al. 1995, Table 2).
constexpr std::array kStrongerMysqlSER{
    StrongerThan{"serializable", kNothing},
    StrongerThan{"mysql-repeatable-read", kNothing}, StrongerThan{"mysql-read-committed", kNothing},
    StrongerThan{"mysql-read-uncommitted", kNothing}};
constexpr std::array kStrongerOracleRC{StrongerThan{
    "read-committed-snapshot", "the same rules: Oracle Database Concepts (Read Committed: each "
                               "query sees data committed before it began; a blocked write proceeds "
                               "on the committed row)"}};
constexpr std::array kStrongerOracleSER{StrongerThan{
    "snapshot", "Oracle Database Concepts (Serializable: the transaction's snapshot; ORA-08177 on a "
                "row changed since): snapshot isolation, with more aborts under one-block"}};
constexpr std::array kStrongerSqlServerRC{
    StrongerThan{"sqlserver-read-uncommitted",
                 "the same locks and deadlock victims, plus shared locks for the read (Berenson et al. "
                 "1995, Table 2)"}};
constexpr std::array kStrongerSqlServerRR{
    StrongerThan{"sqlserver-read-committed",
                 "the same locks and deadlock victims, shared locks held to the end (Berenson et al. "
                 "1995, Table 2)"}};
constexpr std::array kStrongerSqlServerSER{
    StrongerThan{"serializable", kNothing},
    StrongerThan{"sqlserver-repeatable-read",
                 "the same locks and deadlock victims, range locks held to the end (Berenson et al. "
                 "1995, Table 2)"},
    StrongerThan{"sqlserver-read-committed-snapshot", kNothing}, StrongerThan{"sqlserver-snapshot", kNothing}};

// The generic models weakest first, then each engine's: the order every
// report lists models in.
constexpr std::array kModels{
    ModelInfo{"read-uncommitted", "locking, degree 1: long write locks, reads take no locks", {},
              kNeverClassesRU, kNeverPhenomenaRU, {}, "RU"},
    ModelInfo{"read-committed", "locking, degree 2: long write locks, short read locks", {},
              kNeverClassesRC, kNeverPhenomenaRC, kStrongerRC, "RC"},
    ModelInfo{"read-committed-snapshot",
              "multiversion: each operation reads the newest committed version (PostgreSQL, Oracle)",
              kRetention, kNeverClassesRC, kNeverPhenomenaRCS, {}, "RCS"},
    ModelInfo{"repeatable-read", "locking: long item locks, short predicate locks", {},
              kNeverClassesRR, kNeverPhenomenaRR, kStrongerRR, "RR"},
    ModelInfo{"snapshot", "snapshot isolation, first-updater-wins", kSnapshotOptions,
              kNeverClassesSI, kNeverPhenomenaSI, {}, "SI"},
    ModelInfo{"serializable", "locking, strict two-phase: long read, write and predicate locks", {},
              kNeverClassesSerializable, kNeverPhenomenaSerializable, kStrongerSerializable,
              "SER"},
    ModelInfo{"serializable-snapshot", "serializable snapshot isolation (Cahill et al. 2008)",
              kRetention, kNeverClassesSSI, kNeverPhenomenaSSI, kStrongerSSI, "SSI"},
    ModelInfo{"postgres-read-committed",
              "PostgreSQL READ COMMITTED: a snapshot per statement, an UPDATE that waited re-reads",
              {}, kNeverClassesRC, kNeverPhenomenaRCS, {}, "PG RC", "PostgreSQL"},
    ModelInfo{"postgres-repeatable-read",
              "PostgreSQL REPEATABLE READ: snapshot isolation, first-updater-wins",
              {}, kNeverClassesPgRR, kNeverPhenomenaPgRR, {}, "PG RR", "PostgreSQL"},
    ModelInfo{"postgres-serializable",
              "PostgreSQL SERIALIZABLE: SSI with PostgreSQL's conflict graph and commit order",
              {}, kNeverClassesPgRR, kNeverPhenomenaPgRR, kStrongerPostgresSER, "PG SER", "PostgreSQL",
              true},
    ModelInfo{"mysql-read-uncommitted", "MySQL InnoDB READ UNCOMMITTED: dirty reads, locked writes",
              {}, kNeverClassesRU, kNeverPhenomenaRU, {}, "MY RU", "MySQL"},
    ModelInfo{"mysql-read-committed", "MySQL InnoDB READ COMMITTED: a snapshot per statement",
              {}, kNeverClassesRC, kNeverPhenomenaRCS, {}, "MY RC", "MySQL"},
    ModelInfo{"mysql-repeatable-read",
              "MySQL InnoDB REPEATABLE READ: snapshot reads, writes on the newest version, no conflict check",
              {}, kNeverClassesMysqlRR, kNeverPhenomenaMysqlRR, {}, "MY RR", "MySQL"},
    ModelInfo{"mysql-serializable", "MySQL InnoDB SERIALIZABLE: plain reads lock (two-phase locking)",
              {}, kNeverClassesSerializable, kNeverPhenomenaSerializable, kStrongerMysqlSER, "MY SER",
              "MySQL"},
    ModelInfo{"oracle-read-committed", "Oracle READ COMMITTED: a snapshot per statement, undo retention",
              kRetention, kNeverClassesRC, kNeverPhenomenaRCS, kStrongerOracleRC, "ORA RC", "Oracle"},
    ModelInfo{"oracle-serializable", "Oracle SERIALIZABLE: snapshot isolation, ORA-08177, undo retention",
              kOracleSerializableOptions, kNeverClassesSI, kNeverPhenomenaSI, kStrongerOracleSER, "ORA SER",
              "Oracle"},
    ModelInfo{"sqlserver-read-uncommitted", "SQL Server READ UNCOMMITTED: no shared locks", {},
              kNeverClassesRU, kNeverPhenomenaRU, {}, "MS RU", "SQL Server"},
    ModelInfo{"sqlserver-read-committed", "SQL Server READ COMMITTED (locking): short shared locks", {},
              kNeverClassesRC, kNeverPhenomenaRC, kStrongerSqlServerRC, "MS RC", "SQL Server"},
    ModelInfo{"sqlserver-read-committed-snapshot",
              "SQL Server READ COMMITTED with READ_COMMITTED_SNAPSHOT ON: a snapshot per statement", {},
              kNeverClassesRC, kNeverPhenomenaRCS, {}, "MS RCSI", "SQL Server"},
    ModelInfo{"sqlserver-snapshot", "SQL Server SNAPSHOT: snapshot isolation, update conflicts", {},
              kNeverClassesSI, kNeverPhenomenaSI, {}, "MS SI", "SQL Server"},
    ModelInfo{"sqlserver-repeatable-read", "SQL Server REPEATABLE READ: long shared locks, no range locks",
              {}, kNeverClassesRR, kNeverPhenomenaRR, kStrongerSqlServerRR, "MS RR", "SQL Server"},
    ModelInfo{"sqlserver-serializable", "SQL Server SERIALIZABLE: long shared, exclusive and range locks",
              {}, kNeverClassesSerializable, kNeverPhenomenaSerializable, kStrongerSqlServerSER, "MS SER",
              "SQL Server"},
};

}  // namespace

std::span<const ModelInfo> modelRegistry() { return kModels; }

std::vector<std::string_view> defaultModels() {
    std::vector<std::string_view> out;
    for (const ModelInfo& m : kModels)
        if (m.generic()) out.push_back(m.name);
    return out;
}

const ModelInfo* findModel(std::string_view name) {
    for (const auto& m : kModels)
        if (m.name == name) return &m;
    return nullptr;
}

bool neverExhibits(const ModelInfo& m, AnomalyClass c) {
    return std::ranges::find(m.neverClasses, c, &NeverClass::cls) != m.neverClasses.end();
}

bool neverExhibits(const ModelInfo& m, Phenomenon p) {
    return std::ranges::find(m.neverPhenomena, p, &NeverPhenomenon::ph) != m.neverPhenomena.end();
}

bool atLeastAsStrong(std::string_view stronger, std::string_view weaker) {
    // Depth-first over the direct claims; the table is tiny.
    std::vector<std::string_view> seen{stronger}, todo{stronger};
    while (!todo.empty()) {
        const std::string_view m = todo.back();
        todo.pop_back();
        if (m == weaker) return true;
        const ModelInfo* info = findModel(m);
        if (info == nullptr) continue;
        for (const StrongerThan& s : info->atLeastAsStrongAs)
            if (std::ranges::find(seen, s.model) == seen.end()) {
                seen.push_back(s.model);
                todo.push_back(s.model);
            }
    }
    return false;
}

std::vector<std::string_view> weakerModels(std::string_view m) {
    std::vector<std::string_view> out;
    for (const ModelInfo& other : kModels)
        if (other.name != m && atLeastAsStrong(m, other.name)) out.push_back(other.name);
    return out;
}

std::optional<std::string_view> suggestModel(std::string_view name) {
    std::vector<std::string_view> names;
    names.reserve(std::size(kModels));
    for (const auto& m : kModels) names.push_back(m.name);
    return closest(name, names);
}

}  // namespace isocheck
