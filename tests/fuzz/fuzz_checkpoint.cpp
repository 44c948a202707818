// libFuzzer harness over checkpoints (docs/developer-guide.md, "Fuzzing").
//
// At start-up the harness sets up a small decay run (2D, 6 x 5 cells) as
// `boreas run DECK --restart FILE` does, and writes a reference checkpoint
// for it with io::write_state_file: known field values with irregular bit
// patterns, time, step, the resolved deck and two restart scalars. The
// reference is the seed (scripts/fuzz asks for it with
// BOREAS_FUZZ_WRITE_SEED=PATH); nothing binary is committed.
//
// Each input is written to a file and read the way a restart from an
// explicit file reads it (physics/pipeline/restart.cpp):
//   1. io::verify_state_file: a reason means "refused" (InputError, exit 2);
//   2. io::read_state_header;
//   3. pipeline::check_restart_compatible against the run's deck, app and
//      fields: an InputError means "refused" (exit 2);
//   4. io::read_state_fields into the run's restart variables.
// Property: the input is refused with exit 2, or what was read (time, step,
// deck, scalars, every field value) is bit for bit the reference state.
// Findings (abort, so libFuzzer keeps the input): a state accepted that
// differs from the reference; an error a restart would turn into another
// exit code than 2 (a boreas::Error with another code, or any other
// exception, which the driver reports as an internal error, exit 1); a
// crash, a sanitizer report, a hang (libFuzzer's -timeout) or an
// allocation over libFuzzer's -malloc_limit_mb.
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/context.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "io/fields.hpp"
#include "io/output/block.hpp"
#include "io/output/state_file.hpp"
#include "physics/pipeline/restart.hpp"
#include "physics/pipeline/simulation.hpp"
#include "tests/fuzz/fuzz_context.hpp"

namespace {

namespace io = boreas::io;
namespace pipeline = boreas::pipeline;

// The run the checkpoints belong to. Any app would do; decay is the
// smallest, and a 2D mesh with unequal sides catches transposed reads.
const char* const kDeck = R"(
[run]
app = "decay"
name = "fuzz"
max_steps = 2

[mesh]
cells = [6, 5]
lower = [0.0, -1.0]
upper = [1.5, 2.0]

[physics]
kappa = 0.5
tau = 0.2
)";

// Host copies of the variables, x fastest, one rank holding the whole mesh.
class HostFields final : public io::FieldAccess {
 public:
  HostFields(std::vector<std::string> names, const io::BlockGeometry& block)
      : names_(std::move(names)),
        plane_(block.plane_size()),
        values_(names_.size(), std::vector<double>(static_cast<std::size_t>(block.local_count()))) {
  }
  const std::vector<std::string>& names() const override { return names_; }
  void read(std::size_t v, long long p0, long long p1, double* out) const override {
    std::memcpy(out, values_[v].data() + p0 * plane_, (p1 - p0) * plane_ * sizeof(double));
  }
  void write(std::size_t v, long long p0, long long p1, const double* in) const override {
    std::memcpy(values_[v].data() + p0 * plane_, in, (p1 - p0) * plane_ * sizeof(double));
  }
  std::vector<std::vector<double>>& values() { return values_; }
  const std::vector<std::vector<double>>& values() const { return values_; }

 private:
  std::vector<std::string> names_;
  long long plane_;
  mutable std::vector<std::vector<double>> values_;
};

struct Harness {
  boreas::Context* ctx = nullptr;
  std::unique_ptr<pipeline::Simulation> sim;
  io::BlockGeometry block;
  io::StateHeader reference;
  std::unique_ptr<HostFields> written;  // the reference's field values
  std::unique_ptr<HostFields> read;     // where inputs are read into
  std::string dir;                      // private temporary folder
  std::string input;                    // each input is written here
};
Harness* g = nullptr;

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "\nfuzz_checkpoint: FINDING: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// Irregular bit patterns, different per variable and cell: every exponent
// range, both signs, a negative zero and a subnormal among them.
double reference_value(std::size_t var, std::size_t cell) {
  if (var == 0 && cell == 3) return -0.0;
  if (var == 0 && cell == 7) return std::ldexp(1.0, -1070);
  const std::uint64_t h = (var + 1) * 0x9E3779B97F4A7C15ull ^ (cell + 1) * 0xBF58476D1CE4E5B9ull;
  const double mantissa = 1.0 + static_cast<double>(h >> 11) * 0x1p-53;
  const int exponent = static_cast<int>((h >> 3) % 64) - 32;
  return ((h & 1) ? -1.0 : 1.0) * std::ldexp(mantissa, exponent);
}

void write_file(const std::string& path, const std::uint8_t* data, std::size_t size) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || (size > 0 && std::fwrite(data, 1, size, f) != size) || std::fclose(f) != 0) {
    std::fprintf(stderr, "fuzz_checkpoint: cannot write %s\n", path.c_str());
    std::exit(1);
  }
}

