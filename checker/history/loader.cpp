#include "history/loader.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "history/model_tables.hpp"
#include "theory/catalogue.hpp"
#include "history/op_parser.hpp"
#include "history/textbook.hpp"
#include "history/toml_input.hpp"
#include "support/assert.hpp"

namespace isocheck {
namespace {

/// Whether the operation ends its transaction whenever it runs: a guarded
/// abort may be skipped, so operations may follow it (SPEC 3.1).
[[nodiscard]] bool endsTxn(const RawOp& op) {
    return op.kind == OpKind::Commit || (op.kind == OpKind::Abort && !op.guard);
}

/// The keys named in a condition.
template <class F>
void forEachKey(const RawCondition& c, F f) {
    for (const auto* side : {&c.lhs, &c.rhs})
        for (const RawTerm& term : *side)
            if (!term.key.empty()) f(term.key);
}

constexpr std::array<std::string_view, 3> kTxnKeys{"name", "ops", "read-only"};

/// Reads the tree in dependency order: transactions before the schedule that
/// names them, the schedule before the expectations whose `possible` needs it.
/// Every error that leaves the rest readable is collected and reading goes on
/// (each row, transaction, operation, schedule step, model name, expectation
/// key); a check that needs what failed is skipped, so that one mistake is
/// reported once. Limits (too many transactions, operations, keys) stop it.
class Loader {
public:
    Loader(const TomlInput& in, const toml::table& root, DiagnosticList& errors)
        : in_(in), root_(root), errors_(errors) {}

    History load() {
        in_.checkKeys(root_, kTopKeys, "", "key", "the top level takes " + joinNames(kTopKeys),
                      errors_);
        History h;
        h.file = in_.file();
        errors_.attempt([&] { h.title = optionalString("title"); });
        errors_.attempt([&] { h.description = optionalString("description"); });
        readInitial();
        const toml::node* history = root_.get("history");
        if (history != nullptr)
            readTextbook(*history);
        else
            readTxns();
        // An unknown top-level key may have been meant as txn or history.
        if (history == nullptr && root_.get("txn") == nullptr && errors_.empty())
            errors_.add(in_.error(
                {}, "no transactions",
                "add [[txn]] tables with ops = [...], or history = \"r1[x] w2[x] c2 c1\""));
        checkOpCount();
        for (RawTxn& t : txns_)
            if (!t.broken) checkTxn(t);
        // With history, a schedule is an error of its own (readTextbook).
        const toml::node* schedule = root_.get("schedule");
        const toml::node* transcript = root_.get("transcript");
        if (schedule && history == nullptr) readSchedule(*schedule, "schedule");
        if (transcript && history == nullptr) {
            if (schedule != nullptr)
                errors_.add(in_.error(posOf(*transcript), "transcript cannot be combined with schedule",
                                      "a schedule lists steps that take effect; a transcript, steps "
                                      "as they are sent (one that waits takes effect later): use one"));
            else
                readSchedule(*transcript, "transcript");
            h.transcript = true;
        }
        if (const toml::node* probes = root_.get("probes")) readProbes(*probes, h);
        if (const toml::node* inv = root_.get("invariants")) readInvariants(*inv);
        if (errors_.empty())
            build(h);
        else
            h.schedule = schedule_;  // for the expectations' `possible`
        readModelTables(in_, root_, h, errors_);
        if (errors_.empty()) h.warnings = readsOfMissingRows();
        return h;
    }

private:
    [[nodiscard]] std::string optionalString(std::string_view key) const {
        const toml::node* n = root_.get(key);
        if (n == nullptr) return {};
        const auto* s = n->as_string();
        const bool title = key == "title";
        if (s == nullptr)
            in_.fail(posOf(*n), std::string(key) + " must be a string, not " + describeType(*n),
                     title ? R"(write title = "Lost update")"
                           : R"(write description = "Two deposits race.")");
        // A title is one line in every report; the description is Markdown.
        if (title && hasControl(s->get()))
            in_.fail(posOf(*n), "title contains a control character",
                     "a title is one line; put more in description");
        return s->get();
    }

