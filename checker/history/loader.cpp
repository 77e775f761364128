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
#include "history/op_parser.hpp"
#include "history/textbook.hpp"
#include "history/toml_input.hpp"
#include "support/assert.hpp"

namespace isocheck {
namespace {

[[nodiscard]] bool endsTxn(const RawOp& op) {
    return op.kind == OpKind::Commit || op.kind == OpKind::Abort;
}

constexpr std::array<std::string_view, 2> kTxnKeys{"name", "ops"};

/// Reads the tree in dependency order: transactions before the schedule that
/// names them, the schedule before the expectations whose `possible` needs it.
class Loader {
public:
    Loader(const TomlInput& in, const toml::table& root) : in_(in), root_(root) {}

    History load() {
        in_.checkKeys(root_, kTopKeys, "", "key", "the top level takes " + joinNames(kTopKeys));
        History h;
        h.file = in_.file();
        h.title = optionalString("title");
        h.description = optionalString("description");
        readInitial();
        if (const toml::node* history = root_.get("history"))
            readTextbook(*history);
        else
            readTxns();
        if (txns_.empty())
            in_.fail({}, "no transactions",
                     "add [[txn]] tables with ops = [...], or history = \"r1[x] w2[x] c2 c1\"");
        checkOpCount();
        for (RawTxn& t : txns_) checkTxn(t);
        if (const toml::node* schedule = root_.get("schedule")) readSchedule(*schedule);
        build(h);
        readModelTables(in_, root_, h);
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
        if (table == nullptr)
            in_.fail(posOf(*n), "initial must be a table of rows, not " + describeType(*n),
                     "write [initial] and then x = 10");
        for (const auto& [key, value] : *table) {
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
        if (arr == nullptr || !arr->is_array_of_tables())
            in_.fail(posOf(*n),
                     "txn must be an array of tables, not " +
                         (arr == nullptr ? describeType(*n) : std::string("an array of values")),
                     "write [[txn]] (double brackets) before each transaction");
        for (const toml::node& element : *arr) {
            const toml::table& t = *element.as_table();
            const std::string context = "[[txn]] " + std::to_string(txns_.size() + 1);
            in_.checkKeys(t, kTxnKeys, context, "key", "[[txn]] takes name and ops");
            RawTxn txn;
            txn.pos = posOf(t);
            txn.name = "T" + std::to_string(txns_.size() + 1);
            checkCount(txns_.size() + 1, txn.pos, context);
            SourcePos namePos = txn.pos;
            const toml::node* name = t.get("name");
            if (name != nullptr) {
                const auto* s = name->as_string();
                namePos = posOf(*name);
                if (s == nullptr || s->get().empty())
                    in_.fail(namePos,
                             context + ": name must be a non-empty string" +
                                 (s == nullptr ? ", not " + describeType(*name) : std::string()),
                             "write name = \"T1\", or omit it");
                // A newline or other control character would break every report.
                if (hasControl(s->get()))
                    in_.fail(namePos,
                             context + ": name \"" + printable(s->get()) +
                                 "\" contains a control character",
                             "names appear in schedules and reports; write name = \"T1\"");
                txn.name = s->get();
            }
            for (std::size_t i = 0; i < txns_.size(); ++i)
                if (txns_[i].name == txn.name)
                    in_.fail(namePos, context + ": duplicate name \"" + txn.name + '"',
                             "[[txn]] " + std::to_string(i + 1) + " is named " + txn.name + " too" +
                                 (name == nullptr ? "; an unnamed [[txn]] N is named TN" : ""));
            readOps(t, txn, context);
            txns_.push_back(std::move(txn));
        }
    }

    void readOps(const toml::table& t, RawTxn& txn, const std::string& context) const {
        const toml::node* n = t.get("ops");
        const auto* ops = n == nullptr ? nullptr : n->as_array();
        if (n != nullptr && ops == nullptr)
            in_.fail(posOf(*n),
                     context + ": ops must be an array of operation strings, not " +
                         describeType(*n),
                     R"(write ops = ["r x", "w x = x + 1", "commit"])");
        if (ops == nullptr || ops->empty())
            in_.fail(n == nullptr ? txn.pos : posOf(*n), context + ": empty transaction",
                     R"(give it at least one operation, e.g. ops = ["r x", "commit"])");
        for (const toml::node& element : *ops) {
            Diagnostic where = in_.at(posOf(element));
            where.txn = txn.name;
            where.opIndex = static_cast<int>(txn.ops.size());
            const auto* s = element.as_string();
            if (s == nullptr) {
                where.message = "an operation must be a string, not " + describeType(element);
                where.hint = "write \"r x\"";
                throw InputError(std::move(where));
            }
            where.opText = printable(s->get());
            txn.ops.push_back(parseOp(s->get(), where));
        }
    }

    void readTextbook(const toml::node& n) {
        for (const std::string_view clash : {"txn", "schedule"})
            if (const toml::node* other = root_.get(clash))
                in_.fail(posOf(*other),
                         std::string(clash == "txn" ? "[[txn]] tables" : "schedule") +
                             " cannot be combined with history",
                         "history = \"...\" defines the transactions and fixes the schedule; "
                         "use either it or [[txn]] tables with an optional schedule");
        const auto* s = n.as_string();
        if (s == nullptr)
            in_.fail(posOf(n), "history must be a string, not " + describeType(n),
                     "write history = \"r1[x] w2[x] c2 c1\"");
        Textbook book = parseTextbook(
            s->get(), [&](std::size_t offset) { return in_.at(in_.posInString(n, offset)); });
        if (book.txns.empty())
            in_.fail(posOf(n), "history is empty", "write history = \"r1[x] w2[x] c2 c1\"");
        if (book.txns.size() > kMaxTxns)
            checkCount(book.txns.size(), book.txns[kMaxTxns].pos, "history");
        txns_ = std::move(book.txns);
        schedule_.emplace();
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
    void checkTxn(RawTxn& t) const {
        std::set<std::string, std::less<>> bound;
        for (std::size_t i = 0; i < t.ops.size(); ++i) {
            const RawOp& op = t.ops[i];
            if (i > 0 && endsTxn(t.ops[i - 1])) {
                Diagnostic d = opWhere(t, i);
                d.message = t.name + " already ended at op " + std::to_string(i) + " \"" +
                            t.ops[i - 1].text + '"';
                d.hint = "commit or abort must be the last operation";
                throw InputError(std::move(d));
            }
            // `u K = E` reads K before evaluating E; `w K = E` evaluates E first.
            if (op.kind == OpKind::Update) bound.insert(op.key);
            for (const RawTerm& term : op.expr) {
                if (term.key.empty() || bound.contains(term.key)) continue;
                Diagnostic d = opWhere(t, i);
                d.message = t.name + " has not read " + term.key;
                d.hint = "read or write " + term.key + " before using it";
                throw InputError(std::move(d));
            }
            if (op.kind != OpKind::PredicateRead && !op.key.empty()) bound.insert(op.key);
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

    void readSchedule(const toml::node& n) {
        const auto* arr = n.as_array();
        if (arr == nullptr)
            in_.fail(posOf(n), "schedule must be an array of transaction names, not " + describeType(n),
                     R"(write schedule = ["T1", "T2", "T1"])");
        std::vector<std::string_view> names;
        for (const RawTxn& t : txns_) names.push_back(t.name);
        std::vector<std::size_t> steps(txns_.size(), 0);
        schedule_.emplace();
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const toml::node& element = *arr->get(i);
            const auto* s = element.as_string();
            if (s == nullptr)
                in_.fail(posOf(element),
                         "schedule: step " + std::to_string(i + 1) +
                             " must be a transaction name, not " + describeType(element),
                         R"(write schedule = ["T1", "T2", "T1"])");
            const auto it = std::ranges::find(names, std::string_view(s->get()));
            if (it == names.end()) {
                const auto near = closestName(s->get(), names);
                in_.fail(posOf(element),
                         "schedule: step " + std::to_string(i + 1) + " names " + s->get() +
                             ", which is no transaction",
                         near ? didYouMean(*near) : "the transactions are " + joinNames(names));
            }
            const auto t = static_cast<std::size_t>(it - names.begin());
            const RawTxn& txn = txns_[t];
            if (++steps[t] > txn.ops.size())
                in_.fail(posOf(element),
                         "schedule: " + txn.name + " is listed " + std::to_string(steps[t]) +
                             " times but has " + std::to_string(txn.ops.size()) + " operations" +
                             (txn.ops.back().implicit ? ", counting its implicit commit" : ""),
                         "list a transaction at most once per operation");
            schedule_->push_back(static_cast<TxnId>(t));
        }
    }

    /// Interns keys (sorted by name) and predicates (in order of appearance).
    void build(History& h) const {
        std::set<std::string> keys;
        for (const auto& [name, value] : initial_) keys.insert(name);
        for (const RawTxn& t : txns_)
            for (const RawOp& op : t.ops) {
                if (!op.key.empty()) keys.insert(op.key);
                for (const RawTerm& term : op.expr)
                    if (!term.key.empty()) keys.insert(term.key);
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
            for (const RawOp& r : raw.ops) {
                Op& op = txn.ops.emplace_back();
                op.kind = r.kind;
                op.text = r.text;
                op.implicit = r.implicit;
                op.pos = r.pos;
                if (!r.key.empty()) op.key = *h.findKey(r.key);
                for (const RawTerm& term : r.expr) {
                    Term& out = op.expr.terms.emplace_back();
                    out.negative = term.negative;
                    if (!term.key.empty())
                        out.operand = *h.findKey(term.key);
                    else
                        out.operand = term.literal;
                }
                if (r.kind == OpKind::PredicateRead) op.predicate = internPredicate(h, r.predicate);
            }
        }
        h.schedule = schedule_;
    }

    [[nodiscard]] static PredicateId internPredicate(History& h, const Predicate& p) {
        const auto it = std::ranges::find(h.predicates, p.text, &Predicate::text);
        if (it != h.predicates.end()) return static_cast<PredicateId>(it - h.predicates.begin());
        h.predicates.push_back(p);
        return static_cast<PredicateId>(h.predicates.size() - 1);
    }

    const TomlInput& in_;
    const toml::table& root_;
    std::map<std::string, std::int64_t> initial_;
    std::map<std::string, SourcePos> initialPos_;
    std::vector<RawTxn> txns_;
    std::optional<std::vector<TxnId>> schedule_;
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
    return Loader(in, root).load();
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
