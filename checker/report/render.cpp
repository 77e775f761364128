// One entry point for every command that prints reports (check, merge): the
// format chosen on the command line, over one or several files.

#include <string>

#include "report/report.hpp"

namespace isocheck {

bool explains(std::string_view format, bool brief) {
    return !brief && (format == "text" || format == "markdown" || format == "html");
}

std::string renderReport(const std::string& format, std::span<const CheckedFile> files, bool brief) {
    if (format == "json") return jsonReport(files);
    if (format == "dot") return dotReport(files);
    if (format == "html") return htmlReport(files);
    std::string out;
    for (const CheckedFile& f : files) {
        if (!out.empty()) out += '\n';
        if (format == "markdown") {
            if (brief) out += markdownHeading(f.history);
            else out += markdownReport(f.history, f.result, f.explanations);
            if (!f.matrix.columns.empty()) out += (brief ? "" : "## Across levels\n\n") + matrixMarkdown(f.matrix);
        } else if (brief) {
            out += textHeader(f.history) + '\n' + matrixText(f.matrix);
        } else {
            out += textReport(f.history, f.result, &f.matrix, f.explanations);
        }
    }
    return out;
}

}  // namespace isocheck
