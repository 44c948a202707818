#pragma once
// What this run is built with and where its ranks run: `boreas info`, the
// top of every run's log, and perf.json's "runtime" object.
#include <string>
#include <vector>

#include "core/binding.hpp"
#include "core/context.hpp"
#include "core/json.hpp"

namespace boreas::pipeline {

struct RuntimeSummary {
  std::vector<RankBinding> bindings;  // every rank on rank 0, own rank elsewhere
  std::vector<std::string> warnings;  // binding problems (rank 0 only)
};

// Collective: gathers the bindings and checks them.
RuntimeSummary gather_runtime_summary(const Context& ctx);
Json runtime_summary_json(const Context& ctx, const RuntimeSummary& s);
std::vector<std::string> runtime_summary_lines(const Context& ctx, const RuntimeSummary& s);
// Halo exchanges this process made on each path (perf.json at the end of a run).
Json halo_exchange_counts_json();

// The value of environment variable `name`, or `fallback` when unset.
std::string env_or(const char* name, const char* fallback);

}  // namespace boreas::pipeline
