#pragma once
// Errors carry the process exit code of docs/architecture.md ("Command line and exit codes"), so
// the driver can turn any failure into the right code without a table of special cases.
#include <stdexcept>
#include <string>

namespace boreas {

enum class ExitCode : int {
  finished = 0,
  runtime_failure = 1,  // NaN, solver divergence, I/O failure
  bad_input = 2,        // deck or command-line errors
  stopped_early = 3,    // wall-time limit or signal, checkpoint written
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& what) : std::runtime_error(what), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

// Bad deck, bad override, bad command line, incompatible restart file.
class InputError : public Error {
 public:
  explicit InputError(const std::string& what) : Error(ExitCode::bad_input, what) {}
};

// Anything that goes wrong while running: NaN, I/O, divergence.
class RuntimeError : public Error {
 public:
  explicit RuntimeError(const std::string& what) : Error(ExitCode::runtime_failure, what) {}
};

// A failure every rank sees at the same point, because it follows from a
// collective result (a solver's global residual): the caller may still run
// collective steps (find the bad cell, save the last good state) before
// stopping. Thrown by the linear solvers when a solve does not converge.
class CollectiveFailure : public RuntimeError {
 public:
  using RuntimeError::RuntimeError;
};

// Another rank failed; this rank stops too. `rank` is the one that failed.
class RemoteFailure : public Error {
 public:
  RemoteFailure(ExitCode code, int rank, const std::string& what)
      : Error(code, what), rank_(rank) {}
  int rank() const { return rank_; }

 private:
  int rank_;
};

}  // namespace boreas
