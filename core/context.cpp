#include "core/context.hpp"

#include <sched.h>

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/exec.hpp"

namespace boreas {
namespace {

constexpr int kFailureTag = 32000;  // below the MPI-guaranteed tag limit 32767

// Per process, not per Context: a borrowed Context may register a hook that
// must outlive it (PETSc stays initialized until the process ends).
std::vector<std::function<void()>>& finalize_hooks() {
  static std::vector<std::function<void()>> hooks;
  return hooks;
}

void run_finalize_hooks() {
  auto& hooks = finalize_hooks();
  while (!hooks.empty()) {
    std::function<void()> hook = std::move(hooks.back());
    hooks.pop_back();
    try {
      hook();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "boreas: warning: finalize hook failed: %s\n", e.what());
    }
  }
}

// Message layout: code, then text.
std::string encode_failure(const Error& e) {
  return std::to_string(static_cast<int>(e.code())) + "|" + e.what();
}

bool is_help(const char* a) {
  return std::strcmp(a, "--help") == 0 || std::strcmp(a, "-h") == 0 ||
         std::strcmp(a, "--help-all") == 0;
}

// Kokkos takes its own flags (--kokkos-threads=N, ...) out of argv, and
// answers --help with a page of its own. Boreas' command line answers --help:
// Kokkos gets argv without the help flags, and argv keeps them.
void initialize_kokkos(int& argc, char**& argv) {
  std::vector<char*> kokkos_args;
  for (int i = 0; i < argc; ++i) {
    if (i == 0 || !is_help(argv[i])) kokkos_args.push_back(argv[i]);
  }
  int kokkos_argc = static_cast<int>(kokkos_args.size());
  kokkos_args.push_back(nullptr);
  char** kokkos_argv = kokkos_args.data();
  Kokkos::initialize(kokkos_argc, kokkos_argv);
  // Keep, in order, what Kokkos left and the help flags.
  std::vector<char*> left(kokkos_argv, kokkos_argv + kokkos_argc);
  int n = 0;
  for (int i = 0; i < argc; ++i) {
    if (is_help(argv[i]) || std::find(left.begin(), left.end(), argv[i]) != left.end())
      argv[n++] = argv[i];
  }
  argc = n;
  argv[n] = nullptr;
}

}  // namespace

Context::Context(int& argc, char**& argv) {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized) {
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    owns_mpi_ = true;
  }
  MPI_Comm_dup(MPI_COMM_WORLD, &comm_);
  MPI_Comm_rank(comm_, &rank_);
  MPI_Comm_size(comm_, &size_);
  // Unless the user chose, pin threads the way HPC centres recommend for
  // OpenMP 4+ (and stop Kokkos warning about it on every rank).
  if (!std::getenv("OMP_PROC_BIND") && !std::getenv("OMP_PLACES")) {
    setenv("OMP_PROC_BIND", "spread", 0);
    setenv("OMP_PLACES", "threads", 0);
  }
  initialize_kokkos(argc, argv);
  owns_kokkos_ = true;
  exec::configure_from_environment();
}

Context::Context(MPI_Comm comm) {
  MPI_Comm_dup(comm, &comm_);
  MPI_Comm_rank(comm_, &rank_);
  MPI_Comm_size(comm_, &size_);
}

std::unique_ptr<Context> Context::first_ranks(int nranks) const {
  MPI_Comm sub = MPI_COMM_NULL;
  MPI_Comm_split(comm_, rank_ < nranks ? 0 : MPI_UNDEFINED, rank_, &sub);
  if (sub == MPI_COMM_NULL) return nullptr;
  auto ctx = std::make_unique<Context>(sub);  // duplicates `sub`
  MPI_Comm_free(&sub);
  return ctx;
}

Context::~Context() {
  if (owns_kokkos_) run_finalize_hooks();
  for (auto& r : outgoing_requests_) {
    if (r != MPI_REQUEST_NULL) MPI_Request_free(&r);
  }
  if (owns_kokkos_) Kokkos::finalize();
  MPI_Comm_free(&comm_);
  if (owns_mpi_) MPI_Finalize();
}

