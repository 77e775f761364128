// The history loader (SPEC section 1): every accepted form produces exactly
// the expected History, and every kind of bad input produces exactly one
// diagnostic, asserted word for word with its line and column.

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "history/loader.hpp"
#include "loader_errors.hpp"

namespace isocheck {
namespace {

[[nodiscard]] History load(std::string_view text) {
    return parseHistory(text, "f.toml");
}

using test::checkErrors;
using test::ErrorCase;
using test::errorOf;

[[nodiscard]] std::vector<std::string> opTexts(const Txn& t) {
    std::vector<std::string> out;
    for (const Op& op : t.ops) out.push_back(op.text);
    return out;
}

[[nodiscard]] std::vector<OpKind> opKinds(const Txn& t) {
    std::vector<OpKind> out;
    for (const Op& op : t.ops) out.push_back(op.kind);
    return out;
}

[[nodiscard]] Term lit(std::int64_t v, bool negative = false) {
    return {negative, v};
}
[[nodiscard]] Term key(KeyId k, bool negative = false) {
    return {negative, k};
}

}  // namespace

TEST_CASE("loader: a full file with [[txn]] tables") {
    const History h = load(R"(title = "Lost update"
description = "Two deposits race."
models = ["read-committed", "snapshot"]

[initial]
y = 20
x = 10

[[txn]]
name = "A"
ops = ["r x", "w x = x + 1", "commit"]

[[txn]]
ops = ["read x", "r y", "write x = x - y + 3"]
)");
    CHECK(h.file == "f.toml");
    CHECK(h.title == "Lost update");
    CHECK(h.description == "Two deposits race.");
    CHECK(h.models == std::vector<std::string>{"read-committed", "snapshot"});
    CHECK(h.keys == std::vector<std::string>{"x", "y"});
    CHECK(h.initial == std::vector<std::optional<Value>>{Value(10), Value(20)});
    CHECK(h.findKey("y") == KeyId{1});
    CHECK(h.findKey("z") == std::nullopt);
    CHECK_FALSE(h.schedule.has_value());
    CHECK(h.expectations.empty());
    CHECK(h.modelOptions.empty());
    REQUIRE(h.txns.size() == 2);

    const Txn& a = h.txns[0];
    CHECK(a.name == "A");
    CHECK(a.pos == SourcePos{9, 1});
    CHECK(opTexts(a) == std::vector<std::string>{"r x", "w x = x + 1", "commit"});
    CHECK(opKinds(a) == std::vector{OpKind::Read, OpKind::Write, OpKind::Commit});
    CHECK(a.ops[0].key == 0);
    CHECK(a.ops[0].pos == SourcePos{11, 8});
    CHECK(a.ops[1].pos == SourcePos{11, 15});
    CHECK(a.ops[1].expr.terms == std::vector{key(0), lit(1)});
    CHECK_FALSE(a.ops[2].implicit);

    const Txn& b = h.txns[1];
    CHECK(b.name == "T2");
    CHECK(opTexts(b) == std::vector<std::string>{"read x", "r y", "write x = x - y + 3", "commit"});
    CHECK(opKinds(b) == std::vector{OpKind::Read, OpKind::Read, OpKind::Write, OpKind::Commit});
    CHECK(b.ops[2].expr.terms == std::vector{key(0), key(1, true), lit(3)});
    CHECK(b.ops[3].implicit);
    CHECK(b.ops[3].pos == b.ops[2].pos);
}

TEST_CASE("loader: every operation form, short and long, any case") {
    const History h = load(R"([[txn]]
ops = ["r a", "R b FOR Update", "w c = 1", "u d = d + a", "d e", "c"]
[[txn]]
ops = ["READ a", "read b for update", "Write c = -3", "UPDATE d = 5", "delete e", "Commit"]
[[txn]]
ops = ["r a", "a"]
[[txn]]
ops = ["r a", "abort"]
[[txn]]
ops = ["ROLLBACK"]
)");
    CHECK(h.keys == std::vector<std::string>{"a", "b", "c", "d", "e"});
    CHECK(h.initial == std::vector<std::optional<Value>>(5, std::nullopt));
    const std::vector kinds{OpKind::Read,   OpKind::ReadForUpdate, OpKind::Write,
                            OpKind::Update, OpKind::Delete,        OpKind::Commit};
    CHECK(opKinds(h.txns[0]) == kinds);
    CHECK(opKinds(h.txns[1]) == kinds);
    for (KeyId k = 0; k < 5; ++k) {
        CHECK(h.txns[0].ops[k].key == k);
        CHECK(h.txns[1].ops[k].key == k);
    }
    CHECK(h.txns[0].ops[3].expr.terms == std::vector{key(3), key(0)});
    CHECK(h.txns[1].ops[2].expr.terms == std::vector{lit(-3)});
    CHECK(h.txns[1].ops[2].text == "Write c = -3");
    CHECK(opKinds(h.txns[2]) == std::vector{OpKind::Read, OpKind::Abort});
    CHECK(opKinds(h.txns[3]) == std::vector{OpKind::Read, OpKind::Abort});
    CHECK(opKinds(h.txns[4]) == std::vector{OpKind::Abort});
    CHECK_FALSE(h.txns[4].ops[0].implicit);
}

TEST_CASE("loader: expressions and the keys they may use") {
    const History h = load(R"([[txn]]
ops = ["r x", "w y = x+-2", "w z = -x - -5 + y", "u w = w - 1", "d v", "w q = v"]
)");
    CHECK(h.keys == std::vector<std::string>{"q", "v", "w", "x", "y", "z"});
    const Txn& t = h.txns[0];
    CHECK(t.ops[1].expr.terms == std::vector{key(3), lit(-2)});
    CHECK(t.ops[2].expr.terms == std::vector{key(3, true), lit(-5, true), key(4)});
    CHECK(t.ops[3].expr.terms == std::vector{key(2), lit(1, true)});
    CHECK(t.ops[5].expr.terms == std::vector{key(1)});
}

TEST_CASE("loader: predicate reads are interned by normalised text") {
    const History h = load(R"([[txn]]
ops = ["select where value > 3", "SELECT  WHERE Value>3", "select where value % 4 = 1",
       "select where value != -2", "select where value <= 0", "select where value >= 7",
       "select where value < 1", "select where value = 5"]
)");
    CHECK(h.keys.empty());
    REQUIRE(h.predicates.size() == 7);
    std::vector<std::string> texts;
    for (const Predicate& p : h.predicates) texts.push_back(p.text);
    CHECK(texts == std::vector<std::string>{"value > 3", "value % 4 = 1", "value != -2",
                                            "value <= 0", "value >= 7", "value < 1", "value = 5"});
    std::vector<PredicateId> ids;
    for (const Op& op : h.txns[0].ops)
        if (op.kind == OpKind::PredicateRead) ids.push_back(op.predicate);
    CHECK(ids == std::vector<PredicateId>{0, 0, 1, 2, 3, 4, 5, 6});

    const Predicate& gt = h.predicates[0];
    CHECK(gt.cmp == Predicate::Cmp::Gt);
    CHECK(gt.operand == 3);
    CHECK_FALSE(gt.modulus.has_value());
    CHECK(gt.matches(4));
    CHECK_FALSE(gt.matches(3));
    CHECK_FALSE(gt.matches(std::nullopt));

    const Predicate& mod = h.predicates[1];
    CHECK(mod.cmp == Predicate::Cmp::Eq);
    CHECK(mod.modulus == 4);
    CHECK(mod.operand == 1);
    CHECK(mod.matches(9));
    CHECK_FALSE(mod.matches(-7));  // -7 % 4 is -3, as in SQL
    CHECK(h.predicates[2].matches(5));
    CHECK_FALSE(h.predicates[2].matches(-2));
    CHECK(h.predicates[3].matches(0));
    CHECK(h.predicates[4].matches(7));
    CHECK(h.predicates[5].matches(0));
    CHECK(h.predicates[6].matches(5));
}

TEST_CASE("loader: textbook notation defines transactions and the schedule") {
    const History h = load(R"(history = "r2[x] w1[x] W1[y] c1  r2[y]"
[initial]
x = 1
)");
    CHECK(h.keys == std::vector<std::string>{"x", "y"});
    CHECK(h.initial == std::vector<std::optional<Value>>{Value(1), std::nullopt});
    REQUIRE(h.txns.size() == 2);
    CHECK(h.txns[0].name == "T2");
    CHECK(h.txns[1].name == "T1");
    CHECK(opTexts(h.txns[0]) == std::vector<std::string>{"r2[x]", "r2[y]", "commit"});
    CHECK(opKinds(h.txns[0]) == std::vector{OpKind::Read, OpKind::Read, OpKind::Commit});
    CHECK(h.txns[0].ops[2].implicit);
    CHECK(opTexts(h.txns[1]) == std::vector<std::string>{"w1[x]", "W1[y]", "c1"});
    CHECK(h.txns[1].ops[0].expr.terms == std::vector{lit(1)});
    CHECK(h.txns[1].ops[1].key == 1);
    CHECK(h.schedule == std::vector<TxnId>{0, 1, 1, 1, 0});
    CHECK(h.txns[0].ops[0].pos == SourcePos{1, 12});
    CHECK(h.txns[0].ops[1].pos == SourcePos{1, 34});
    CHECK(h.txns[1].ops[2].pos == SourcePos{1, 30});
    CHECK(h.txns[0].pos == SourcePos{1, 12});
    CHECK(h.txns[1].pos == SourcePos{1, 18});
}

TEST_CASE("loader: a fixed schedule, expectations and model options") {
    const History h = load(R"(schedule = ["T1", "Bob", "T1", "Bob"]

[[txn]]
ops = ["r x", "w x = x + 1"]
[[txn]]
name = "Bob"
ops = ["w x = 5", "abort"]

[expect.snapshot]
anomalies = ["G2", "G0", "G-single"]
phenomena = ["P4", "P0"]
deadlock = false
snapshot_too_old = true
possible = true

[expect.read-committed]
anomalies = []

[model.snapshot]
retention = 2
first-committer-wins = true

[model.serializable-snapshot]
)");
    CHECK(h.schedule == std::vector<TxnId>{0, 1, 0, 1});
    REQUIRE(h.expectations.size() == 2);
    const Expectation& si = h.expectations.at("snapshot");
    CHECK(si.anomalies == std::vector<std::string>{"G0", "G-single", "G2"});
    CHECK(si.phenomena == std::vector<std::string>{"P0", "P4"});
    CHECK(si.deadlock == false);
    CHECK(si.snapshotTooOld == true);
    CHECK(si.possible == true);
    CHECK(si.pos == SourcePos{9, 1});
    const Expectation& rc = h.expectations.at("read-committed");
    CHECK(rc.anomalies == std::vector<std::string>{});
    CHECK_FALSE(rc.phenomena.has_value());
    CHECK_FALSE(rc.deadlock.has_value());
    CHECK_FALSE(rc.snapshotTooOld.has_value());
    CHECK_FALSE(rc.possible.has_value());
    REQUIRE(h.modelOptions.size() == 2);
    const ModelOptions& opts = h.modelOptions.at("snapshot");
    CHECK(opts.values.at("retention") == OptionValue(std::int64_t{2}));
    CHECK(opts.values.at("first-committer-wins") == OptionValue(true));
    CHECK(h.modelOptions.at("serializable-snapshot").values.empty());
}

TEST_CASE("loader: TOML and top-level errors") {
    checkErrors({
        {"x = [1,\n",
         "f.toml:1:9: invalid TOML: Error while parsing array: encountered end-of-file"},
        {"txns = 3\n", "f.toml:1:1: unknown key \"txns\" (did you mean \"txn\"?)"},
        {"colour = 3\n",
         "f.toml:1:1: unknown key \"colour\" (the top level takes title, description, models, "
         "probes, schedule, transcript, history, initial, invariants, txn, expect and model)"},
        {"title = 3\n[[txn]]\nops = [\"r x\"]\n", "f.toml:1:9: title must be a string, not an integer (write title = \"Lost update\")"},
        {"description = []\n", "f.toml:1:15: description must be a string, not an array (write description = \"Two "
         "deposits race.\")"},
        {"title = \"t\"\n",
         "f.toml: no transactions (add [[txn]] tables with ops = [...], or "
         "history = \"r1[x] w2[x] c2 c1\")"},
        {"initial = 3\n",
         "f.toml:1:11: initial must be a table of rows, not an integer (write [initial] and then "
         "x = 10)"},
        {"[initial]\n1x = 3\n",
         "f.toml:2:1: [initial]: \"1x\" is not a valid key (keys match [A-Za-z_][A-Za-z0-9_]*)"},
        {"[initial]\nx = \"3\"\n", "f.toml:2:5: [initial]: x must be an integer, not a string (write x = 10)"},
    });
}

TEST_CASE("loader: transaction errors") {
    checkErrors({
        {"txn = 3\n",
         "f.toml:1:7: txn must be an array of tables, not an integer (write [[txn]] (double brackets) before each "
         "transaction)"},
        {"[[txn]]\nops = [\"r x\"]\nbogus = 1\n",
         "f.toml:3:1: [[txn]] 1: unknown key \"bogus\" ([[txn]] takes name, ops and read-only)"},
        {"[[txn]]\nname = \"\"\nops = [\"r x\"]\n",
         "f.toml:2:8: [[txn]] 1: name must be a non-empty string (write name = \"T1\", or omit "
         "it)"},
        {"[[txn]]\nname = \"A\"\nops = [\"r x\"]\n[[txn]]\nname = \"A\"\nops = [\"r x\"]\n",
         "f.toml:5:8: [[txn]] 2: duplicate name \"A\" ([[txn]] 1 is named A too)"},
        {"[[txn]]\nname = \"T2\"\nops = [\"r x\"]\n[[txn]]\nops = [\"r x\"]\n",
         "f.toml:4:1: [[txn]] 2: duplicate name \"T2\" ([[txn]] 1 is named T2 too; an unnamed "
         "[[txn]] N is named TN)"},
        {"[[txn]]\nops = []\n",
         "f.toml:2:7: [[txn]] 1: empty transaction (give it at least one operation, e.g. ops = "
         "[\"r x\", \"commit\"])"},
        {"[[txn]]\nname = \"A\"\n",
         "f.toml:1:1: [[txn]] 1: empty transaction (give it at least one operation, e.g. ops = "
         "[\"r x\", \"commit\"])"},
        {"[[txn]]\nops = \"r x\"\n",
         "f.toml:2:7: [[txn]] 1: ops must be an array of operation strings, not a string (write ops = [\"r x\", "
         "\"w x = x "
         "+ 1\", \"commit\"])"},
        {"[[txn]]\nops = [3]\n",
         "f.toml:2:8: T1 op 1: an operation must be a string, not an integer (write \"r x\")"},
        {"[[txn]]\nops = [\"c\", \"r x\"]\n",
         "f.toml:2:13: T1 op 2 \"r x\": T1 already ended at op 1 \"c\" (commit or abort must be "
         "the last operation)"},
    });
    std::string many;
    for (int i = 0; i < 65; ++i) many += "[[txn]]\nops = [\"r x\"]\n";
    CHECK(errorOf(many) ==
          "f.toml:129:1: [[txn]] 65: too many transactions (isocheck checks at most 64)");
    std::string book = "history = \"";
    for (int i = 1; i <= 65; ++i) book += "c" + std::to_string(i) + ' ';
    CHECK(errorOf(book + "\"\n") ==
          "f.toml:1:259: history: too many transactions (isocheck checks at most 64)");
}

TEST_CASE("loader: a key must be read or written before an expression uses it") {
    checkErrors({
        {R"([initial]
x = 10
y = 1

[[txn]]
ops = ["r x", "w x = x + 1", "commit"]

[[txn]]
ops = ["r x",
       "w x = y + 1"]
)",
         "f.toml:10:8: T2 op 2 \"w x = y + 1\": T2 has not read y (read or write y before using "
         "it)"},
        {"[[txn]]\nops = [\"w x = x + 1\"]\n",
         "f.toml:2:8: T1 op 1 \"w x = x + 1\": T1 has not read x (read or write x before using "
         "it)"},
        {"[[txn]]\nops = [\"select where value > 1\", \"u x = y\"]\n",
         "f.toml:2:34: T1 op 2 \"u x = y\": T1 has not read y (read or write y before using it)"},
    });
}