    void readInitial() {
        const toml::node* n = root_.get("initial");
        if (n == nullptr) return;
        const auto* table = n->as_table();
        if (table == nullptr) {
            errors_.add(in_.error(posOf(*n),
                                  "initial must be a table of rows, not " + describeType(*n),
                                  "write [initial] and then x = 10"));
            return;
        }
        for (const auto& [key, value] : *table) errors_.attempt([&, &key = key, &value = value] { readRow(key, value); });
    }

    void readRow(const toml::key& key, const toml::node& value) {
        const std::string name(key.str());
        if (!isValidKey(name))
            in_.fail(posOf(key.source()), "[initial]: \"" + name + "\" is not a valid key",
                     "keys match [A-Za-z_][A-Za-z0-9_]*");
        const auto* v = value.as_integer();
        if (v == nullptr) {
            std::string hint = misplacedTopKeyHint(name);
            in_.fail(posOf(value),
                     "[initial]: " + name + " must be an integer, not " + describeType(value),
                     hint.empty() ? "write " + name + " = 10" : std::move(hint));
        }
        initial_[name] = v->get();
        initialPos_[name] = posOf(key.source());
    }

    void checkCount(std::size_t count, SourcePos pos, const std::string& context) const {
        if (count > kMaxTxns)
            in_.fail(pos, context + ": too many transactions",
                     "isocheck checks at most " + std::to_string(kMaxTxns));
    }

    void readTxns() {
        const toml::node* n = root_.get("txn");
        if (n == nullptr) return;
        const auto* arr = n->as_array();
        if (arr == nullptr || !arr->is_array_of_tables()) {
            errors_.add(in_.error(
                posOf(*n),
                "txn must be an array of tables, not " +
                    (arr == nullptr ? describeType(*n) : std::string("an array of values")),
                "write [[txn]] (double brackets) before each transaction"));
            return;
        }
        for (const toml::node& element : *arr) readTxn(*element.as_table());
    }

    void readTxn(const toml::table& t) {
        const std::string context = "[[txn]] " + std::to_string(txns_.size() + 1);
        in_.checkKeys(t, kTxnKeys, context, "key", "[[txn]] takes name, ops and read-only", errors_);
        RawTxn txn;
        txn.pos = posOf(t);
        txn.name = "T" + std::to_string(txns_.size() + 1);
        checkCount(txns_.size() + 1, txn.pos, context);
        SourcePos namePos = txn.pos;
        const toml::node* name = t.get("name");
        if (name != nullptr) {
            namePos = posOf(*name);
            if (!errors_.attempt([&] { txn.name = readName(*name, context); })) {
                txn.broken = true;
                namesUnsure_ = true;
            }
        }
        for (std::size_t i = 0; i < txns_.size(); ++i)
            if (txns_[i].name == txn.name && !txn.broken) {
                errors_.add(in_.error(
                    namePos, context + ": duplicate name \"" + txn.name + '"',
                    "[[txn]] " + std::to_string(i + 1) + " is named " + txn.name + " too" +
                        (name == nullptr ? "; an unnamed [[txn]] N is named TN" : "")));
                namesUnsure_ = true;
                break;
            }
        if (const toml::node* ro = t.get("read-only")) {
            if (const auto* b = ro->as_boolean())
                txn.readOnly = b->get();
            else
                errors_.add(in_.error(posOf(*ro),
                                      context + ": read-only must be true or false, not " + describeType(*ro),
                                      "write read-only = true for a transaction declared READ ONLY"));
        }
        readOps(t, txn, context);
        txns_.push_back(std::move(txn));
    }

    [[nodiscard]] std::string readName(const toml::node& name, const std::string& context) const {
        const auto* s = name.as_string();
        if (s == nullptr || s->get().empty())
            in_.fail(posOf(name),
                     context + ": name must be a non-empty string" +
                         (s == nullptr ? ", not " + describeType(name) : std::string()),
                     "write name = \"T1\", or omit it");
        // A newline or other control character would break every report.
        if (hasControl(s->get()))
            in_.fail(
                posOf(name),
                context + ": name \"" + printable(s->get()) + "\" contains a control character",
                "names appear in schedules and reports; write name = \"T1\"");
        return s->get();
    }