// What the restart of an accepted file takes from it must be the
// reference: time, step, deck, scalars and every field value.
void compare_with_reference(const io::StateHeader& h, const HostFields& got) {
  const io::StateHeader& r = g->reference;
  if (!same_bits(h.time, r.time)) {
    finding("accepted with time " + std::to_string(h.time) + " instead of " +
            std::to_string(r.time));
  }
  if (h.step != r.step) {
    finding("accepted with step " + std::to_string(h.step) + " instead of " +
            std::to_string(r.step));
  }
  if (h.deck != r.deck) finding("accepted with a different embedded deck:\n" + h.deck);
  // A restart restores scalars by name and keeps the app's own value for a
  // missing one: a missing, renamed or changed scalar is a different state.
  for (const auto& [name, value] : r.scalars) {
    bool found = false;
    for (const auto& [n, v] : h.scalars) {
      if (n != name) continue;
      if (found) finding("accepted with scalar '" + name + "' twice");
      found = true;
      if (!same_bits(v, value)) {
        finding("accepted with scalar '" + name + "' = " + std::to_string(v) + " instead of " +
                std::to_string(value));
      }
    }
    if (!found) finding("accepted without scalar '" + name + "'");
  }
  for (std::size_t v = 0; v < got.names().size(); ++v) {
    const auto& a = got.values()[v];
    const auto& b = g->written->values()[v];
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same_bits(a[i], b[i])) {
        finding("accepted with field '" + got.names()[v] + "' cell " + std::to_string(i) + " = " +
                std::to_string(a[i]) + " instead of " + std::to_string(b[i]));
      }
    }
  }
}

// A boreas::Error leaves a restart with its exit code; the driver turns
// any other exception into an internal error, exit 1.
[[noreturn]] void unexpected(const std::string& step) {
  try {
    throw;
  } catch (const boreas::Error& e) {
    finding(step + " threw an error with exit code " + std::to_string(static_cast<int>(e.code())) +
            " instead of refusing the file with exit 2: " + e.what());
  } catch (const std::exception& e) {
    finding(step + " threw a non-Boreas exception (exit 1, internal error): " + e.what());
  } catch (...) {
    finding(step + " threw something that is not a std::exception");
  }
}

bool is_input_error() {
  try {
    throw;
  } catch (const boreas::Error& e) {
    return e.code() == boreas::ExitCode::bad_input;
  } catch (...) {
    return false;
  }
}

// Reads `path` as `--restart path` does. Returns false if it is refused
// with exit 2; true if it is accepted (and then it is the reference).
bool restart_from(const std::string& path) {
  const boreas::Context& ctx = *g->ctx;
  std::string why;
  try {
    why = io::verify_state_file(ctx, path);
  } catch (...) {
    if (is_input_error()) return false;
    unexpected("verify_state_file");
  }
  if (!why.empty()) return false;  // "--restart FILE: refused: <why>", exit 2

  pipeline::RestartPoint rp;
  rp.path = path;
  try {
    rp.header = io::read_state_header(ctx, path);
  } catch (...) {
    if (is_input_error()) return false;
    unexpected("read_state_header, after verify_state_file accepted the file");
  }
  try {
    pipeline::check_restart_compatible(rp, g->sim->deck(), g->sim->app_info().name,
                                       g->sim->fields());
  } catch (...) {
    if (is_input_error()) return false;
    unexpected("check_restart_compatible");
  }

  // Fresh poison in the buffers, so nothing of an earlier input counts.
  for (auto& var : g->read->values()) var.assign(var.size(), std::nan("0x5bad"));
  try {
    io::read_state_fields(ctx, g->block, path, *g->read);
  } catch (...) {
    if (is_input_error()) return false;
    unexpected("read_state_fields, after verify_state_file accepted the file");
  }
  compare_with_reference(rp.header, *g->read);
  return true;
}

void set_up(const char* argv0) {
  g = new Harness;
  g->ctx = &boreas::fuzz::context(argv0);

  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/boreas-fuzz-checkpoint-XXXXXX";
  if (!::mkdtemp(tmpl.data())) {
    std::perror("fuzz_checkpoint: mkdtemp");
    std::exit(1);
  }
  g->dir = tmpl;
  g->input = g->dir + "/input.h5";
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(g->dir, ec);
  });

  pipeline::RunOptions options;
  options.deck = "fuzz_checkpoint.toml";
  options.deck_text = kDeck;
  options.write_files = false;
  g->sim = std::make_unique<pipeline::Simulation>(*g->ctx, options);
  g->sim->initialize();
  g->block = io::block_geometry(g->sim->mesh());

  std::vector<std::string> names;
  for (const auto& v : g->sim->fields().variables(boreas::kRestart)) names.push_back(v.name);
  g->written = std::make_unique<HostFields>(names, g->block);
  g->read = std::make_unique<HostFields>(names, g->block);
  for (std::size_t v = 0; v < names.size(); ++v) {
    auto& values = g->written->values()[v];
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = reference_value(v, i);
  }

  io::StateHeader& h = g->reference;
  h.time = 0.0375;
  h.step = 12;
  h.deck = g->sim->deck().resolved_toml();
  h.app = g->sim->app_info().name;
  h.boreas_version = BOREAS_VERSION_STRING;
  h.scalars = {{"fuzz_dt_old", 1.0 / 3.0}, {"fuzz_have_history", 1.0}};
  const std::string reference_path = g->dir + "/reference.h5";
  io::write_state_file(*g->ctx, g->block, reference_path, h, *g->written);

  // The harness itself must accept the file it wrote, as the reference.
  if (!restart_from(reference_path)) {
    std::fprintf(stderr, "fuzz_checkpoint: the reference checkpoint is refused; harness broken\n");
    std::exit(1);
  }
  if (const char* out = std::getenv("BOREAS_FUZZ_WRITE_SEED"); out && *out) {
    std::error_code ec;
    std::filesystem::copy_file(reference_path, out,
                               std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) {
      std::fprintf(stderr, "fuzz_checkpoint: cannot write %s: %s\n", out, ec.message().c_str());
      std::exit(1);
    }
    std::printf("fuzz_checkpoint: reference checkpoint written to %s (%ju bytes)\n", out,
                static_cast<std::uintmax_t>(std::filesystem::file_size(out)));
    std::exit(0);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  (void)argc;
  set_up((*argv)[0]);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  write_file(g->input, data, size);
  restart_from(g->input);
  return 0;
}
