#pragma once
// The subcommands of the `boreas` executable. Each returns the exit code
// for a successful outcome and throws boreas::Error for failures. This
// header is host-only (the command line includes it): no Kokkos.
#include <string>
#include <vector>

#include "core/context.hpp"

namespace boreas::driver {

struct RunOptions {
  std::string deck;
  std::vector<std::string> overrides;
  std::string output_dir;  // --output; empty: from the deck
  std::string restart;     // --restart latest|FILE; empty: fresh start
  std::string init;        // --init FILE: a fresh start from another run's file
  std::string time_limit;  // --time-limit HH:MM:SS; empty: run.wall_time_limit
};

struct SampleOptions {
  std::string file;                    // a checkpoint or snapshot
  std::vector<std::string> points;     // --point X,Y[,Z]
  std::vector<std::string> lines;      // --line START:END:N or AXIS=VALUE[,...]
  std::vector<std::string> variables;  // --variables; empty: every output variable
  std::string output;                  // -o FILE; empty: stdout
};

int run_command(const Context& ctx, const RunOptions& opt);
// Values of a state file's variables at points and along lines, as CSV.
int sample_command(const Context& ctx, const SampleOptions& opt);
int check_command(const Context& ctx, const std::string& deck,
                  const std::vector<std::string>& overrides);
int list_command(const Context& ctx, const std::string& app, bool markdown);
int info_command(const Context& ctx, bool json);

}  // namespace boreas::driver
