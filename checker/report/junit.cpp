// JUnit XML for CI (the format Jenkins and GitLab read): one testsuite per
// file, one testcase per model with expectations, a failure per unmet
// expectation naming model, key, expected and found.

#include <string>

#include <fmt/format.h>

#include "report/report.hpp"

namespace isocheck {
namespace {

// The length of the well-formed UTF-8 sequence at the start of `s`, or 0.
std::size_t utf8Length(std::string_view s) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const auto cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
    const unsigned char c = b(0);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
        if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && b(1) < 0x90) return 0;  // overlong
        if (c == 0xF4 && b(1) >= 0x90) return 0;  // beyond U+10FFFF
        return 4;
    }
    return 0;
}

std::string xml(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // XML 1.0 allows no control characters other than tab and newlines.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    out += ' ';
                } else if (const std::size_t n = utf8Length(s.substr(i)); n != 0) {
                    out += s.substr(i, n);
                    i += n;
                    continue;
                } else {
                    // The document says UTF-8: a path with other bytes gets U+FFFD.
                    out += "\xEF\xBF\xBD";
                }
        }
        ++i;
    }
    return out;
}

struct Counts {
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t errors = 0;
    std::size_t skipped = 0;  ///< incomplete runs: their expectations are not judged
};

Counts count(const CheckedFile& f) {
    Counts c;
    if (!f.error.empty()) return {1, 0, 1, 0};
    for (const ModelResult& m : f.result.models) {
        if (!hasExpectations(f.history, m)) continue;
        ++c.tests;
        if (!m.complete) ++c.skipped;
        else if (!m.mismatches.empty()) ++c.failures;
    }
    return c;
}

// `skipped` only when some case was: verify runs without a bound, so its
// reports keep the attributes every JUnit reader knows.
std::string skippedAttribute(const Counts& c) {
    return c.skipped == 0 ? "" : fmt::format(" skipped=\"{}\"", c.skipped);
}

void suite(std::string& out, const CheckedFile& f) {
    const Counts c = count(f);
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\"{}>\n",
                       xml(f.path), c.tests, c.failures, c.errors, skippedAttribute(c));
    if (!f.error.empty()) {
        out += fmt::format("    <testcase classname=\"{0}\" name=\"load\">\n"
                           "      <error message=\"{1}\">{1}</error>\n    </testcase>\n",
                           xml(f.path), xml(f.error));
    }
    for (const ModelResult& m : f.result.models) {
        if (!hasExpectations(f.history, m)) continue;
        out += fmt::format("    <testcase classname=\"{}\" name=\"{}\"", xml(f.path), xml(m.model));
        // An incomplete run judges no expectation (SPEC 4): JUnit's "skipped".
        if (!m.complete) {
            out += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                               xml(fmt::format("{}: not judged (incomplete run): stopped by {}",
                                               m.model, stoppedBy(m))));
            continue;
        }
        if (m.mismatches.empty()) {
            out += "/>\n";
            continue;
        }
        // One failure element per testcase (some readers keep only the first);
        // the message joins the mismatches, the body lists one per line.
        std::string message;
        std::string body;
        for (const ExpectationMismatch& x : m.mismatches) {
            const std::string line = fmt::format("{}: {}: expected {} found {}", m.model, x.key,
                                                 x.expected, x.found);
            message += (message.empty() ? "" : "; ") + line;
            body += line + '\n';
        }
        out += fmt::format(">\n      <failure message=\"{}\" type=\"expectation\">{}</failure>\n",
                           xml(message), xml(body));
        out += "    </testcase>\n";
    }
    out += "  </testsuite>\n";
}

}  // namespace

std::string junitReport(std::span<const CheckedFile> files) {
    Counts total;
    for (const CheckedFile& f : files) {
        const Counts c = count(f);
        total.tests += c.tests;
        total.failures += c.failures;
        total.errors += c.errors;
        total.skipped += c.skipped;
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"isocheck verify\" tests=\"{}\" failures=\"{}\" "
                       "errors=\"{}\"{}>\n",
                       total.tests, total.failures, total.errors, skippedAttribute(total));
    for (const CheckedFile& f : files) suite(out, f);
    return out + "</testsuites>\n";
}

}  // namespace isocheck
