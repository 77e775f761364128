// The pictures (issue 7 item 4) as text: what the HTML page and the DOT graph
// hold for the textbook cases, derived by hand; user text escaped in every
// format; the same input, the same bytes. tests/pictures.py opens them in the
// programs that show them (Graphviz, headless Chromium).

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "scratch.hpp"

namespace {

using isocheck::test::inProcess;
using isocheck::test::Run;
using isocheck::test::Scratch;

const std::string kExamples = ISOCHECK_SOURCE_DIR "/examples/";

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// Names, a title and a description that are markup in every format.
const char* kHostile = R"(title = "<script>alert(1)</script> *x* `y` } digraph {"
description = "<img src=x onerror=alert(2)> & more"
[initial]
x = 10
[[txn]]
name = "<b>T1</b>"
ops = ["r x", "w x = x + 1", "commit"]
[[txn]]
name = "T\"2\\"
ops = ["r x", "w x = x + 1", "commit"]
)";

}  // namespace

TEST_CASE("html: a self-contained page that fetches nothing") {
    const Run r = inProcess({"check", "--format", "html", kExamples + "lost-update.toml"});
    REQUIRE(r.code == 0);
    const std::string& page = r.out;
    CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
    CHECK(page.ends_with("</body>\n</html>\n"));
    CHECK(page.find("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"") !=
          std::string::npos);
    // No script, and no address to fetch: every src and href is a fragment or data.
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("http://") == std::string::npos);
    CHECK(page.find("https://") == std::string::npos);
    CHECK(count(page, "src=") == 0);
    CHECK(count(page, "href=") == count(page, "href=\"data:"));
    CHECK(page.find("<title>isocheck: Lost update</title>") != std::string::npos);
}

TEST_CASE("html: the lost update's deadlock under serializable, drawn and laid out in lanes") {
    const Run r = inProcess({"check", "--format", "html", "--model", "serializable", kExamples + "lost-update.toml"});
    REQUIRE(r.code == 0);
    const std::string& page = r.out;
    // Both read x (long read locks), then each write waits for the other's
    // read lock: T2 waits for T1 and T1 for T2; T2, the last in the file, is the victim.
    CHECK(page.find("<article class=\"finding deadlock\"><h4>deadlock: T2 waits for T1, which waits for "
                    "T2; victim T2</h4>") != std::string::npos);
    CHECK(count(page, "<g class=\"edge wait\">") == 2);
    CHECK(page.find("<g class=\"node victim\"><circle cx=\"110.0\" cy=\"70.0\" r=\"20\"/><text x=\"110.0\" "
                    "y=\"74.0\" text-anchor=\"middle\">T2</text></g>") != std::string::npos);
    // The witness: step 1 T1 reads 10, step 2 T2 reads 10, then each waits.
    CHECK(page.find("<tr class=\"lane\" data-txn=\"T1\"><th scope=\"row\">T1</th><td class=\"step\">r x=10</td>"
                    "<td></td><td class=\"wait\">T1 op 2 &quot;w x = x + 1&quot; waits for T2 (lock on x)</td></tr>") !=
          std::string::npos);
    CHECK(page.find("<tr class=\"lane\" data-txn=\"T2\"><th scope=\"row\">T2</th><td></td><td class=\"step\">r "
                    "x=10</td><td class=\"wait\">T2 op 2 &quot;w x = x + 1&quot; waits for T1 (lock on x)</td></tr>") !=
          std::string::npos);
    // The victim's abort has no step number of its own.
    CHECK(page.find("<th>1</th><th>2</th><th>&#8211;</th>") != std::string::npos);
    CHECK(page.find("<td class=\"abort\">[T2 aborted: deadlock victim]</td>") != std::string::npos);
    CHECK(page.find("Paste to replay: <code class=\"schedule\">schedule = [&quot;T1&quot;, &quot;T2&quot;]</code>") !=
          std::string::npos);
}

TEST_CASE("html: a skipped step is marked in its lane") {
    // guard-false-takes-no-lock: T1's `w y = 5 if x > 10` reads x = 1, so the
    // write is skipped (and takes no lock); the schedule T2 T1 T1 T1 T2 runs.
    const std::string pin = ISOCHECK_SOURCE_DIR "/specs/pins/guard-false-takes-no-lock.toml";
    const Run r = inProcess({"check", "--format", "html", "--model", "serializable", pin});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("<tr class=\"lane\" data-txn=\"T1\"><th scope=\"row\">T1</th><td></td><td class=\"step\">r "
                     "x=1</td><td class=\"skip\">skipped w y = 5 if x &gt; 10</td><td class=\"commit\">commit</td>"
                     "<td></td></tr>") != std::string::npos);
}

