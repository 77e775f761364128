// Thin: the command line lives in cli/ so that tests can run it in-process.

#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    const int code = isocheck::runCommandLine(args, std::cout, std::cerr);
    std::cout.flush();
    return code;
}