    void readOps(const toml::table& t, RawTxn& txn, const std::string& context) {
        const toml::node* n = t.get("ops");
        const auto* ops = n == nullptr ? nullptr : n->as_array();
        if (n != nullptr && ops == nullptr) {
            errors_.add(in_.error(
                posOf(*n),
                context + ": ops must be an array of operation strings, not " + describeType(*n),
                R"(write ops = ["r x", "w x = x + 1", "commit"])"));
            txn.broken = true;
            return;
        }
        if (ops == nullptr || ops->empty()) {
            errors_.add(
                in_.error(n == nullptr ? txn.pos : posOf(*n), context + ": empty transaction",
                          R"(give it at least one operation, e.g. ops = ["r x", "commit"])"));
            txn.broken = true;
            return;
        }
        // A bad operation keeps its place, so that the next ones keep their numbers.
        for (const toml::node& element : *ops) {
            Diagnostic where = in_.at(posOf(element));
            where.txn = txn.name;
            where.opIndex = static_cast<int>(txn.ops.size());
            RawOp& op = txn.ops.emplace_back();
            op.pos = where.pos;
            const auto* s = element.as_string();
            if (s == nullptr) {
                where.message = "an operation must be a string, not " + describeType(element);
                where.hint = "write \"r x\"";
                errors_.add(std::move(where));
                txn.broken = true;
                continue;
            }
            op.text = s->get();
            where.opText = printable(s->get());
            if (!errors_.attempt([&] { op = parseOp(s->get(), where); })) txn.broken = true;
        }
    }

    /// `probes = ["G1a", "OTV"]`: class or phenomenon codes, OTV or PMP, each once.
    void readProbes(const toml::node& n, History& h) {
        const std::string hint = R"(write probes = ["G1a"]: anomaly classes, phenomena, OTV or PMP)";
        const auto* arr = n.as_array();
        if (arr == nullptr) {
            errors_.add(in_.error(posOf(n), "probes must be an array of names, not " + describeType(n), hint));
            return;
        }
        std::vector<std::string_view> valid;
        for (const AnomalyInfo& a : anomalyCatalogue()) valid.push_back(a.name);
        for (const PhenomenonInfo& p : phenomenonCatalogue()) valid.push_back(p.name);
        valid.insert(valid.end(), kOtherProbes.begin(), kOtherProbes.end());
        for (const toml::node& element : *arr) {
            const auto* s = element.as_string();
            if (s == nullptr) {
                errors_.add(in_.error(posOf(element), "probes: a probe must be a name, not " + describeType(element), hint));
                continue;
            }
            const std::string& name = s->get();
            if (std::ranges::find(valid, std::string_view(name)) == valid.end()) {
                const auto near = closest(name, valid);
                errors_.add(in_.error(posOf(element), "probes: unknown probe \"" + name + '"',
                                      near ? didYouMean(*near) : hint));
                continue;
            }
            if (std::ranges::find(h.probes, name) != h.probes.end()) {
                errors_.add(in_.error(posOf(element), "probes: " + name + " is listed twice", "list each probe once"));
                continue;
            }
            h.probes.push_back(name);
        }
    }

    void readTextbook(const toml::node& n) {
        schedule_.emplace();
        for (const std::string_view clash : {"txn", "schedule", "transcript"})
            if (const toml::node* other = root_.get(clash))
                errors_.add(
                    in_.error(posOf(*other),
                              std::string(clash == "txn" ? "[[txn]] tables" : clash) +
                                  " cannot be combined with history",
                              "history = \"...\" defines the transactions and fixes the schedule; "
                              "use either it or [[txn]] tables with an optional schedule"));
        const auto* s = n.as_string();
        if (s == nullptr) {
            errors_.add(in_.error(posOf(n), "history must be a string, not " + describeType(n),
                                  "write history = \"r1[x] w2[x] c2 c1\""));
            return;
        }
        const std::size_t before = errors_.size();
        Textbook book = parseTextbook(
            s->get(), [&](std::size_t offset) { return in_.at(in_.posInString(n, offset)); },
            errors_);
        const bool bad = errors_.size() != before;
        if (book.txns.empty() && !bad)
            errors_.add(
                in_.error(posOf(n), "history is empty", "write history = \"r1[x] w2[x] c2 c1\""));
        if (book.txns.size() > kMaxTxns)
            checkCount(book.txns.size(), book.txns[kMaxTxns].pos, "history");
        txns_ = std::move(book.txns);
        // The transactions of a history with a bad token miss an operation.
        for (RawTxn& t : txns_) t.broken = bad;
        for (const std::size_t t : book.schedule) schedule_->push_back(static_cast<TxnId>(t));
    }