namespace {
bool g_finalize_abandoned = false;
}  // namespace

void Context::abandon_finalize() {
  g_finalize_abandoned = true;
}

bool Context::finalize_abandoned() {
  return g_finalize_abandoned;
}

void Context::poll_failure() const {
  int flag = 0;
  MPI_Status status;
  MPI_Iprobe(MPI_ANY_SOURCE, kFailureTag, comm_, &flag, &status);
  if (!flag) return;
  int len = 0;
  MPI_Get_count(&status, MPI_CHAR, &len);
  std::string msg(static_cast<size_t>(len), '\0');
  MPI_Recv(msg.data(), len, MPI_CHAR, status.MPI_SOURCE, kFailureTag, comm_, MPI_STATUS_IGNORE);
  auto bar = msg.find('|');
  int code = std::atoi(msg.substr(0, bar).c_str());
  throw RemoteFailure(static_cast<ExitCode>(code), status.MPI_SOURCE, msg.substr(bar + 1));
}

void Context::wait_all(std::vector<MPI_Request>& requests, bool cancel_on_failure) const {
  while (true) {
    int done = 0;
    MPI_Testall(static_cast<int>(requests.size()), requests.data(), &done, MPI_STATUSES_IGNORE);
    if (done) return;
    int notice = 0;
    MPI_Iprobe(MPI_ANY_SOURCE, kFailureTag, comm_, &notice, MPI_STATUS_IGNORE);
    if (notice) {
      // The failing rank may have taken part in this operation before it
      // failed (it left the last-good-state checkpoint's barrier first):
      // give the operation a moment to complete, so that no rank abandons
      // what every rank finished. The notice stays queued for the next wait.
      const double t0 = MPI_Wtime();
      while (!done && MPI_Wtime() - t0 < 2.0) {
        sched_yield();
        MPI_Testall(static_cast<int>(requests.size()), requests.data(), &done, MPI_STATUSES_IGNORE);
      }
      if (done) return;
    }
    try {
      poll_failure();
    } catch (...) {
      if (!cancel_on_failure) throw;
      for (auto& r : requests) {
        if (r == MPI_REQUEST_NULL) continue;
        MPI_Cancel(&r);
        MPI_Request_free(&r);
      }
      throw;
    }
    sched_yield();
  }
}

namespace {
template <class T>
T reduce(const Context& ctx, T v, MPI_Datatype type, MPI_Op op) {
  T out{};
  std::vector<MPI_Request> req(1);
  MPI_Iallreduce(&v, &out, 1, type, op, ctx.comm(), req.data());
  ctx.wait_all(req, false);
  return out;
}
}  // namespace

double Context::sum(double v) const {
  return reduce(*this, v, MPI_DOUBLE, MPI_SUM);
}
double Context::max(double v) const {
  return reduce(*this, v, MPI_DOUBLE, MPI_MAX);
}
double Context::min(double v) const {
  return reduce(*this, v, MPI_DOUBLE, MPI_MIN);
}
long long Context::sum(long long v) const {
  return reduce(*this, v, MPI_LONG_LONG, MPI_SUM);
}
long long Context::max(long long v) const {
  return reduce(*this, v, MPI_LONG_LONG, MPI_MAX);
}
bool Context::any(bool v) const {
  return reduce(*this, v ? 1 : 0, MPI_INT, MPI_MAX) != 0;
}

void Context::sum(std::vector<double>& v) const {
  std::vector<double> out(v.size());
  std::vector<MPI_Request> req(1);
  MPI_Iallreduce(v.data(), out.data(), static_cast<int>(v.size()), MPI_DOUBLE, MPI_SUM, comm_,
                 req.data());
  wait_all(req, false);
  v.swap(out);
}

int Context::first_rank_with(bool flag) const {
  int r = reduce(*this, flag ? rank_ : INT_MAX, MPI_INT, MPI_MIN);
  return r == INT_MAX ? -1 : r;
}

void Context::barrier() const {
  std::vector<MPI_Request> req(1);
  MPI_Ibarrier(comm_, req.data());
  wait_all(req, false);
}