TEST_CASE("loader: malformed operations") {
    const std::string_view forms =
        "operations are r K, r K for update, w K = E, u K = E, d K, select where value OP N, "
        "select where value % M = N, update where PRED set value = E, delete where PRED, c and a "
        "(long forms: read, write, update, delete, commit, abort, rollback)";
    const std::string_view select =
        "write select where value OP N (OP is one of = != < <= > >=) or select where value % M = N";
    const auto op = [](std::string_view text) {
        return "[[txn]]\nops = [\"" + std::string(text) + "\"]\n";
    };
    const auto at = [](std::string_view text, std::string_view rest) {
        return "f.toml:2:8: T1 op 1 \"" + std::string(text) + "\": " + std::string(rest);
    };
    const std::vector<std::pair<std::string, std::string>> cases{
        {op("frob x"), at("frob x", "unknown operation \"frob\" (" + std::string(forms) + ')')},
        {op(""), "f.toml:2:8: T1 op 1: empty operation (" + std::string(forms) + ')'},
        {op("r 1x"), at("r 1x", "\"1x\" is not a key (keys match [A-Za-z_][A-Za-z0-9_]*)")},
        {op("r"), at("r", "r needs a key (keys match [A-Za-z_][A-Za-z0-9_]*)")},
        {op("r x y"), at("r x y",
                         "unexpected \"y\" after the operation (write r K, or r K for update for a "
                         "locking read)")},
        {op("r x for"), at("r x for", "expected \"update\" after \"for\" (write r K for update)")},
        {op("w x 3"), at("w x 3", "expected =, found \"3\" (write w K = E, e.g. w x = x + 1)")},
        {op("u x"), at("u x", "expected =, found the end (write u K = E, e.g. u x = x + 1)")},
        {op("w x = * 3"),
         at("w x = * 3",
            "unexpected character '*' (operations are made of keys, integers and = "
            "!= < <= > >= + - %)")},
        {op("w x = 3 +"), at("w x = 3 +",
                             "expected an integer or a key, found the end (E is an integer, a key, "
                             "or a sum or difference of those, e.g. x - y + 3)")},
        {op("w x ="), at("w x =",
                         "expected an integer or a key after =, found the end (E is an integer, a "
                         "key, or a sum or difference of those, e.g. x - y + 3)")},
        {op("w x = 1 2"),
         at("w x = 1 2",
            "expected + or - or the end, found \"2\" (E is an integer, a key, or a "
            "sum or difference of those, e.g. x - y + 3)")},
        {op("w x = 99999999999999999999"),
         at("w x = 99999999999999999999",
            "integer 99999999999999999999 is out of range (values "
            "are 64-bit signed integers)")},
        {op("d x y"), at("d x y", "unexpected \"y\" after the operation (write d K, or d K if COND)")},
        {op("commit now"),
         at("commit now",
            "unexpected \"now\" after the operation (commit takes nothing after it)")},
        {op("select x"),
         at("select x", "expected \"where value\" after select (" + std::string(select) + ')')},
        {op("select where value == 1"),
         at("select where value == 1",
            "expected an integer, found \"=\" (" + std::string(select) + ')')},
        {op("select where value ~ 1"), at("select where value ~ 1",
                                          "unexpected character '~' (operations are made of keys, "
                                          "integers and = != < <= > >= + - %)")},
        {op("select where value is 1"),
         at("select where value is 1",
            "expected a comparison after \"value\", found \"is\" (" + std::string(select) + ')')},
        {op("select where value % 0 = 1"),
         at("select where value % 0 = 1",
            "modulus 0 is not positive (use a modulus of 1 or more)")},
        {op("update where value > 3"),
         at("update where value > 3",
            "expected \"set value =\" after the predicate, found the end (write update where PRED "
            "set value = E, e.g. update where value > 10 set value = value - 1)")},
        {op("update where value > 3 set x = 1"),
         at("update where value > 3 set x = 1",
            "expected \"set value =\" after the predicate, found \"set\" (write update where PRED "
            "set value = E, e.g. update where value > 10 set value = value - 1)")},
        {op("update where value > 3 set value = value +"),
         at("update where value > 3 set value = value +",
            "expected an integer or a key, found the end (E is an integer, a key, or a sum or "
            "difference of those, e.g. x - y + 3)")},
        {op("delete where x = 3"),
         at("delete where x = 3",
            "expected \"where value\" after delete (" + std::string(select) + ')')},
        {op("delete where value > 3 and"),
         at("delete where value > 3 and",
            "unexpected \"and\" after the operation (write delete where PRED, or delete where PRED "
            "if COND)")},
        {op("u where value = 3 set value = y"),
         at("u where value = 3 set value = y",
            "T1 has not read y (read or write y before using it)")},
    };
    for (const auto& [input, message] : cases) {
        const auto& text = input;  // clang 14 cannot capture a structured binding
        CAPTURE(text);
        CHECK(errorOf(text) == message);
    }
    // `where` is an ordinary key where no predicate can follow.
    const History h = load("[[txn]]\nops = [\"u where = 1\", \"d where\", \"d where if where > 0\"]\n");
    CHECK(h.keys == std::vector<std::string>{"where"});
    CHECK(h.txns[0].ops[1].kind == OpKind::Delete);
    CHECK(h.txns[0].ops[2].kind == OpKind::Delete);
}