    [[nodiscard]] Diagnostic opWhere(const RawTxn& t, std::size_t i) const {
        Diagnostic d = in_.at(t.ops[i].pos);
        d.txn = t.name;
        d.opIndex = static_cast<int>(i);
        d.opText = printable(t.ops[i].text);
        return d;
    }

    void checkOpCount() const {
        std::size_t count = 0;
        for (const RawTxn& t : txns_)
            for (std::size_t i = 0; i < t.ops.size(); ++i)
                if (++count > kMaxOps) {
                    Diagnostic d = opWhere(t, i);
                    d.message = "too many operations";
                    d.hint = "isocheck checks at most " + std::to_string(kMaxOps) + " in all";
                    throw InputError(std::move(d));
                }
    }

    /// Fails at the first appearance of the key that is one too many.
    void checkKeyCount() const {
        struct First {
            SourcePos pos;
            std::string key;
            const RawTxn* txn = nullptr;
            std::size_t op = 0;
        };
        std::map<std::string, First> first;
        const auto see = [&](const std::string& key, First f) {
            auto [it, inserted] = first.try_emplace(key, f);
            if (!inserted && f.pos < it->second.pos) it->second = f;
        };
        for (const auto& [name, pos] : initialPos_) see(name, {pos, name});
        for (const RawTxn& t : txns_)
            for (std::size_t i = 0; i < t.ops.size(); ++i) {
                const RawOp& op = t.ops[i];
                if (!op.key.empty()) see(op.key, {op.pos, op.key, &t, i});
                for (const RawTerm& term : op.expr)
                    if (!term.key.empty()) see(term.key, {op.pos, term.key, &t, i});
            }
        if (first.size() <= kMaxKeys) return;
        std::vector<First> order;
        order.reserve(first.size());
        for (const auto& entry : first) order.push_back(entry.second);
        // Stable: keys at the same position (one operation) keep name order.
        std::ranges::stable_sort(order, {}, &First::pos);
        const First& extra = order[kMaxKeys];
        Diagnostic d = extra.txn != nullptr ? opWhere(*extra.txn, extra.op) : in_.at(extra.pos);
        d.message = (extra.txn != nullptr ? "" : "[initial]: ") + std::string("too many rows: ") +
                    extra.key + " is the " + std::to_string(kMaxKeys + 1) + "th distinct key";
        d.hint = "isocheck checks at most " + std::to_string(kMaxKeys);
        throw InputError(std::move(d));
    }

