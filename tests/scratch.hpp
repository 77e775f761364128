#pragma once
// Running isocheck from tests: a scratch directory per test case (removed at
// the end), a runner of the built binary and one of the command line in
// process, each capturing exit code, stdout and stderr, and the output of a
// shell command. Shared by the command-line test files.

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli/cli.hpp"

namespace isocheck::test {

namespace fs = std::filesystem;

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

inline std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A scratch directory per test case, removed at the end.
class Scratch {
public:
    Scratch() {
        static int counter = 0;
        dir_ = fs::temp_directory_path() /
               ("isocheck-cli-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        fs::create_directories(dir_);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

    std::string write(const std::string& name, const std::string& text) const {
        const fs::path p = dir_ / name;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }
    [[nodiscard]] const fs::path& dir() const { return dir_; }

    // Runs the binary with `args` (already shell-quoted where needed) in the scratch directory.
    [[nodiscard]] Run run(const std::string& args) const {
        const fs::path errFile = dir_ / "stderr.txt";
        const std::string cmd = "cd '" + dir_.string() + "' && '" ISOCHECK_BINARY "' " + args +
                                " 2>'" + errFile.string() + "'";
        Run r;
        FILE* pipe = ::popen(cmd.c_str(), "r");
        REQUIRE(pipe != nullptr);
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) r.out.append(buf, n);
        const int status = ::pclose(pipe);
        r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.err = slurp(errFile);
        return r;
    }

private:
    fs::path dir_;
};

/// The command line run in this process, as `isocheck ARGS...` would run.
inline Run inProcess(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    Run r;
    r.code = runCommandLine(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

/// What `command` (run by /bin/sh) writes to stdout, and its wait status.
inline std::pair<std::string, int> shellOutput(const std::string& command) {
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    return {out, ::pclose(pipe)};
}

/// Checks that the block a doc keeps between `<!-- ARGS -->` and `<!-- end -->`
/// is what `isocheck ARGS` prints, run from the source tree (so that paths
/// read as the doc writes them).
inline void checkKeptOutput(const std::string& doc, const std::string& args) {
    const auto [out, status] = shellOutput("cd '" ISOCHECK_SOURCE_DIR "' && '" ISOCHECK_BINARY "' " + args);
    REQUIRE(status == 0);
    const std::string kept = slurp(std::string(ISOCHECK_SOURCE_DIR "/") + doc);
    const std::string begin = "<!-- isocheck " + args + " -->\n";
    const auto at = kept.find(begin);
    REQUIRE(at != std::string::npos);
    const auto end = kept.find("<!-- end -->", at);
    REQUIRE(end != std::string::npos);
    CHECK(kept.substr(at + begin.size(), end - at - begin.size()) == out);
}

}  // namespace isocheck::test
