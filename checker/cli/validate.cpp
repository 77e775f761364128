// `isocheck validate`: the models checked against the theory on generated
// histories (checker/validate, specs/validate.md). Prints how many histories
// each property was checked on; a violation is shrunk, printed and written
// as a history file (exit 1).

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <ostream>
#include <thread>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/numbers.hpp"
#include "validate/validate.hpp"

namespace isocheck {

int runValidate(const Args& args, std::ostream& out, std::ostream& err) {
    CLI::App app{"Check the models against the theory (what each never exhibits, the order of "
                 "strength, Fekete et al.'s cycles under snapshot) on generated histories; also "
                 "reduction on and off, witness replay and determinism. A violation is shrunk to "
                 "a minimal history, printed and written as a history file.",
                 "isocheck validate"};
    ValidateOptions options;
    app.add_option("--model", options.models,
                   "validate model NAME only; repeat it for more (default: every model)")
        ->type_name("NAME")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false);
    std::string histories = "1000";
    app.add_option("--histories", histories,
                   "generated histories per model, a positive integer (default: 1000)")
        ->type_name("N");
    std::string seed = "1";
    app.add_option("--seed", seed, "seed of the generator, a positive integer (default: 1)")
        ->type_name("S");
    std::string jobs;
    app.add_option("--jobs", jobs,
                   "histories checked in parallel, a positive integer (default: the machine's "
                   "cores)")
        ->type_name("N");
    std::string outPath = "validate-violation.toml";
    app.add_option("--out", outPath,
                   "where a violation's shrunk history is written (default: "
                   "validate-violation.toml)")
        ->type_name("FILE");
    app.footer("examples:\n"
               "  isocheck validate\n"
               "  isocheck validate --histories 10000 --seed 1\n"
               "  isocheck validate --model snapshot --model serializable-snapshot --histories 500\n\n"
               "exit codes: 0 no violation, 1 a violation (shrunk, printed and written to --out), "
               "2 bad usage");
    if (const auto done = parseOptions(app, args, out)) return *done;

    constexpr std::uint64_t kMaxHistories = 100'000'000;
    options.histories =
        parsePositiveInteger("--histories", histories, "--histories 10000", kMaxHistories);
    options.seed = parsePositiveInteger("--seed", seed, "--seed 1",
                                        std::numeric_limits<std::uint64_t>::max());
    options.jobs = app.count("--jobs") != 0
                       ? static_cast<unsigned>(parsePositiveInteger("--jobs", jobs, "--jobs 2", 1024))
                       : std::max(1U, std::thread::hardware_concurrency());
    requireKnownModels(options.models);

    const ValidateReport report = validateModels(options);
    out << fmt::format("isocheck validate: {} generated histories per model (seed {}); models: {}\n",
                       options.histories, options.seed, fmt::join(report.models, ", "));
    if (report.violation)
        out << fmt::format("checked in full before the violation: {} histories\n", report.histories);
    out << fmt::format("{:<54} {:>10} {:>10}\n", "property", "histories", "checks");
    for (std::size_t p = 0; p < kProperties; ++p)
        out << fmt::format("{:<54} {:>10} {:>10}\n", describe(static_cast<Property>(p)),
                           report.histories_checked[p], report.checks[p]);
    if (!report.violation) {
        out << "validate: no violation\n";
        return kExitOk;
    }
    const Violation& v = *report.violation;
    out << fmt::format("\nVIOLATION: {} ({}), on generated history {}\n  {}\n",
                       describe(v.property), v.model, v.index + 1, v.what);
    out << fmt::format("shrunk in {} edits: {}\n", v.shrinkSteps, v.shrunkWhat);
    std::ofstream file(outPath);
    file << v.shrunk;
    file.close();
    if (!file)
        err << fmt::format("isocheck: error: cannot write {}\n", outPath);
    else
        out << fmt::format("the shrunk history, written to {}:\n", outPath);
    out << '\n' << v.shrunk;
    return kExitExpectationFailed;
}

}  // namespace isocheck
