#pragma once
// `boreas submit DECK`: writes a Slurm batch script that runs the deck with
// bound ranks and threads, turns the end of the wall time into a checkpoint
// (SIGUSR1 before the limit, forwarded to the ranks) and resubmits itself
// while the run stops early (exit 3), up to --chain times.
#include <string>
#include <vector>

#include "core/context.hpp"

namespace boreas::driver {

struct SubmitOptions {
  std::string deck;
  std::vector<std::string> overrides;
  std::string output_dir;  // --output; empty: from the deck
  // --init FILE, or run.init: passed (absolute) as --init while the run has
  // no checkpoint of its own; afterwards the job restarts from `latest`.
  std::string init;
  int nodes = 1;
  int ntasks_per_node = 1;
  int cpus_per_task = 1;
  int gpus_per_node = 0;
  std::string time = "01:00:00";
  std::string partition, account, job_name;
  bool dry_run = false;
  int chain = 0;  // resubmissions allowed after an early stop
};

// POSIX shell single quoting: the result is one word whose value is `s`,
// whatever it contains (quotes, $(), backticks, newlines).
std::string shell_quote(const std::string& s);

// The batch script. `boreas` is the executable to run, `deck` and `out`
// absolute paths; `script_path` is where the script is saved (resubmission).
std::string batch_script(const SubmitOptions& opt, const std::string& boreas,
                         const std::string& deck, const std::string& out,
                         const std::string& script_path);

// Validates the deck and options, then prints the script (--dry-run) or
// saves it under the output folder and calls sbatch, printing the job id.
// No sbatch on PATH: RuntimeError (exit 1).
int submit_command(const Context& ctx, const SubmitOptions& opt);

}  // namespace boreas::driver
