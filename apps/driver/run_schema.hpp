#pragma once
// The deck schema for one run: [run] and [output] keys owned by the driver,
// [mesh] and [boundary] shared by all apps, and the app's own [physics] keys.
#include "io/deck/schema.hpp"
#include "physics/app.hpp"

namespace boreas::driver {

void declare_run_schema(io::Schema& schema);
// Full schema for `app` (null: only the shared keys, used when run.app is
// missing or unknown so the deck still gets checked and reported in full).
io::Schema deck_schema(const AppInfo* app);
// Markdown reference of every key of every app (docs/deck-reference.md).
std::string deck_reference_markdown();

}  // namespace boreas::driver
