#pragma once
// Context owns MPI and Kokkos for the lifetime of a process and is the only
// place (with mesh/) where Boreas talks to MPI directly. Reductions and waits
// go through it so that a failure on one rank reaches every other rank
// instead of leaving them blocked in MPI.
#include <mpi.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace boreas {

class Context {
 public:
  // Initializes MPI (thread level FUNNELED) and Kokkos. Kokkos flags such as
  // --kokkos-threads=N are consumed from argv.
  Context(int& argc, char**& argv);
  // A Context over a subset of ranks of an already running process (MPI and
  // Kokkos stay owned by the outer Context). Used by tests that compare runs
  // on different rank counts inside one launch.
  explicit Context(MPI_Comm comm);
  // Collective: a Context over this Context's first `nranks` ranks, or null
  // on the other ranks (benchmarks and tests compare rank counts in one launch).
  std::unique_ptr<Context> first_ranks(int nranks) const;
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  MPI_Comm comm() const { return comm_; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }

  // Reductions over all ranks. They poll for failures of other ranks while
  // waiting, so a rank that died with an exception never hangs the others.
  double sum(double v) const;
  double max(double v) const;
  double min(double v) const;
  long long sum(long long v) const;
  long long max(long long v) const;
  bool any(bool v) const;
  // Element-wise reductions of small vectors.
  void sum(std::vector<double>& v) const;
  // Index of the lowest rank with flag set, or -1 if none.
  int first_rank_with(bool flag) const;
  void barrier() const;
  // Rank 0's string, broadcast to all.
  std::string broadcast(const std::string& s) const;

  // Waits for the requests; throws RemoteFailure if another rank reported a
  // failure meanwhile. Point-to-point requests are then cancelled and freed;
  // collective ones (cancel_on_failure = false) cannot be cancelled in MPI
  // and are left to MPI_Finalize.
  void wait_all(std::vector<MPI_Request>& requests, bool cancel_on_failure = true) const;
  // Throws RemoteFailure if another rank has reported a failure.
  void poll_failure() const;

  // Called by a rank that caught an error: tells every other rank, so their
  // next wait or reduction throws RemoteFailure naming this rank.
  void announce_failure(const Error& e) const;

  // Final agreement, called exactly once by every rank on its way out (the
  // driver does this). Returns the exit code every rank should use and, on
  // rank 0, prints the failing rank's message once.
  int agree_on_exit(const Error* local_error) const;

  // Runs `hook` when the Context that owns Kokkos is destroyed, before
  // Kokkos and MPI are finalized; hooks run in reverse order of registration.
  // For libraries that must shut down while MPI is still up (the PETSc
  // bridge calls PetscFinalize here). Registering through a borrowed Context
  // (Context(MPI_Comm)) hands the hook to the owning one: the hooks are
  // per process. A hook that throws is reported and skipped.
  void at_finalize(std::function<void()> hook) const;

  // Marks MPI (and the libraries above it) as unusable for a clean shutdown:
  // parallel HDF5 left a file half written after an I/O error, and closing
  // it again (as HDF5 does from MPI_Finalize) would hang or crash. The driver
  // then leaves with std::_Exit after agreeing on the exit code.
  static void abandon_finalize();
  static bool finalize_abandoned();

  // How many ranks of this Context share this rank's node (shared memory).
  int ranks_on_node() const;

  // Backend facts for `boreas info` and perf.json.
  std::string backend() const;
  int threads() const;

 private:
  MPI_Comm comm_ = MPI_COMM_NULL;
  int rank_ = 0;
  int size_ = 1;
  bool owns_mpi_ = false;
  bool owns_kokkos_ = false;
  mutable std::vector<std::string> outgoing_;  // keeps failure messages alive
  mutable std::vector<MPI_Request> outgoing_requests_;
};

}  // namespace boreas
