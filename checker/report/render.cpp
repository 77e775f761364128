// One entry point for every command that prints reports (check, merge): the
// format chosen on the command line, over one or several files.

#include <string>

#include "report/report.hpp"

namespace isocheck {

std::string renderReport(const std::string& format, std::span<const CheckedFile> files) {
    if (format == "json") return jsonReport(files);
    std::string out;
    for (const CheckedFile& f : files) {
        if (!out.empty()) out += '\n';
        if (format == "dot") out += dotReport(f.history, f.result);
        else if (format == "markdown") out += markdownReport(f.history, f.result);
        else out += textReport(f.history, f.result);
    }
    return out;
}

}  // namespace isocheck
