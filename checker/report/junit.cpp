// JUnit XML for CI (the format Jenkins and GitLab read): one testsuite per
// file, one testcase per model with expectations, a failure per unmet
// expectation naming model, key, expected and found.

#include <string>

#include <fmt/format.h>

#include "report/report.hpp"

namespace isocheck {
namespace {

std::string xml(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // XML 1.0 allows no control characters other than tab and newlines.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
                    out += ' ';
                else
                    out += c;
        }
    }
    return out;
}

struct Counts {
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t errors = 0;
};

Counts count(const CheckedFile& f) {
    Counts c;
    if (!f.error.empty()) return {1, 0, 1};
    for (const ModelResult& m : f.result.models) {
        if (!m.expectationsChecked) continue;
        ++c.tests;
        if (!m.mismatches.empty()) ++c.failures;
    }
    return c;
}

void suite(std::string& out, const CheckedFile& f) {
    const Counts c = count(f);
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                       xml(f.path), c.tests, c.failures, c.errors);
    if (!f.error.empty()) {
        out += fmt::format("    <testcase classname=\"{0}\" name=\"load\">\n"
                           "      <error message=\"{1}\">{1}</error>\n    </testcase>\n",
                           xml(f.path), xml(f.error));
    }
    for (const ModelResult& m : f.result.models) {
        if (!m.expectationsChecked) continue;
        out += fmt::format("    <testcase classname=\"{}\" name=\"{}\"", xml(f.path), xml(m.model));
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
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"isocheck verify\" tests=\"{}\" failures=\"{}\" "
                       "errors=\"{}\">\n",
                       total.tests, total.failures, total.errors);
    for (const CheckedFile& f : files) suite(out, f);
    return out + "</testsuites>\n";
}

}  // namespace isocheck