TEST_CASE("html: the matrix, and isocheck matrix --format html") {
    const Run r = inProcess({"check", "--format", "html", kExamples + "lost-update.toml"});
    CHECK(r.out.find("<h3>Across levels</h3>\n<table class=\"matrix\">") != std::string::npos);
    CHECK(r.out.find("<tr><th scope=\"row\">P4 lost update</th><td class=\"possible\">possible</td>") !=
          std::string::npos);
    const Run m = inProcess({"matrix", "--format", "html", "--model", "read-committed", "--model", "snapshot",
                             kExamples + "lost-update.toml", kExamples + "write-skew.toml"});
    REQUIRE(m.code == 0);
    CHECK(m.out.starts_with("<!DOCTYPE html>"));
    // Write skew: possible under snapshot (write-skew.toml names it); read
    // committed's lost update is there too; snapshot prevents the lost update by FUW.
    CHECK(m.out.find("<tr><th scope=\"row\">A5B write skew</th><td class=\"possible\">possible<small>") !=
          std::string::npos);
    CHECK(m.out.find("<td class=\"prevented\" title=\"step 5: T2 aborts: T2 op 2 &quot;w x = x + 1&quot;: a "
                     "version of x newer than its snapshot committed\">aborts (first-updater-wins)") !=
          std::string::npos);
}

TEST_CASE("user text is escaped in every format") {
    Scratch s;
    const std::string file = s.write("hostile.toml", kHostile);
    const Run html = inProcess({"check", "--format", "html", "--model", "read-committed", file});
    REQUIRE(html.code == 0);
    CHECK(html.out.find("<script") == std::string::npos);
    CHECK(html.out.find("<img") == std::string::npos);
    CHECK(html.out.find("<b>T1") == std::string::npos);
    CHECK(html.out.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.out.find("data-txn=\"T&quot;2\\\"") != std::string::npos);

    const Run md = inProcess({"check", "--format", "markdown", "--model", "read-committed", file});
    CHECK(md.out.starts_with("# &lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\`y\\` } digraph {\n"));
    CHECK(md.out.find("&lt;img src=x onerror=alert(2)&gt; &amp; more") != std::string::npos);
    // Outside code spans (inside one, Markdown shows `<b>` as it is).
    std::string prose;
    bool inCode = false;
    for (const char c : md.out) {
        if (c == '`') inCode = !inCode;
        else if (!inCode) prose += c;
    }
    CHECK(prose.find('<') == std::string::npos);
    const Run brief = inProcess({"check", "--brief", "--format", "markdown", "--model", "read-committed", file});
    CHECK(brief.out.starts_with("# &lt;script&gt;"));

    const Run dot = inProcess({"check", "--format", "dot", "--model", "read-committed", file});
    CHECK(dot.out.find("label=\"" + file + ": <script>alert(1)</script> *x* `y` } digraph {\";") != std::string::npos);
    CHECK(dot.out.find("[label=\"T\\\"2\\\\\"]") != std::string::npos);
    CHECK(std::ranges::count(dot.out, '\n') > 10);

    // The pasted schedule is TOML: the names' quote and backslash escaped, and it replays.
    const Run text = inProcess({"check", "--model", "read-committed", file});
    const std::string line = R"(schedule = ["<b>T1</b>", "T\"2\\", "<b>T1</b>", "<b>T1</b>", "T\"2\\", "T\"2\\"])";
    REQUIRE(text.out.find("      " + line + "\n") != std::string::npos);
    const std::string pasted = s.write("pasted.toml", line + "\n" + kHostile);
    const Run again = inProcess({"check", "--model", "read-committed", pasted});
    CHECK(again.out.find("\n  schedule: possible\n") != std::string::npos);
}

TEST_CASE("--brief is for text and markdown, not html") {
    const Run r = inProcess({"check", "--brief", "--format", "html", kExamples + "lost-update.toml"});
    CHECK(r.code == 2);
    CHECK(r.err.find("--brief is for --format text or markdown") != std::string::npos);
}