TEST_CASE("loader: predicate writes") {
    const History h = load(
        "[initial]\nx = 1\n[[txn]]\nops = [\"r x\", \"select where value > 3\", "
        "\"UPDATE where VALUE > 3 set Value = value - x + 2\", \"d where value % 2 = 1 if x > 0\"]\n");
    const auto& ops = h.txns[0].ops;
    REQUIRE(ops.size() == 5);
    CHECK(ops[2].kind == OpKind::PredicateUpdate);
    CHECK(ops[2].predicateWrite());
    // The same predicate text as the select's: one predicate.
    CHECK(ops[2].predicate == ops[1].predicate);
    CHECK(h.predicates.size() == 2);
    const Expr e = ops[2].expr;
    REQUIRE(e.terms.size() == 3);
    CHECK(std::holds_alternative<RowValue>(e.terms[0].operand));
    CHECK(!e.terms[0].negative);
    CHECK(e.terms[1].negative);
    CHECK(std::get<KeyId>(e.terms[1].operand) == *h.findKey("x"));
    CHECK(std::get<std::int64_t>(e.terms[2].operand) == 2);
    CHECK(ops[3].kind == OpKind::PredicateDelete);
    CHECK(h.predicates[ops[3].predicate].text == "value % 2 = 1");
    CHECK(ops[3].guard.has_value());
    CHECK(h.hasPredicateWrites());
    // A predicate write makes no key known: using a row it may have written is an error.
    CHECK(errorOf("[initial]\nx = 1\n[[txn]]\nops = [\"delete where value = 1\", \"w y = x\"]\n") ==
          "f.toml:4:34: T1 op 2 \"w y = x\": T1 has not read x (read or write x before using it)");
}

