#pragma once
// Stop requests from the batch system or the user: SIGUSR1 (Slurm's
// --signal), SIGTERM (scancel, job end), SIGINT (Ctrl-C) and SIGHUP (lost
// terminal) only set a flag
// here. The time loop looks at it at the next step boundary, where all ranks
// agree with one reduction, write a checkpoint and exit 3 (docs/architecture.md, "Command line and
// exit codes"). Because the handler never does any work, a second signal that arrives while the
// checkpoint is being written cannot interrupt or corrupt it.
#include <optional>
#include <string>

namespace boreas {

// Installs the handlers (SA_RESTART, so system calls in MPI/HDF5 resume).
// Also fixes the clock origin used by seconds_since_start().
void install_stop_signal_handlers();
// The last stop signal received (SIGUSR1/SIGTERM/SIGINT/SIGHUP), or 0.
int pending_stop_signal();
// SIGPIPE and SIGXFSZ are ignored, so a closed pipe or a file-size limit
// becomes a failed write instead of killing the process.
void ignore_write_signals();
// "SIGUSR1", "SIGTERM", "SIGINT", "SIGHUP" or "signal N".
std::string signal_name(int signo);
// Wall seconds the job has used, for the wall-time limit: counted from the
// earliest known start among BOREAS_JOB_START (epoch seconds, exported by
// the `boreas submit` script), SLURM_JOB_START_TIME (epoch seconds, Slurm
// 23.02 and later) and this process's start (the first call of this or of
// install_stop_signal_handlers()). A start in the future (clocks of two
// nodes disagree) counts as the process start; a malformed value is ignored
// (clock_origin_warning() names it).
double seconds_since_start();
// Where seconds_since_start() counts from, e.g. "the job start
// (BOREAS_JOB_START, 12.0 s before this process)" or "the process start".
std::string clock_origin_description();
// "" or what was wrong with those variables, for the driver to log.
std::string clock_origin_warning();

// Parses "HH:MM:SS" (hours may exceed 23 and have more digits; minutes and
// seconds 0..59) into seconds; nullopt if the text is not of that form.
std::optional<double> parse_hms(const std::string& text);

}  // namespace boreas
