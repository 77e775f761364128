// The man page (packaging/isocheck.1) and the bash completion
// (packaging/isocheck.bash) are written by hand; these tests keep them in
// step with the binary (issue 6 item 9). Every command of the command table,
// every option that `isocheck --help` and `isocheck COMMAND --help` list and
// every model of the registry must be in both: the man page names each
// option in its command's section, and the completion, run in bash, offers
// every option the help lists. A command or option added without them fails
// here, naming what is missing.

#include <doctest/doctest.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "scratch.hpp"
#include "theory/models.hpp"

namespace isocheck {
namespace {

using test::slurp;

const std::string kManPage = ISOCHECK_SOURCE_DIR "/packaging/isocheck.1";
const std::string kCompletion = ISOCHECK_SOURCE_DIR "/packaging/isocheck.bash";

std::string help(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    const int code = runCommandLine(args, out, err);
    REQUIRE(code == 0);
    return out.str();
}

// `isocheck NAME --help`, or empty for a command that has no help.
std::string commandHelp(std::string_view name) {
    std::ostringstream out;
    std::ostringstream err;
    return runCommandLine({std::string(name), "--help"}, out, err) == 0 ? out.str() : "";
}

// The options a help text lists: lines that start (after spaces) with an
// option, `  -h,--help  ...`, `  -h, --help  ...`, `  --junit FILE  ...`.
std::set<std::string> listedOptions(const std::string& text) {
    std::set<std::string> options;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        std::size_t i = line.find_first_not_of(' ');
        if (i == 0 || i == std::string::npos) continue;
        while (i + 1 < line.size() && line[i] == '-' &&
               (std::isalpha(static_cast<unsigned char>(line[i + 1])) != 0 || line[i + 1] == '-')) {
            std::size_t end = i;
            while (end < line.size() && line[end] != ' ' && line[end] != ',') ++end;
            options.insert(line.substr(i, end - i));
            if (end >= line.size() || line[end] != ',') break;  // a value name or the summary
            ++end;
            while (end < line.size() && line[end] == ' ') ++end;
            i = end;
        }
    }
    return options;
}

// How troff source writes an option: every hyphen as `\-`.
std::string troff(std::string_view s) {
    std::string out;
    for (char c : s) out += c == '-' ? std::string("\\-") : std::string(1, c);
    return out;
}

// The man page from the first line `HEADING ...NAME...` (`.SS` or `.SH`) to
// the next `.SS` or `.SH`.
std::string manSection(const std::string& page, std::string_view heading, std::string_view name) {
    std::istringstream in(page);
    std::string section;
    bool on = false;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with(".SS") || line.starts_with(".SH")) {
            if (on) break;
            on = line.starts_with(heading) && line.find(name) != std::string::npos;
        }
        if (on) section += line + '\n';
    }
    return section;
}

// What the completion offers for `isocheck WORDS...` (the last word is being
// completed), run in bash from the source tree.
std::set<std::string> complete(const std::string& words) {
    const std::string script = "source '" + kCompletion + "' && COMP_WORDS=(" + words +
                               ") && COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) && _isocheck && "
                               "printf '%s\\n' \"${COMPREPLY[@]}\"";
    std::string quoted;  // the script inside single quotes
    for (char c : script) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    const auto [text, status] = test::shellOutput("bash --norc --noprofile -c '" + quoted + "' 2>&1");
    CHECK(status == 0);
    std::set<std::string> offered;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) offered.insert(line);
    return offered;
}

std::string joined(const std::set<std::string>& s) {
    std::string out;
    for (const std::string& x : s) out += (out.empty() ? "" : " ") + x;
    return out;
}

// What `want` has and `got` lacks, as `a b c`.
std::string missing(const std::set<std::string>& want, const std::set<std::string>& got) {
    std::set<std::string> out;
    for (const std::string& x : want)
        if (!got.contains(x)) out.insert(x);
    return joined(out);
}

}  // namespace

