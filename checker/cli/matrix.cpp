// `isocheck matrix PATH... [--model NAME]... [--rows levels|files] [--format text|markdown|json|html]`:
// runs every history file under the paths (directories recursively) and
// prints one matrix across levels over all of them (compare/matrix.hpp): a
// cell is possible when some file exhibits the row under that model, and
// names the file; with --rows files, one row per file instead, each cell what
// the model exhibits on it. Expectations are not judged here (that is `verify`). Exit
// 0, 2 on bad input or usage, 3 when a bound or an interrupt stopped a run.

#include <algorithm>
#include <ostream>
#include <thread>
#include <utility>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "compare/matrix.hpp"
#include "history/loader.hpp"
#include "report/report.hpp"
#include "run/run.hpp"

namespace isocheck {

namespace {

// The matrix as a page of its own: the table, what a prevented cell means,
// and the files it was computed over.
std::string matrixPage(const LevelMatrix& m, std::span<const CheckedFile> files) {
    std::string body = "<h1>isocheck matrix across levels</h1>\n";
    body += "<p>A cell is <em>possible</em> when some file's execution under the model exhibits the "
            "row (the first such file is named), else it says how the model prevents the witness of "
            "a model where it is possible (hover for the step); &#8211; when no model exhibits it.</p>\n";
    body += matrixHtml(m);
    body += "<h2>Files</h2><ul>";
    for (const CheckedFile& f : files) {
        std::string path;
        for (const char c : f.path) {
            if (c == '<') path += "&lt;";
            else if (c == '>') path += "&gt;";
            else if (c == '&') path += "&amp;";
            else path += c;
        }
        body += "<li><code>" + path + "</code></li>";
    }
    body += "</ul>\n";
    return htmlPage("isocheck matrix", body);
}

}  // namespace

int runMatrix(const Args& args, std::ostream& out, std::ostream& err) {
    CLI::App app{"Run every history file under the paths under each model and print one matrix "
                 "across levels: rows anomaly classes, phenomena, deadlock and snapshot too old; "
                 "columns the models; a cell is possible when some file exhibits it (naming the "
                 "file), else how the model prevents the witness of another.",
                 "isocheck matrix"};
    std::vector<std::string> paths;
    std::vector<std::string> models;
    std::string format = "text";
    app.add_option("PATH", paths, "history files or directories")->required()->type_name("");
    app.add_option("--model", models,
                   "model NAME only; repeat it for more (default: each file's models, else all)")
        ->type_name("NAME")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false);
    std::string rows = "levels";
    app.add_option("--rows", rows,
                   "levels (default): a row per anomaly class, phenomenon, deadlock, snapshot too old "
                   "and invariant; files: a row per file, each cell what the model exhibits on it")
        ->type_name("ROWS")
        ->check(CLI::IsMember({"levels", "files"}));
    app.add_option("--format", format, "text (default), markdown, json or html")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"text", "markdown", "json", "html"}));
    app.footer("examples:\n"
               "  isocheck matrix examples\n"
               "  isocheck matrix --format markdown --model read-committed --model snapshot examples\n"
               "  isocheck matrix --rows files examples");
    if (const auto done = parseOptions(app, args, out)) return *done;
    requireKnownModels(models);

    // Every file is loaded before any is run, and all their errors reported.
    std::vector<CheckedFile> files;
    std::vector<Diagnostic> errors;
    for (std::string& path : collectHistoryFiles(paths)) {
        try {
            History h = loadHistoryFile(path);
            files.push_back({std::move(path), std::move(h), {}, {}, {}, {}});
        } catch (const InputError& e) {
            errors.insert(errors.end(), e.diagnostics().begin(), e.diagnostics().end());
        }
    }
    if (!errors.empty()) throw InputError(std::move(errors));
    for (const CheckedFile& f : files) printWarnings(f.history, err);

    RunOptions options;
    options.onlyModels = models;
    options.jobs = std::max(1U, std::thread::hardware_concurrency());
    std::vector<std::pair<std::string, LevelMatrix>> matrices;
    std::vector<FileMatrix> byFile;
    bool complete = true;
    for (CheckedFile& f : files) {
        f.result = runHistory(f.history, options);
        for (const ModelResult& m : f.result.models) complete = complete && m.complete;
        matrices.emplace_back(f.path, levelMatrix(f.history, f.result));
        byFile.push_back({f.path, f.history.title, matrices.back().second, f.history.probes, &f.result});
    }
    const LevelMatrix all = rows == "files" ? matrixByFile(byFile) : mergeMatrices(matrices);
    if (format == "json") out << matrixJson(all).dump(2) << '\n';
    else if (format == "markdown") out << matrixMarkdown(all);
    else if (format == "html") out << matrixPage(all, files);
    else out << matrixText(all, true);
    return complete ? 0 : 3;
}

}  // namespace isocheck