std::string Context::broadcast(const std::string& s) const {
  long long n = static_cast<long long>(s.size());
  MPI_Bcast(&n, 1, MPI_LONG_LONG, 0, comm_);
  std::string out = rank_ == 0 ? s : std::string(static_cast<size_t>(n), '\0');
  MPI_Bcast(out.data(), static_cast<int>(n), MPI_CHAR, 0, comm_);
  return out;
}

void Context::announce_failure(const Error& e) const {
  if (dynamic_cast<const RemoteFailure*>(&e)) return;  // someone else's failure
  outgoing_.push_back(encode_failure(e));
  const std::string& msg = outgoing_.back();
  for (int r = 0; r < size_; ++r) {
    if (r == rank_) continue;
    MPI_Request req;
    MPI_Isend(msg.data(), static_cast<int>(msg.size()), MPI_CHAR, r, kFailureTag, comm_, &req);
    outgoing_requests_.push_back(req);
  }
}

int Context::agree_on_exit(const Error* local_error) const {
  const bool own_failure = local_error && !dynamic_cast<const RemoteFailure*>(local_error);
  int code = local_error ? static_cast<int>(local_error->code()) : 0;
  int code_max = 0;
  int first = INT_MAX;
  int failed_ranks = 0;
  int own_rank = own_failure ? rank_ : INT_MAX;
  int own = own_failure ? 1 : 0;
  // Everyone is here now; plain blocking reductions are safe.
  MPI_Allreduce(&code, &code_max, 1, MPI_INT, MPI_MAX, comm_);
  MPI_Allreduce(&own_rank, &first, 1, MPI_INT, MPI_MIN, comm_);
  MPI_Allreduce(&own, &failed_ranks, 1, MPI_INT, MPI_SUM, comm_);

  if (first != INT_MAX) {
    // The first failing rank's message goes to rank 0, which prints it once.
    std::string text;
    if (rank_ == first) text = local_error->what();
    if (first != 0) {
      if (rank_ == first) {
        MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kFailureTag + 1, comm_);
      } else if (rank_ == 0) {
        MPI_Status st;
        MPI_Probe(first, kFailureTag + 1, comm_, &st);
        int len = 0;
        MPI_Get_count(&st, MPI_CHAR, &len);
        text.assign(static_cast<size_t>(len), '\0');
        MPI_Recv(text.data(), len, MPI_CHAR, first, kFailureTag + 1, comm_, MPI_STATUS_IGNORE);
      }
    }
    if (rank_ == 0) {
      if (text.find(": error: ") != std::string::npos) {
        // Already in file:line:col: error: form (deck errors): print as is.
        std::fprintf(stderr, "%s\n", text.c_str());
      } else if (failed_ranks == size_ || size_ == 1) {
        std::fprintf(stderr, "boreas: error: %s\n", text.c_str());
      } else {
        std::fprintf(stderr, "boreas: error on rank %d of %d: %s\n", first, size_, text.c_str());
      }
      std::fflush(stderr);
    }
  }
  // Drain failure notices nobody consumed so MPI_Finalize finds no strays.
  MPI_Barrier(comm_);
  while (true) {
    int flag = 0;
    MPI_Status st;
    MPI_Iprobe(MPI_ANY_SOURCE, kFailureTag, comm_, &flag, &st);
    if (!flag) break;
    int len = 0;
    MPI_Get_count(&st, MPI_CHAR, &len);
    std::string junk(static_cast<size_t>(len), '\0');
    MPI_Recv(junk.data(), len, MPI_CHAR, st.MPI_SOURCE, kFailureTag, comm_, MPI_STATUS_IGNORE);
  }
  return code_max;
}

void Context::at_finalize(std::function<void()> hook) const {
  finalize_hooks().push_back(std::move(hook));
}

int Context::ranks_on_node() const {
  MPI_Comm node = MPI_COMM_NULL;
  MPI_Comm_split_type(comm_, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node);
  int n = 1;
  MPI_Comm_size(node, &n);
  MPI_Comm_free(&node);
  return n;
}

std::string Context::backend() const {
  return exec::backend_name();
}

int Context::threads() const {
  return Kokkos::DefaultExecutionSpace().concurrency();
}

}  // namespace boreas