TEST_CASE("loader: textbook notation errors") {
    const std::string hint =
        " (the textbook notation has rN[K], wN[K], cN and aN for transaction TN, e.g. r1[x] "
        "w2[x] c2 c1)";
    checkErrors({
        // The real problem, where it is (more in test_input_errors.cpp).
        {"history = \"r1[x] w[x]\"\n",
         "f.toml:1:18: history: \"w[x]\" has no transaction number (write w1[x] for an operation "
         "of T1)"},
        {"history = \"r1[x] w2[x c1\"\n",
         "f.toml:1:22: history: \"w2[x\" is missing \"]\" (write w2[x])"},
        {"history = \"r1[x] w2[x] c1 r1[y]\"\n",
         "f.toml:1:27: T1 op 3 \"r1[y]\": T1 already ended at op 2 \"c1\" (commit or abort must "
         "be the last operation)"},
        {"history = \"   \"\n",
         "f.toml:1:11: history is empty (write history = \"r1[x] w2[x] c2 c1\")"},
        {"history = 3\n",
         "f.toml:1:11: history must be a string, not an integer (write history = \"r1[x] w2[x] c2 c1\")"},
        {"history = \"r1[x] c1\"\nschedule = [\"T1\"]\n",
         "f.toml:2:12: schedule cannot be combined with history (history = \"...\" defines the "
         "transactions and fixes the schedule; use either it or [[txn]] tables with an optional "
         "schedule)"},
        {"history = \"r1[x] c1\"\n[[txn]]\nops = [\"r x\"]\n",
         "f.toml:2:1: [[txn]] tables cannot be combined with history (history = \"...\" defines "
         "the transactions and fixes the schedule; use either it or [[txn]] tables with an "
         "optional schedule)"},
    });
    const std::vector<std::pair<std::string_view, std::string>> tokens{
        {"history = \"r1[x] w2[x] q3 c1\"\n", "f.toml:1:24: history: \"q3\" is not an operation"},
        // At the column of the key, or of what follows the operation.
        {"history = \"r1[1x]\"\n",
         "f.toml:1:15: history: \"1x\" in \"r1[1x]\" is not a valid key (keys match "
         "[A-Za-z_][A-Za-z0-9_]*)"},
        {"history = \"r1[x] c1x\"\n", "f.toml:1:20: history: unexpected \"x\" after \"c1\""},
        {"history = \"r99999999999[x]\"\n",
         "f.toml:1:12: history: transaction number in \"r99999999999[x]\" is out of range"},
        // After an escape the column inside the string is unknown: the string's own is used.
        {"history = \"r1[x]\\t q3\"\n", "f.toml:1:11: history: \"q3\" is not an operation"},
    };
    for (const auto& [input, message] : tokens) {
        const auto& text = input;  // clang 14 cannot capture a structured binding
        CAPTURE(text);
        CHECK(errorOf(text) == message + hint);
    }
}

