#pragma once
// Stop requests from the batch system or the user: SIGUSR1 (Slurm's
// --signal), SIGTERM (scancel, job end) and SIGINT (Ctrl-C) only set a flag
// here. The time loop looks at it at the next step boundary, where all ranks
// agree with one reduction, write a checkpoint and exit 3 (ARCHITECTURE §5).
// Because the handler never does any work, a second signal that arrives
// while the checkpoint is being written cannot interrupt or corrupt it.
#include <optional>
#include <string>

namespace boreas {

// Installs the handlers (SA_RESTART, so system calls in MPI/HDF5 resume).
// Also records the process start used by seconds_since_start().
void install_stop_signal_handlers();
// The last stop signal received (SIGUSR1/SIGTERM/SIGINT), or 0.
int pending_stop_signal();
// "SIGUSR1", "SIGTERM", "SIGINT" or "signal N".
std::string signal_name(int signo);
// Wall seconds since install_stop_signal_handlers() (the process start).
double seconds_since_start();

// Parses "HH:MM:SS" (hours may exceed 23 and have more digits; minutes and
// seconds 0..59) into seconds; nullopt if the text is not of that form.
std::optional<double> parse_hms(const std::string& text);

}  // namespace boreas
