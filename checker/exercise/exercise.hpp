#pragma once
// `isocheck exercise` (issue 8 item 3; specs/exercise.md): teaching
// exercises with proven answers. Each is a history from the search's
// enumeration (checker/search) that a seeded generator picks for one kind of
// question; exploring it under the models gives the answer, which the
// history file states as its [expect] tables (so `isocheck verify` proves
// it) and answers.md explains in words, with witnesses to replay.

#include <cstdint>
#include <string>
#include <vector>

namespace isocheck {

struct ExerciseOptions {
    std::uint64_t seed = 1;
    std::size_t count = 10;
    std::string level = "intermediate";  ///< beginner, intermediate or advanced
    std::vector<std::string> models;     ///< the levels asked about; empty = every model
};

/// One exercise: its history file and its question and answer as Markdown.
struct Exercise {
    std::string name;      ///< "exercise-01"
    std::string kind;      ///< "allows", "schedule", "deadlock", ...
    std::string title;
    std::string toml;      ///< the history file: description = the question, [expect] = the answer
    std::string question;  ///< Markdown paragraphs
    std::string history;   ///< Markdown: the transactions table, initial rows, schedule
    std::string answer;    ///< Markdown paragraphs
};

struct ExerciseSet {
    std::vector<Exercise> exercises;
    std::string worksheetMarkdown;
    std::string answersMarkdown;
    std::string worksheetHtml;
    std::string answersHtml;
};

/// The exercises for `o`: the same options give the same bytes.
[[nodiscard]] ExerciseSet makeExercises(const ExerciseOptions& o);

}  // namespace isocheck
