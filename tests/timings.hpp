#pragma once
// Reports are byte-identical across runs and --jobs values except for the
// seconds and peak memory of each model (SPEC 3, issue 5 item 4). Tests that
// compare whole reports strip those two figures first, by their fixed shapes:
//   text, Markdown  `, 0.02 s, 12 MB`   -> `, <seconds> s, <memory> MB`
//   JSON            `"seconds": 0.021`  -> `"seconds": "<seconds>"`
//                   `"peak_memory_kb": 12345` -> `"peak_memory_kb": "<memory>"`
//   JUnit           ` time="0.021"` -> ` time="<seconds>"`
// The same with sed: sed -E 's/, [0-9]+\.[0-9]{2} s, [0-9,]+ MB/, <seconds> s, <memory> MB/;
//   s/"seconds": [0-9.eE+-]+/"seconds": "<seconds>"/; s/"peak_memory_kb": [0-9]+/"peak_memory_kb": "<memory>"/;
//   s/ time="[0-9.]+"/ time="<seconds>"/g'
// (Written by hand rather than with <regex>: GCC 12 warns inside std::regex
// under the sanitizer build, where warnings are errors.)

#include <cstddef>
#include <string>
#include <string_view>

namespace isocheck::test {

namespace detail {

inline bool isDigit(char c) { return c >= '0' && c <= '9'; }

/// The length of `[0-9]+\.[0-9]{2} s, [0-9,]+ MB` at the start of `s`, or 0.
inline std::size_t timingLength(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && isDigit(s[i])) ++i;
    if (i == 0 || i + 3 > s.size() || s[i] != '.' || !isDigit(s[i + 1]) || !isDigit(s[i + 2])) return 0;
    i += 3;
    if (s.substr(i, 4) != " s, ") return 0;
    i += 4;
    const std::size_t digits = i;
    while (i < s.size() && (isDigit(s[i]) || s[i] == ',')) ++i;
    if (i == digits || s.substr(i, 3) != " MB") return 0;
    return i + 3;
}

/// Replaces the characters of `set` that follow every `key` with `with`.
inline std::string replaceAfter(const std::string& in, std::string_view key, std::string_view set,
                                std::string_view with) {
    std::string out;
    std::size_t at = 0;
    for (std::size_t hit; (hit = in.find(key, at)) != std::string::npos;) {
        std::size_t end = hit + key.size();
        while (end < in.size() && set.find(in[end]) != std::string_view::npos) ++end;
        out.append(in, at, hit + key.size() - at);
        out += with;
        at = end;
    }
    return out.append(in, at);
}

}  // namespace detail

inline std::string stripTimings(const std::string& report) {
    std::string out;
    for (std::size_t i = 0; i < report.size(); ++i) {
        if (report.compare(i, 2, ", ") == 0) {
            if (const std::size_t n = detail::timingLength(std::string_view(report).substr(i + 2))) {
                out += ", <seconds> s, <memory> MB";
                i += 1 + n;
                continue;
            }
        }
        out += report[i];
    }
    out = detail::replaceAfter(out, "\"seconds\": ", "0123456789.eE+-", "\"<seconds>\"");
    out = detail::replaceAfter(out, " time=\"", "0123456789.", "<seconds>");
    return detail::replaceAfter(out, "\"peak_memory_kb\": ", "0123456789", "\"<memory>\"");
}

}  // namespace isocheck::test
