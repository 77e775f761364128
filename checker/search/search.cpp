#include "search/search.hpp"

#include <algorithm>
#include <bit>
#include <future>
#include <numeric>
#include <set>

#include <fmt/format.h>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view/cartesian_product.hpp>
#include <range/v3/view/join.hpp>
#include <range/v3/view/transform.hpp>

#include "history/loader.hpp"
#include "report/trace.hpp"
#include "run/run.hpp"
#include "theory/catalogue.hpp"
#include "theory/models.hpp"

namespace isocheck {
namespace {

// One operation of the alphabet, before values are chosen.
struct Letter {
    enum class Kind : unsigned char { Read, Write, ReadForUpdate, Delete, GuardedWrite, Select } kind;
    int key = 0;  // unused for Select
};

// The alphabet in its documented order: reads, writes, locking reads,
// deletes (each over the rows in order), then the one predicate read.
std::vector<Letter> alphabet(const SearchBounds& b) {
    std::vector<Letter> out;
    const auto each = [&](Letter::Kind k) {
        for (int key = 0; key < b.keys; ++key) out.push_back({k, key});
    };
    each(Letter::Kind::Read);
    each(Letter::Kind::Write);
    if (b.forUpdate) each(Letter::Kind::ReadForUpdate);
    if (b.deletes) each(Letter::Kind::Delete);
    if (b.guards) each(Letter::Kind::GuardedWrite);
    if (b.predicates) out.push_back({Letter::Kind::Select, 0});
    return out;
}

using Sequence = std::vector<int>;  // indices into the alphabet

// A transaction of a program: its length and its token (its operations and
// how it ends), as an index among the transactions of that length.
struct Code {
    int length = 0;
    std::size_t token = 0;  // index among the transactions of its length
};

// Everything that does not change while enumerating.
class Space {
public:
    explicit Space(const SearchBounds& b) : bounds_(b), letters_(alphabet(b)), ends_(b.aborts ? 2 : 1) {
        // Sequences of length L: the cartesian product of those of length
        // L - 1 with the alphabet, so in lexicographic order of letters.
        std::vector<int> letterIndex(letters_.size());
        std::iota(letterIndex.begin(), letterIndex.end(), 0);
        sequences_.push_back({Sequence{}});
        for (int length = 1; length <= b.ops; ++length) {
            sequences_.push_back(ranges::views::cartesian_product(sequences_.back(), letterIndex) |
                                 ranges::views::transform([](const auto& pair) {
                                     Sequence s = std::get<0>(pair);
                                     s.push_back(std::get<1>(pair));
                                     return s;
                                 }) |
                                 ranges::to<std::vector>());
        }
        // Every renaming of the rows, as a map of letters. With predicates the
        // last row starts absent and is no longer like the others: it stays.
        std::vector<int> perm(static_cast<std::size_t>(b.keys));
        std::iota(perm.begin(), perm.end(), 0);
        const auto renamed = b.predicates ? perm.end() - 1 : perm.end();
        do {
            std::vector<int> map(letters_.size());
            for (std::size_t i = 0; i < letters_.size(); ++i) {
                Letter l = letters_[i];
                if (l.kind != Letter::Kind::Select) l.key = perm[static_cast<std::size_t>(l.key)];
                map[i] = static_cast<int>(std::ranges::find_if(letters_, [&](const Letter& m) {
                                              return m.kind == l.kind && m.key == l.key;
                                          }) - letters_.begin());
            }
            renamings_.push_back(std::move(map));
        } while (std::next_permutation(perm.begin(), renamed));
    }

    [[nodiscard]] std::size_t tokens(int length) const {
        return sequences_.at(static_cast<std::size_t>(length)).size() * ends_;
    }
    [[nodiscard]] const Sequence& sequence(const Code& t) const {
        return sequences_.at(static_cast<std::size_t>(t.length)).at(t.token / ends_);
    }
    [[nodiscard]] bool aborts(const Code& t) const { return t.token % ends_ == 1; }
    [[nodiscard]] const Letter& letter(int i) const { return letters_.at(static_cast<std::size_t>(i)); }

