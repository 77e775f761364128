// `isocheck models` prints the registry; `isocheck exercise` is registered so
// that it answers, but this version does not generate exercises.

#include <algorithm>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "theory/models.hpp"

namespace isocheck {
namespace {

std::string_view typeName(ModelOptionInfo::Type t) {
    switch (t) {
        case ModelOptionInfo::Type::Bool: return "true or false";
        case ModelOptionInfo::Type::PositiveInt: return "positive integer";
    }
    return "?";
}

}  // namespace

int runModels(const Args& args, std::ostream& out, std::ostream& /*err*/) {
    CLI::App app{"List the isolation models, their summaries and their options "
                 "(set in a history file as [model.NAME] tables).",
                 "isocheck models"};
    if (const auto done = parseOptions(app, args, out)) return *done;

    std::size_t width = 0;
    for (const ModelInfo& m : modelRegistry()) width = std::max(width, m.name.size());
    for (const ModelInfo& m : modelRegistry()) {
        out << fmt::format("{:<{}}  {}\n", m.name, width, m.summary);
        for (const ModelOptionInfo& o : m.options)
            out << fmt::format("{:<{}}  option {} ({}): {}\n", "", width, o.name, typeName(o.type),
                               o.summary);
    }
    return kExitOk;
}

int runExercise(const Args& /*args*/, std::ostream& /*out*/, std::ostream& /*err*/) {
    throw UsageError("the exercise command is not available in this version of isocheck");
}

}  // namespace isocheck