TEST_CASE("packaging: listedOptions reads the options a help lists, not its prose") {
    CHECK(listedOptions("Options:\n  -h,--help   Print this\n  --junit FILE  also write\n"
                        "  --format FORMAT  text (default), json\n"
                        "examples:\n  isocheck verify --junit r.xml x\n  - reads stdin\n") ==
          std::set<std::string>{"-h", "--help", "--junit", "--format"});
    CHECK(listedOptions("options:\n  -h, --help     show this help\n  --version      show\n") ==
          std::set<std::string>{"-h", "--help", "--version"});
    // Every command with a help lists at least --help, so an unreadable help
    // fails here.
    for (const Command& c : commandTable()) {
        const std::string text = commandHelp(c.name);
        CHECK_MESSAGE(!text.empty(), c.name);
        if (!text.empty()) CHECK_MESSAGE(listedOptions(text).contains("--help"), c.name);
    }
}

TEST_CASE("packaging: the man page names every command, option and model") {
    const std::string page = slurp(kManPage);
    REQUIRE(!page.empty());
    // The version in the title line is the binary's: `isocheck 0.1.0`.
    std::string version = help({"--version"});
    if (version.ends_with('\n')) version.pop_back();
    CHECK(page.find("\n.TH ISOCHECK 1 ") != std::string::npos);
    CHECK_MESSAGE(page.find('"' + version + '"') != std::string::npos,
                  "the .TH line of packaging/isocheck.1 does not say \"" << version << '"');

    for (const std::string& option : listedOptions(help({"--help"})))
        CHECK_MESSAGE(page.find(troff(option)) != std::string::npos,
                      "packaging/isocheck.1 lacks " << option << " of isocheck --help");
    const std::string synopsis = manSection(page, ".SH", "SYNOPSIS");
    const std::string commands = manSection(page, ".SH", "COMMANDS");
    for (const Command& c : commandTable()) {
        const std::string name(c.name);
        CHECK_MESSAGE(synopsis.find("\n.B " + name + '\n') != std::string::npos,
                      "the SYNOPSIS of packaging/isocheck.1 lacks " << name);
        CHECK_MESSAGE((commands.find("\n.B " + name + '\n') != std::string::npos ||
                       commands.find("\n.BI \"" + name + ' ') != std::string::npos),
                      "the COMMANDS of packaging/isocheck.1 lack " << name);
        // Each option of the command in its own subsection of OPTIONS.
        const std::string text = commandHelp(name);
        if (text.empty()) continue;
        const std::string section = manSection(page, ".SS", name);
        CHECK_MESSAGE(!section.empty(), "packaging/isocheck.1 has no .SS for " << name);
        for (const std::string& option : listedOptions(text)) {
            if (option == "-h" || option == "--help") continue;  // said once for all
            CHECK_MESSAGE(section.find(troff(option)) != std::string::npos,
                          "packaging/isocheck.1, .SS " << name << ", lacks " << option);
        }
    }
    const std::string models = manSection(page, ".SH", "MODELS");
    for (const ModelInfo& m : modelRegistry())
        CHECK_MESSAGE(models.find("\n.B " + troff(m.name) + '\n') != std::string::npos,
                      "the MODELS of packaging/isocheck.1 lack " << m.name);
}

TEST_CASE("packaging: the bash completion offers every command, option and model") {
    // Read each CHECK as "packaging/isocheck.bash lacks: ..." (empty when complete).
    std::set<std::string> commands;
    for (const Command& c : commandTable()) commands.emplace(c.name);
    CHECK(missing(commands, complete("isocheck ''")) == "");
    CHECK(missing(listedOptions(help({"--help"})), complete("isocheck -")) == "");
    for (const Command& c : commandTable()) {
        const std::string name(c.name);
        INFO("isocheck " << name << " -");
        CHECK(missing(listedOptions(commandHelp(name)), complete("isocheck " + name + " -")) == "");
    }
    std::set<std::string> models;
    for (const ModelInfo& m : modelRegistry()) models.emplace(m.name);
    CHECK(joined(complete("isocheck check --model ''")) == joined(models));
    // `--model=ser`: bash splits the word at `=` (COMP_WORDBREAKS).
    CHECK(joined(complete("isocheck check --quiet --model = serializable")) ==
          "serializable serializable-snapshot");
}

}  // namespace isocheck