    // Whether no renaming of the rows gives a smaller program: the program,
    // its transactions sorted as the enumeration sorts them (longest first,
    // then by token), is its own canonical form.
    [[nodiscard]] bool canonical(const std::vector<Code>& program) const {
        const std::size_t letters = letters_.size();
        for (const std::vector<int>& map : renamings_) {
            std::vector<Code> renamed;
            for (const Code& t : program) {
                std::size_t index = 0;
                for (const int letter : sequence(t)) index = index * letters + static_cast<std::size_t>(map[static_cast<std::size_t>(letter)]);
                renamed.push_back({t.length, index * ends_ + t.token % ends_});
            }
            std::ranges::sort(renamed, [](const Code& a, const Code& b) {
                return a.length != b.length ? a.length > b.length : a.token < b.token;
            });
            const auto key = [](const Code& t) { return std::pair{-t.length, t.token}; };
            if (std::ranges::lexicographical_compare(renamed, program, {}, key, key)) return false;
        }
        return true;
    }

    // Some row written by one transaction and read, written or selected by
    // another: without one, no model can find anything.
    [[nodiscard]] bool conflicts(const std::vector<Code>& program) const {
        for (std::size_t a = 0; a < program.size(); ++a)
            for (const int wa : sequence(program[a])) {
                const Letter& w = letter(wa);
                if (w.kind != Letter::Kind::Write && w.kind != Letter::Kind::Delete &&
                    w.kind != Letter::Kind::GuardedWrite)
                    continue;
                for (std::size_t b = 0; b < program.size(); ++b) {
                    if (b == a) continue;
                    for (const int ob : sequence(program[b])) {
                        const Letter& o = letter(ob);
                        if (o.kind == Letter::Kind::Select || o.key == w.key) return true;
                    }
                }
            }
        return false;
    }

    // A guarded write needs a row its transaction read before, for its guard.
    [[nodiscard]] bool valid(const std::vector<Code>& program) const {
        return std::ranges::all_of(program, [&](const Code& t) {
            bool read = false;
            for (const int i : sequence(t)) {
                const Letter::Kind k = letter(i).kind;
                if (k == Letter::Kind::GuardedWrite && !read) return false;
                read = read || k == Letter::Kind::Read || k == Letter::Kind::ReadForUpdate;
            }
            return true;
        });
    }

    [[nodiscard]] bool readOnly(const Code& t) const {
        return std::ranges::all_of(sequence(t), [&](int i) {
            const Letter::Kind k = letter(i).kind;
            return k == Letter::Kind::Read || k == Letter::Kind::Select;
        });
    }

    // The history file of a program (without its title and expectations).
    [[nodiscard]] std::string body(const std::vector<Code>& program) const {
        // Every row starts at 1; with predicates the last row starts absent (a
        // write of it is an insert) and the others exist whether or not an
        // operation names them, since a select reads them all. Without
        // predicates only the rows named appear: the canonical form names a
        // prefix of x, y, z.
        int used = 0;
        for (const Code& t : program)
            for (const int i : sequence(t))
                if (letter(i).kind != Letter::Kind::Select) used = std::max(used, letter(i).key + 1);
        const int present = bounds_.predicates ? bounds_.keys - 1 : used;
        std::string out;
        if (bounds_.guards && present > 0) {
            std::vector<std::string> rows;
            rows.reserve(static_cast<std::size_t>(present));
            for (int k = 0; k < present; ++k) rows.push_back(keyName(k));
            out += fmt::format("invariants = [\"{} >= 1\"]\n\n", rows | ranges::views::join(std::string(" + ")) |
                                                                        ranges::to<std::string>());
        }
        out += "[initial]\n";
        for (int k = 0; k < present; ++k) out += fmt::format("{} = 1\n", keyName(k));
        for (std::size_t t = 0; t < program.size(); ++t) {
            std::vector<std::string> ops;
            std::set<int> read;
            int last = -1;  // the row read last, for a guard
            int op = 0;
            for (const int i : sequence(program[t])) {
                ++op;
                const Letter& l = letter(i);
                const std::string key = keyName(l.key);
                switch (l.kind) {
                    case Letter::Kind::Read: ops.push_back("r " + key); read.insert(l.key); last = l.key; break;
                    case Letter::Kind::ReadForUpdate:
                        ops.push_back("r " + key + " for update");
                        read.insert(l.key);
                        last = l.key;
                        break;
                    case Letter::Kind::GuardedWrite:
                        ops.push_back(fmt::format("w {} = 0 if {} >= 1", key, keyName(last)));
                        break;
                    case Letter::Kind::Delete: ops.push_back("d " + key); break;
                    case Letter::Kind::Select: ops.push_back("select where value > 0"); break;
                    case Letter::Kind::Write:
                        // A read-modify-write when the row was read; else a
                        // constant no other write of the program writes.
                        ops.push_back(read.contains(l.key) ? fmt::format("w {} = {} + 1", key, key)
                                                           : fmt::format("w {} = {}{}", key, t + 1, op));
                        break;
                }
            }
            ops.push_back(aborts(program[t]) ? "abort" : "commit");
            out += fmt::format("\n[[txn]]\nname = \"T{}\"\nops = [{}]\n", t + 1,
                               ops | ranges::views::transform([](const std::string& s) { return "\"" + s + "\""; }) |
                                   ranges::views::join(std::string(", ")) | ranges::to<std::string>());
        }
        if (bounds_.retention)
            for (const char* m : {"read-committed-snapshot", "snapshot", "serializable-snapshot"})
                out += fmt::format("\n[model.{}]\nretention = 1\n", m);
        return out;
    }