    /// Ops after the end, keys used before they are bound (D5), implicit commit.
    void checkTxn(RawTxn& t) {
        std::set<std::string, std::less<>> bound;
        for (std::size_t i = 0; i < t.ops.size(); ++i) {
            const RawOp& op = t.ops[i];
            if (i > 0 && endsTxn(t.ops[i - 1])) {
                Diagnostic d = opWhere(t, i);
                d.message = t.name + " already ended at op " + std::to_string(i) + " \"" +
                            t.ops[i - 1].text + '"';
                d.hint = "commit or abort must be the last operation";
                errors_.add(std::move(d));
                t.broken = true;
                return;
            }
            // As an engine refuses it ("cannot execute UPDATE in a read-only transaction").
            const bool writes = op.kind == OpKind::Write || op.kind == OpKind::Update ||
                                op.kind == OpKind::Delete || op.kind == OpKind::ReadForUpdate ||
                                op.kind == OpKind::PredicateUpdate || op.kind == OpKind::PredicateDelete;
            if (t.readOnly && writes) {
                Diagnostic d = opWhere(t, i);
                d.message = t.name + " is declared read-only (read-only = true) and cannot " +
                            (op.kind == OpKind::ReadForUpdate ? "lock a row for update" : "write");
                d.hint = "remove the operation, or read-only = true";
                errors_.add(std::move(d));
                t.broken = true;
                return;
            }
            const auto need = [&](const std::string& key, bool ownRead) {
                if (ownRead || bound.contains(key)) return;
                Diagnostic d = opWhere(t, i);
                d.message = t.name + " has not read " + key;
                d.hint = "read or write " + key + " before using it" +
                         (op.guard && key == op.key && !op.key.empty()
                              ? std::string("; a guard is evaluated before its own operation")
                              : std::string());
                errors_.add(std::move(d));
                bound.insert(key);  // once per transaction: one missing read, one error
            };
            // A guard is evaluated first, before even the read of `u K = E`.
            if (op.guard) forEachKey(*op.guard, [&](const std::string& key) { need(key, false); });
            // `u K = E` reads K before evaluating E; `w K = E` evaluates E first.
            for (const RawTerm& term : op.expr)
                if (!term.key.empty())
                    need(term.key, op.kind == OpKind::Update && term.key == op.key);
            // A guarded operation may be skipped: it makes no key known (SPEC 3.1);
            // nor does a predicate write, whose rows depend on the execution.
            if (!op.key.empty() && !op.guard)
                bound.insert(op.key);
        }
        if (!endsTxn(t.ops.back())) {
            RawOp commit;
            commit.kind = OpKind::Commit;
            commit.text = "commit";
            commit.implicit = true;
            commit.pos = t.ops.back().pos;
            t.ops.push_back(std::move(commit));
        }
    }

    void readSchedule(const toml::node& n, const std::string& key) {
        schedule_.emplace();
        const auto* arr = n.as_array();
        if (arr == nullptr) {
            errors_.add(in_.error(
                posOf(n), key + " must be an array of transaction names, not " + describeType(n),
                "write " + key + R"( = ["T1", "T2", "T1"])"));
            return;
        }
        std::vector<std::string_view> names;
        for (const RawTxn& t : txns_) names.push_back(t.name);
        std::vector<std::size_t> steps(txns_.size(), 0);
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const toml::node& element = *arr->get(i);
            const auto* s = element.as_string();
            if (s == nullptr) {
                errors_.add(in_.error(posOf(element),
                                      key + ": step " + std::to_string(i + 1) +
                                          " must be a transaction name, not " +
                                          describeType(element),
                                      "write " + key + R"( = ["T1", "T2", "T1"])"));
                continue;
            }
            // Names are checked only against transactions that were all read.
            if (namesUnsure_ || txns_.empty()) continue;
            const auto it = std::ranges::find(names, std::string_view(s->get()));
            if (it == names.end()) {
                const auto near = closest(s->get(), names);
                errors_.add(in_.error(
                    posOf(element),
                    key + ": step " + std::to_string(i + 1) + " names " + s->get() +
                        ", which is no transaction",
                    near ? didYouMean(*near) : "the transactions are " + joinNames(names)));
                continue;
            }
            const auto t = static_cast<std::size_t>(it - names.begin());
            const RawTxn& txn = txns_[t];
            if (txn.broken) continue;
            // Only the first step too many: the ones after it are the same mistake.
            if (++steps[t] == txn.ops.size() + 1)
                errors_.add(in_.error(
                    posOf(element),
                    key + ": " + txn.name + " is listed " + std::to_string(steps[t]) +
                        " times but has " + std::to_string(txn.ops.size()) + " operations" +
                        (txn.ops.back().implicit ? ", counting its implicit commit" : ""),
                    "list a transaction at most once per operation"));
            schedule_->push_back(static_cast<TxnId>(t));
        }
    }