TEST_CASE("loader: schedule errors") {
    checkErrors({
        {"schedule = \"T1\"\n[[txn]]\nops = [\"r x\"]\n",
         "f.toml:1:12: schedule must be an array of transaction names, not a string (write schedule = [\"T1\", "
         "\"T2\", \"T1\"])"},
        {"schedule = [1]\n[[txn]]\nops = [\"r x\"]\n",
         "f.toml:1:13: schedule: step 1 must be a transaction name, not an integer (write "
         "schedule = [\"T1\", \"T2\", \"T1\"])"},
        {"schedule = [\"T1\", \"T3\"]\n[[txn]]\nops = [\"r x\"]\n[[txn]]\nops = [\"r x\"]\n",
         "f.toml:1:19: schedule: step 2 names T3, which is no transaction (did you mean \"T1\"?)"},
        {"schedule = [\"T1\", \"Bob\"]\n[[txn]]\nops = [\"r x\"]\n[[txn]]\nops = [\"r x\"]\n",
         "f.toml:1:19: schedule: step 2 names Bob, which is no transaction (the transactions "
         "are T1 and T2)"},
        {"schedule = [\"T1\", \"T1\", \"T1\"]\n[[txn]]\nops = [\"r x\"]\n",
         "f.toml:1:25: schedule: T1 is listed 3 times but has 2 operations, counting its "
         "implicit commit (list a transaction at most once per operation)"},
        {"schedule = [\"T1\", \"T1\", \"T1\"]\n[[txn]]\nops = [\"r x\", \"c\"]\n",
         "f.toml:1:25: schedule: T1 is listed 3 times but has 2 operations (list a transaction "
         "at most once per operation)"},
    });
}

