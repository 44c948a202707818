#pragma once
// The deck schema of one run: [run], [output] and [parallel] keys owned by
// the framework, [mesh] and [boundary] shared by all apps, the app's own
// keys, and [problem] with the keys of the problem the deck selects.
#include <string>

#include "io/deck/schema.hpp"
#include "physics/app.hpp"

namespace boreas::pipeline {

void declare_run_keys(io::Schema& schema);
void declare_output_keys(io::Schema& schema);
// [[output.probe]] and [[output.line]] (physics/pipeline/samplers.hpp).
void declare_sampler_keys(io::Schema& schema);
// Full schema for `app` and its problem `problem` (null app: only the
// shared keys, used when run.app is missing or unknown so that the deck
// still gets checked and reported in full; null problem: problem.name only).
io::Schema deck_schema(const AppInfo* app, const ProblemInfo* problem);
// Markdown reference of every key of every app and problem
// (docs/deck-reference.md).
std::string deck_reference_markdown();
// `boreas list APP`: the app's keys and its problems with theirs.
std::string app_reference_text(const AppInfo& app);

}  // namespace boreas::pipeline