    /// `invariants = ["x + y >= 1"]`: parsed here, their keys checked against
    /// the keys of the history in build().
    void readInvariants(const toml::node& n) {
        const auto* arr = n.as_array();
        if (arr == nullptr) {
            errors_.add(in_.error(posOf(n),
                                  "invariants must be an array of conditions, not " + describeType(n),
                                  R"(write invariants = ["x + y >= 1"])"));
            return;
        }
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const toml::node& element = *arr->get(i);
            const std::string context = "invariant " + std::to_string(i + 1);
            const auto* s = element.as_string();
            if (s == nullptr) {
                errors_.add(in_.error(posOf(element),
                                      context + " must be a string, not " + describeType(element),
                                      R"(write invariants = ["x + y >= 1"])"));
                continue;
            }
            Diagnostic where = in_.at(posOf(element));
            errors_.attempt([&] {
                try {
                    invariants_.push_back({parseCondition(s->get(), where), s->get(), posOf(element)});
                } catch (const InputError& e) {
                    Diagnostic d = e.diagnostic();
                    d.message = context + " \"" + printable(s->get()) + "\": " + d.message;
                    throw InputError(std::move(d));
                }
            });
        }
    }

    /// Plain reads (`r K`) of a row that is not in [initial] and that no
    /// operation writes, updates, deletes or reads for update (specs/format.md,
    /// section 9): such a read always gives null and takes part in no conflict,
    /// so it is almost always a misspelt key. A warning, not an error.
    [[nodiscard]] std::vector<Diagnostic> readsOfMissingRows() const {
        std::set<std::string, std::less<>> known;
        for (const auto& entry : initial_) known.insert(entry.first);
        for (const RawTxn& t : txns_)
            for (const RawOp& op : t.ops)
                if (op.kind != OpKind::Read && !op.key.empty()) known.insert(op.key);
        const std::vector<std::string_view> candidates(known.begin(), known.end());
        std::vector<Diagnostic> out;
        for (const RawTxn& t : txns_)
            for (std::size_t i = 0; i < t.ops.size(); ++i) {
                const RawOp& op = t.ops[i];
                if (op.kind != OpKind::Read || known.contains(op.key)) continue;
                Diagnostic d = opWhere(t, i);
                d.message = "no row " + op.key + ": " + op.key +
                            " is not in [initial] and no transaction writes it, so this read "
                            "always gives null";
                const auto near = closest(op.key, candidates);
                d.hint = near ? didYouMean(*near)
                              : "give " + op.key + " a value in [initial] if the row should exist";
                out.push_back(std::move(d));
            }
        return out;
    }

    /// Interns keys (sorted by name) and predicates (in order of appearance).
    void build(History& h) {
        std::set<std::string> keys;
        for (const auto& [name, value] : initial_) keys.insert(name);
        for (const RawTxn& t : txns_)
            for (const RawOp& op : t.ops) {
                if (!op.key.empty()) keys.insert(op.key);
                for (const RawTerm& term : op.expr)
                    if (!term.key.empty()) keys.insert(term.key);
                if (op.guard) forEachKey(*op.guard, [&](const std::string& k) { keys.insert(k); });
            }
        if (keys.size() > kMaxKeys) checkKeyCount();
        ISOCHECK_ASSERT(keys.size() <= kMaxKeys);
        h.keys.assign(keys.begin(), keys.end());
        h.initial.assign(h.keys.size(), std::nullopt);
        for (const auto& [name, value] : initial_) h.initial[*h.findKey(name)] = Value(value);

        for (const RawTxn& raw : txns_) {
            Txn& txn = h.txns.emplace_back();
            txn.name = raw.name;
            txn.pos = raw.pos;
            txn.readOnly = raw.readOnly;
            for (const RawOp& r : raw.ops) {
                Op& op = txn.ops.emplace_back();
                op.kind = r.kind;
                op.text = r.text;
                op.implicit = r.implicit;
                op.pos = r.pos;
                if (!r.key.empty()) op.key = *h.findKey(r.key);
                op.expr = intern(h, r.expr);
                if (op.scans()) op.predicate = internPredicate(h, r.predicate);
                if (r.guard) op.guard = intern(h, *r.guard);
            }
        }
        h.schedule = schedule_;
        buildInvariants(h);
    }