TEST_CASE("loader: model, expectation and option errors") {
    const std::string txn = "[[txn]]\nops = [\"r x\"]\n";
    const std::vector<std::pair<std::string, std::string>> cases{
        {"models = [\"snapshot\", \"snapsot\"]\n" + txn,
         "f.toml:1:23: models: unknown model \"snapsot\" (did you mean \"snapshot\"?)"},
        {"models = [\"informix\"]\n" + txn,
         "f.toml:1:11: models: unknown model \"informix\" (the generic models are read-uncommitted, "
         "read-committed, "
         "read-committed-snapshot, repeatable-read, snapshot, serializable and "
         "serializable-snapshot; isocheck models lists the engine models too)"},
        {"models = [\"snapshot\", \"snapshot\"]\n" + txn,
         "f.toml:1:23: models: snapshot is listed twice (list each model once)"},
        {"models = []\n" + txn,
         "f.toml:1:10: models must be a non-empty array of model names, not an empty array (omit models to check "
         "every model)"},
        {"models = [true]\n" + txn, "f.toml:1:11: models: a model name must be a string, not a boolean (write models = "
         "[\"snapshot\"])"},
        {txn + "[expect.snapshott]\ndeadlock = true\n",
         "f.toml:3:9: [expect.snapshott]: unknown model \"snapshott\" (did you mean "
         "\"snapshot\"?)"},
        {"expect = 1\n" + txn,
         "f.toml:1:10: expect must be a table of models, not an integer (write [expect.snapshot])"},
        {txn + "[expect]\nsnapshot = 1\n",
         "f.toml:4:12: [expect.snapshot]: must be a table, not an integer (write [expect.snapshot] on a line of "
         "its own)"},
        {"models = [\"snapshot\"]\n" + txn + "[expect.serializable]\ndeadlock = true\n",
         "f.toml:4:9: [expect.serializable]: serializable is not in models (add it to models or "
         "remove [expect.serializable])"},
        {txn + "[expect.snapshot]\ndeadlocks = true\n",
         "f.toml:4:1: [expect.snapshot]: unknown key \"deadlocks\" (did you mean \"deadlock\"?)"},
        {txn + "[expect.snapshot]\nanomalies = \"G0\"\n",
         "f.toml:4:13: [expect.snapshot]: anomalies must be an array of names, not a string (write anomalies = "
         "[\"G0\"], or [] for none)"},
        {txn + "[expect.snapshot]\nanomalies = [\"G-Single\"]\n",
         "f.toml:4:14: [expect.snapshot]: unknown anomaly \"G-Single\" (did you mean "
         "\"G-single\"?)"},
        {txn + "[expect.snapshot]\nanomalies = [\"P4\"]\n",
         "f.toml:4:14: [expect.snapshot]: P4 is a phenomenon, not an anomaly (list it under "
         "phenomena)"},
        {txn + "[expect.snapshot]\nphenomena = [\"G2\"]\n",
         "f.toml:4:14: [expect.snapshot]: G2 is an anomaly, not a phenomenon (list it under "
         "anomalies)"},
        {txn + "[expect.snapshot]\nanomalies = [\"lost update\"]\n",
         "f.toml:4:14: [expect.snapshot]: unknown anomaly \"lost update\" (that is P4, a "
         "phenomenon)"},
        {txn + "[expect.snapshot]\nanomalies = [\"cycle\"]\n",
         "f.toml:4:14: [expect.snapshot]: unknown anomaly \"cycle\" (the anomalies are G0, G1a, "
         "G1b, "
         "G1c, G-single, G2-item and G2)"},
        {txn + "[expect.snapshot]\nphenomena = [\"P4\", \"P4\"]\n",
         "f.toml:4:20: [expect.snapshot]: P4 is listed twice (list each phenomenon once)"},
        {txn + "[expect.snapshot]\nphenomena = [4]\n",
         "f.toml:4:14: [expect.snapshot]: phenomena must hold names, not an integer (write "
         "phenomena = [\"P0\"], or [] for none)"},
        {txn + "[expect.snapshot]\ndeadlock = \"no\"\n",
         "f.toml:4:12: [expect.snapshot]: deadlock must be true or false, not a string (write "
         "deadlock = false)"},
        {txn + "[expect.snapshot]\npossible = true\n",
         "f.toml:4:12: [expect.snapshot]: possible needs a fixed schedule (give schedule = [...] "
         "or a textbook "
         "history, or remove possible)"},
        {txn + "[model.snapshot]\nretension = 1\n",
         "f.toml:4:1: [model.snapshot]: unknown option \"retension\" (did you mean "
         "\"retention\"?)"},
        {txn + "[model.snapshot]\nretention = 0\n",
         "f.toml:4:13: [model.snapshot]: retention must be an integer from 1 to 4294967295, not 0 "
         "(retention = 1 keeps only the newest committed version)"},
        {txn + "[model.snapshot]\nretention = \"all\"\n",
         "f.toml:4:13: [model.snapshot]: retention must be an integer from 1 to 4294967295, not a "
         "string (retention = 1 keeps only the newest committed version)"},
        {txn + "[model.snapshot]\nfirst-committer-wins = 1\n",
         "f.toml:4:24: [model.snapshot]: first-committer-wins must be true or false, not an "
         "integer (write first-committer-wins = true)"},
        {txn + "[model.serializable]\nretention = 1\n",
         "f.toml:4:1: [model.serializable]: unknown option \"retention\" (serializable takes no "
         "options)"},
        {txn + "[model.snapshot]\nretain = 1\n",
         "f.toml:4:1: [model.snapshot]: unknown option \"retain\" (snapshot takes retention and "
         "first-committer-wins)"},
        {txn + "[model.snapshots]\n",
         "f.toml:3:8: [model.snapshots]: unknown model \"snapshots\" (did you mean \"snapshot\"?)"},
    };
    for (const auto& [input, message] : cases) {
        const auto& text = input;  // clang 14 cannot capture a structured binding
        CAPTURE(text);
        CHECK(errorOf(text) == message);
    }
}

TEST_CASE("loader: a file that cannot be read") {
    try {
        (void)loadHistoryFile("/nonexistent/lost.toml");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.diagnostic().format() ==
              "/nonexistent/lost.toml: cannot open the file: No such file or directory");
    }
}

}  // namespace isocheck