    [[nodiscard]] static std::string keyName(int k) {
        static constexpr std::string_view kNames = "xyzuvwabcdefghijklmnopqrst";
        return std::string(1, kNames.at(static_cast<std::size_t>(k)));
    }

private:
    SearchBounds bounds_;
    std::vector<Letter> letters_;
    std::size_t ends_;
    std::vector<std::vector<Sequence>> sequences_;  // by length
    std::vector<std::vector<int>> renamings_;
};

// Calls `visit` on every canonical program, smallest first (specs/search.md
// section 2) until it returns false; `sizeDone` after each size.
template <typename Visit, typename SizeDone>
void enumerate(const Space& space, const SearchBounds& b, Visit&& visit, SizeDone&& sizeDone) {
    for (int size = 2; size <= b.txns * b.ops; ++size) {
        for (int n = 2; n <= b.txns; ++n) {
            if (size < n || size > n * b.ops) continue;
            // Lengths l1 >= l2 >= ... >= ln, each in [1, ops], summing to size,
            // in decreasing lexicographic order.
            std::vector<std::vector<int>> partitions;
            std::vector<int> part;
            const std::function<void(int, int)> split = [&](int left, int most) {
                if (static_cast<int>(part.size()) == n) {
                    if (left == 0) partitions.push_back(part);
                    return;
                }
                for (int l = std::min(most, left); l >= 1; --l) {
                    part.push_back(l);
                    split(left - l, l);
                    part.pop_back();
                }
            };
            split(size, b.ops);
            for (const std::vector<int>& lengths : partitions) {
                // Tokens per position; equal lengths take non-decreasing tokens.
                std::vector<Code> program(lengths.size());
                const std::function<bool(std::size_t)> fill = [&](std::size_t at) {
                    if (at == lengths.size())
                        return space.valid(program) && space.canonical(program) ? visit(program) : true;
                    const bool same = at > 0 && lengths[at] == lengths[at - 1];
                    for (std::size_t t = same ? program[at - 1].token : 0; t < space.tokens(lengths[at]); ++t) {
                        program[at] = {lengths[at], t};
                        if (!fill(at + 1)) return false;
                    }
                    return true;
                };
                if (!fill(0)) return;
            }
        }
        if (!sizeDone(size)) return;
    }
}

ModelResult runModel(const History& h, const std::string& model) {
    RunOptions o;
    o.onlyModels = {model};
    return std::move(runHistory(h, o).models.front());
}

// What a program's check found.
struct Checked {
    bool matches = false;
    std::optional<History> history;
};

std::string withoutReadOnly(const Space& space, const std::vector<Code>& program) {
    std::vector<Code> rest;
    for (const Code& t : program)
        if (!space.readOnly(t)) rest.push_back(t);
    return space.body(rest);
}

bool check(const Space& space, const std::vector<Code>& program, const SearchQuery& q) {
    const History h = parseHistory(space.body(program), "search.toml");
    for (const std::string& m : q.allows)
        if (!exhibits(runModel(h, m), q.exhibits)) return false;
    for (const std::string& m : q.forbids)
        if (exhibits(runModel(h, m), q.exhibits)) return false;
    if (q.readOnlyMatters) {
        const History rest = parseHistory(withoutReadOnly(space, program), "search.toml");
        for (const std::string& m : q.allows)
            if (exhibits(runModel(rest, m), q.exhibits)) return false;
    }
    return true;
}

// What the first model of `models` shows of `what`, for the description.
std::string shown(const History& h, const ModelResult& m, const std::string& what) {
    for (const AnomalyFinding& a : m.anomalies)
        if (what == "anomaly" || what == "anything" || what == info(a.cls).name)
            return fmt::format("{} ({}){}, witness {}", info(a.cls).name, a.name,
                               a.cycle.empty() ? "" : ": " + formatCycle(h, a.cycle), scheduleLine(h, a.witness));
    for (const PhenomenonFinding& p : m.phenomena)
        if (what == "anything" || what == info(p.ph).name)
            return fmt::format("{} ({}): {}, witness {}", info(p.ph).name, info(p.ph).commonName,
                               p.cycle.empty() ? p.detail : formatCycle(h, p.cycle), scheduleLine(h, p.witness));
    if (what == "deadlock" && !m.deadlocks.empty())
        return fmt::format("a deadlock: {}, witness {}", formatWaitsFor(h, m.deadlocks.front().cycle),
                           scheduleLine(h, m.deadlocks.front().witness));
    if (what == "invariant" && !m.invariantViolations.empty()) {
        const InvariantFinding& v = m.invariantViolations.front();
        return fmt::format("the invariant {} is violated in {}, witness {}", h.invariants.at(v.invariant).text,
                           formatRows(h, v.rows), scheduleLine(h, v.witness));
    }
    for (const AbortFinding& a : m.aborts)
        if (what == "snapshot-too-old" && a.cause == AbortCause::SnapshotTooOld)
            return fmt::format("snapshot too old: {}, witness {}", a.why, scheduleLine(h, a.witness));
    return what;
}

std::string quotedList(const std::vector<std::string>& names) {
    return "[" +
           (names | ranges::views::transform([](const std::string& s) { return "\"" + s + "\""; }) |
            ranges::views::join(std::string(", ")) | ranges::to<std::string>()) +
           "]";
}

// The history file of a match: a title, a description saying what it shows
// and how it was found, the program, and [expect] for every model as found.
SearchMatch describe(const Space& space, const std::vector<Code>& program, const std::string& title,
                     const std::string& found, const std::string& what, const std::vector<std::string>& shownUnder,
                     std::uint64_t index) {
    const std::string body = space.body(program);
    SearchMatch out;
    out.index = index;
    out.history = parseHistory(body, "search.toml");
    out.result = runHistory(out.history, {});
    std::string description = found;
    for (const std::string& m : shownUnder) {
        const auto r = std::ranges::find(out.result.models, m, &ModelResult::model);
        if (r != out.result.models.end())
            description += fmt::format("\nUnder {}: {}.", m, shown(out.history, *r, what));
    }
    out.toml = fmt::format("title = \"{}\"\ndescription = \"\"\"\n{}\n\"\"\"\n\n{}{}", title, description, body,
                           expectTables(out.history, out.result));
    out.history = parseHistory(out.toml, "search.toml");
    return out;
}

std::string queryWords(const SearchQuery& q) {
    std::string out = q.exhibits == "anomaly"    ? std::string("an anomaly")
                      : q.exhibits == "anything" ? std::string("a class or phenomenon")
                                                 : q.exhibits;
    if (!q.allows.empty()) out += " that " + (q.allows | ranges::views::join(std::string(", ")) | ranges::to<std::string>()) + " allow" + (q.allows.size() == 1 ? "s" : "");
    if (!q.forbids.empty()) out += (q.allows.empty() ? " that " : " and ") + (q.forbids | ranges::views::join(std::string(", ")) | ranges::to<std::string>()) + " forbid" + (q.forbids.size() == 1 ? "s" : "");
    if (q.readOnlyMatters) out += ", only with its read-only transactions";
    return out;
}

// `checkOne` of every program of a batch on `jobs` threads; the results in order.
template <typename F>
auto inParallel(const std::vector<std::vector<Code>>& batch, unsigned jobs, F&& checkOne) {
    std::vector<decltype(checkOne(batch.front()))> out(batch.size());
    const unsigned threads = std::max(1U, std::min<unsigned>(jobs, static_cast<unsigned>(batch.size())));
    std::vector<std::future<void>> workers;
    for (unsigned w = 0; w < threads; ++w)
        workers.push_back(std::async(std::launch::async, [&, w] {
            for (std::size_t i = w; i < batch.size(); i += threads) out[i] = checkOne(batch[i]);
        }));
    for (auto& f : workers) f.get();
    return out;
}

constexpr std::size_t kBatch = 256;

// The enumeration in batches: the programs `keep` accepts, numbered by their
// place among all canonical programs, go to `flush` kBatch at a time and at
// the end of every size (so that nothing of one size is decided after
// anything larger); `flush` says whether to go on.
template <typename Keep, typename Flush>
void inBatches(const Space& space, const SearchOptions& o, SearchStats& s, Keep&& keep, Flush&& flush) {
    std::vector<std::vector<Code>> batch;
    std::vector<std::uint64_t> indexes;
    std::uint64_t index = 0;
    bool more = true;
    const auto hand = [&] {
        s.checked += batch.size();
        more = flush(batch, indexes);
        batch.clear();
        indexes.clear();
        return more;
    };
    enumerate(
        space, o.bounds,
        [&](const std::vector<Code>& program) {
            ++index;
            ++s.programs;
            if (!keep(program)) return true;
            batch.push_back(program);
            indexes.push_back(index);
            return batch.size() < kBatch || hand();
        },
        [&](int size) {
            s.largest = size;
            const bool go = batch.empty() || hand();
            if (o.progress) o.progress(s);
            return go;
        });
    if (!batch.empty() && more) hand();
}

}  // namespace

std::string expectTables(const History& h, const FileResult& r) {
    std::string text;
    for (const ModelResult& m : r.models) {
        std::vector<std::string> anomalies;
        std::vector<std::string> phenomena;
        for (const AnomalyFinding& a : m.anomalies) anomalies.emplace_back(info(a.cls).name);
        for (const PhenomenonFinding& p : m.phenomena) phenomena.emplace_back(info(p.ph).name);
        std::ranges::sort(anomalies);
        std::ranges::sort(phenomena);
        text += fmt::format("\n[expect.{}]\n", m.model);
        if (m.schedule) text += fmt::format("possible = {}\n", m.schedule->possible);
        text += fmt::format("anomalies = {}\nphenomena = {}\ndeadlock = {}\nsnapshot_too_old = {}\n",
                            quotedList(anomalies), quotedList(phenomena), !m.deadlocks.empty(), m.snapshotTooOld);
        if (!h.invariants.empty()) text += fmt::format("invariants_hold = {}\n", m.invariantViolations.empty());
    }
    return text;
}

std::vector<std::string> programTexts(const SearchBounds& b, std::size_t limit) {
    const Space space(b);
    std::vector<std::string> out;
    enumerate(
        space, b,
        [&](const std::vector<Code>& program) {
            if (space.conflicts(program)) out.push_back(space.body(program));
            return out.size() < limit;
        },
        [](int) { return true; });
    return out;
}

bool knownExhibit(const std::string& what) {
    if (what == "anomaly" || what == "anything" || what == "deadlock" || what == "snapshot-too-old" ||
        what == "invariant")
        return true;
    for (const AnomalyInfo& a : anomalyCatalogue())
        if (a.name == what) return true;
    for (const PhenomenonInfo& p : phenomenonCatalogue())
        if (p.name == what) return true;
    return false;
}

bool exhibits(const ModelResult& m, const std::string& what) {
    if (what == "anomaly") return !m.anomalies.empty();
    if (what == "anything") return !m.anomalies.empty() || !m.phenomena.empty();
    if (what == "deadlock") return !m.deadlocks.empty();
    if (what == "snapshot-too-old") return m.snapshotTooOld;
    if (what == "invariant") return !m.invariantViolations.empty();
    return std::ranges::any_of(m.anomalies, [&](const AnomalyFinding& a) { return info(a.cls).name == what; }) ||
           std::ranges::any_of(m.phenomena, [&](const PhenomenonFinding& p) { return info(p.ph).name == what; });
}

std::vector<SearchMatch> search(const SearchQuery& q, const SearchOptions& o, SearchStats* stats) {
    const Space space(o.bounds);
    SearchStats local;
    std::vector<SearchMatch> found;
    const auto keep = [&](const std::vector<Code>& program) {
        return space.conflicts(program) &&
               (!q.readOnlyMatters || std::ranges::any_of(program, [&](const Code& t) { return space.readOnly(t); }));
    };
    const auto flush = [&](const std::vector<std::vector<Code>>& batch, const std::vector<std::uint64_t>& indexes) {
        // char, not bool: threads write neighbouring results, which a vector<bool> packs into one word.
        const std::vector<char> ok =
            inParallel(batch, o.jobs, [&](const std::vector<Code>& p) { return static_cast<char>(check(space, p, q)); });
        for (std::size_t i = 0; i < batch.size() && found.size() < o.count; ++i) {
            if (ok[i] == 0) continue;
            int operations = 0;
            for (const Code& t : batch[i]) operations += t.length;
            found.push_back(describe(space, batch[i], fmt::format("Search: the smallest program with {}", queryWords(q)),
                                     fmt::format("Found by isocheck search: program {} in the enumeration of "
                                                 "specs/search.md, {} operations in {} transactions: {}.",
                                                 indexes[i], operations, batch[i].size(), queryWords(q)),
                                     q.exhibits, q.allows, indexes[i]));
        }
        return found.size() < o.count;
    };
    inBatches(space, o, stats != nullptr ? *stats : local, keep, flush);
    return found;
}

std::vector<Separation> separate(const std::vector<std::string>& models, const std::string& what,
                                 const SearchOptions& o, SearchStats* stats) {
    const Space space(o.bounds);
    SearchStats local;
    std::vector<Separation> table;
    for (const std::string& a : models)
        for (const std::string& b : models)
            if (a != b) table.push_back({a, b, std::nullopt});
    std::size_t open = table.size();
    // Per model (in `models` order) what it exhibits of `what`, as a bit set
    // over the catalogue: with `what` "anything" every class and phenomenon
    // (the strength order's own terms, specs/models.md 4.2), else one bit.
    const auto profile = [&](const std::vector<Code>& p) {
        const History h = parseHistory(space.body(p), "search.toml");
        RunOptions ro;
        ro.onlyModels = models;
        const FileResult r = runHistory(h, ro);
        std::vector<std::uint64_t> bits(models.size(), 0);
        for (std::size_t i = 0; i < models.size(); ++i) {
            const auto m = std::ranges::find(r.models, models[i], &ModelResult::model);
            if (m == r.models.end()) continue;
            if (what != "anything") {
                bits[i] = exhibits(*m, what) ? 1 : 0;
                continue;
            }
            for (const AnomalyFinding& a : m->anomalies) bits[i] |= std::uint64_t{1} << static_cast<unsigned>(a.cls);
            for (const PhenomenonFinding& f : m->phenomena)
                bits[i] |= std::uint64_t{1} << (32 + static_cast<unsigned>(f.ph));
        }
        return bits;
    };
    const auto at = [&](const std::string& m) {
        return static_cast<std::size_t>(std::ranges::find(models, m) - models.begin());
    };
    const auto flush = [&](const std::vector<std::vector<Code>>& batch, const std::vector<std::uint64_t>& indexes) {
        const std::vector<std::vector<std::uint64_t>> bits = inParallel(batch, o.jobs, profile);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            for (Separation& sep : table) {
                if (sep.example) continue;
                // Something the first exhibits and the second does not.
                const std::uint64_t only = bits[i][at(sep.allows)] & ~bits[i][at(sep.forbids)];
                if (only == 0) continue;
                // What it is: the first such class or phenomenon, in catalogue order.
                std::string shownWhat = what;
                if (what == "anything") {
                    const unsigned bit = static_cast<unsigned>(std::countr_zero(only));
                    shownWhat = bit < 32 ? std::string(info(static_cast<AnomalyClass>(bit)).name)
                                         : std::string(info(static_cast<Phenomenon>(bit - 32)).name);
                }
                const SearchQuery q{{sep.allows}, {sep.forbids}, shownWhat, false};
                sep.example = describe(space, batch[i], fmt::format("Separation: {} allows, {} forbids", sep.allows, sep.forbids),
                                       fmt::format("Found by isocheck search --separate: program {} in the enumeration "
                                                   "of specs/search.md, the smallest with {}.",
                                                   indexes[i], queryWords(q)),
                                       shownWhat, {sep.allows}, indexes[i]);
                --open;
            }
        }
        return open > 0;
    };
    inBatches(space, o, stats != nullptr ? *stats : local, [&](const std::vector<Code>& p) { return space.conflicts(p); },
              flush);
    return table;
}

}  // namespace isocheck