    /// E with its keys interned.
    [[nodiscard]] static Expr intern(const History& h, const std::vector<RawTerm>& raw) {
        Expr e;
        for (const RawTerm& term : raw) {
            Term& out = e.terms.emplace_back();
            out.negative = term.negative;
            if (term.rowValue)
                out.operand = RowValue{};
            else if (!term.key.empty())
                out.operand = *h.findKey(term.key);
            else
                out.operand = term.literal;
        }
        return e;
    }

    /// A guard or an invariant with its keys interned.
    [[nodiscard]] static Condition intern(const History& h, const RawCondition& raw) {
        return Condition{intern(h, raw.lhs), raw.cmp, intern(h, raw.rhs)};
    }

    /// An invariant may name only keys of the history (SPEC 1.1): a key no
    /// row and no operation has is almost surely misspelt.
    void buildInvariants(History& h) const {
        for (std::size_t i = 0; i < invariants_.size(); ++i) {
            const ParsedInvariant& inv = invariants_[i];
            bool ok = true;
            forEachKey(inv.cond, [&](const std::string& key) {
                if (!ok || h.findKey(key)) return;
                ok = false;
                const std::vector<std::string_view> names(h.keys.begin(), h.keys.end());
                const auto near = closest(key, names);
                errors_.add(in_.error(
                    inv.pos,
                    "invariant " + std::to_string(i + 1) + " \"" + printable(inv.text) +
                        "\": no row " + key,
                    near ? didYouMean(*near)
                         : "an invariant names rows of [initial] or of the operations: " +
                               joinNames(names)));
            });
            if (ok) h.invariants.push_back({intern(h, inv.cond), inv.text, inv.pos});
        }
    }

    [[nodiscard]] static PredicateId internPredicate(History& h, const Predicate& p) {
        const auto it = std::ranges::find(h.predicates, p.text, &Predicate::text);
        if (it != h.predicates.end()) return static_cast<PredicateId>(it - h.predicates.begin());
        h.predicates.push_back(p);
        return static_cast<PredicateId>(h.predicates.size() - 1);
    }

    const TomlInput& in_;
    const toml::table& root_;
    DiagnosticList& errors_;
    bool namesUnsure_ = false;  ///< a transaction name was bad or repeated
    std::map<std::string, std::int64_t> initial_;
    std::map<std::string, SourcePos> initialPos_;
    std::vector<RawTxn> txns_;
    std::optional<std::vector<TxnId>> schedule_;
    struct ParsedInvariant {
        RawCondition cond;
        std::string text;
        SourcePos pos;
    };
    std::vector<ParsedInvariant> invariants_;
};

}  // namespace

History parseHistory(std::string_view text, const std::string& file) {
    toml::table root;
    try {
        root = toml::parse(text, std::string_view(file));
    } catch (const toml::parse_error& e) {
        Diagnostic d;
        d.file = file;
        d.pos = posOf(e.source());
        d.message = "invalid TOML: " + std::string(e.description());
        throw InputError(std::move(d));
    }
    const TomlInput in(file, text);
    DiagnosticList errors;
    History h;
    // A limit stops the loader with an InputError: it joins the errors found before.
    errors.attempt([&] { h = Loader(in, root, errors).load(); });
    errors.throwIfAny();
    return h;
}

History loadHistoryFile(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        Diagnostic d;
        d.file = path;
        d.message = "cannot read the file: it is a directory";
        d.hint = "give a history file; isocheck verify searches directories for *.toml files";
        throw InputError(std::move(d));
    }
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        Diagnostic d;
        d.file = path;
        d.message = std::string("cannot open the file: ") + std::strerror(errno);
        throw InputError(std::move(d));
    }
    std::ostringstream text;
    // An empty file gives no characters, which sets failbit on `text`; only a
    // failed read of the stream itself is an error.
    text << stream.rdbuf();
    if (stream.bad()) {
        Diagnostic d;
        d.file = path;
        d.message = std::string("cannot read the file: ") + std::strerror(errno);
        throw InputError(std::move(d));
    }
    return parseHistory(text.str(), path);
}

}  // namespace isocheck
