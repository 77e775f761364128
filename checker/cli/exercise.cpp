// `isocheck exercise --seed S --count N --out DIR [--level L] [--model NAME]...`
// (SPEC 4; checker/exercise, specs/exercise.md): writes DIR/exercise-NN.toml
// (the question as description, the answer as [expect] tables), worksheet.md
// and answers.md, and both as self-contained HTML.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/numbers.hpp"
#include "exercise/exercise.hpp"

namespace isocheck {

int runExercise(const Args& args, std::ostream& out, std::ostream& /*err*/) {
    CLI::App app{"Write teaching exercises with proven answers: each a history file whose description "
                 "is the question and whose [expect] tables are the answer (isocheck verify DIR "
                 "checks them), with a worksheet and the answers in Markdown and HTML.",
                 "isocheck exercise"};
    ExerciseOptions options;
    std::string seed = "1";
    std::string count = "10";
    std::string dir;
    app.add_option("--seed", seed, "seed of the choice, a positive integer (default 1): the same seed, the same files")
        ->type_name("S");
    app.add_option("--count", count, "how many exercises (default 10)")->type_name("N");
    app.add_option("--out", dir, "the folder to write (created if missing)")->type_name("DIR")->required();
    app.add_option("--level", options.level, "beginner, intermediate (default) or advanced")
        ->type_name("LEVEL")
        ->check(CLI::IsMember({"beginner", "intermediate", "advanced"}));
    app.add_option("--model", options.models, "ask about model NAME; repeat it for more (default: all)")
        ->type_name("NAME")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false);
    app.footer("examples:\n"
               "  isocheck exercise --seed 7 --count 20 --out ex1\n"
               "  isocheck exercise --seed 3 --level beginner --model read-committed --model snapshot --out ex2\n\n"
               "exit codes: 0 written, 2 bad usage or a folder that cannot be written");
    if (const auto done = parseOptions(app, args, out)) return *done;
    options.seed = parsePositiveInteger("--seed", seed, "--seed 7", std::numeric_limits<std::uint64_t>::max());
    options.count = parsePositiveInteger("--count", count, "--count 20", 500);
    requireKnownModels(options.models);

    const ExerciseSet set = makeExercises(options);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw UsageError(fmt::format("--out: cannot create \"{}\": {}", dir, ec.message()));
    const auto write = [&](const std::string& name, const std::string& text) {
        const std::filesystem::path p = std::filesystem::path(dir) / name;
        std::ofstream f(p, std::ios::binary);
        f << text;
        if (!f) throw UsageError(fmt::format("--out: cannot write \"{}\"", p.string()));
    };
    for (const Exercise& e : set.exercises) write(e.name + ".toml", e.toml);
    write("worksheet.md", set.worksheetMarkdown);
    write("answers.md", set.answersMarkdown);
    write("worksheet.html", set.worksheetHtml);
    write("answers.html", set.answersHtml);
    out << fmt::format("isocheck exercise: {} exercises ({} level, seed {}) in {}: worksheet.md, answers.md, "
                       "worksheet.html, answers.html\n",
                       set.exercises.size(), options.level, options.seed, dir);
    return 0;
}

}  // namespace isocheck
