// boreas: the command-line driver. It parses arguments, runs one subcommand
// and turns errors into the exit codes of docs/architecture.md. No numerics
// here, and no Kokkos: this file is host-only code.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "apps/driver/commands.hpp"
#include "apps/driver/submit.hpp"
#ifdef BOREAS_HAVE_BENCH
#include "bench/bench.hpp"
#endif
#include "core/context.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/signals.hpp"
#include "core/version.hpp"

namespace {

// An option given as '' is an error, not the same as leaving it out.
const CLI::Validator kNotEmpty(
    [](const std::string& v) {
      return v.empty() ? std::string("must not be empty") : std::string();
    },
    "", "not empty");

int dispatch(const boreas::Context& ctx, int argc, char** argv) {
  using namespace boreas::driver;
  CLI::App cli{"Boreas: structured-grid CFD and climate dynamics on Kokkos + MPI"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", BOREAS_VERSION_STRING);

  RunOptions run;
  auto* run_cmd = cli.add_subcommand("run", "run a deck");
  run_cmd->add_option("deck", run.deck, "TOML input deck")->required();
  run_cmd->add_option("overrides", run.overrides, "key=value overrides, e.g. mesh.cells=[64,64]");
  run_cmd->add_option("-o,--output", run.output_dir, "output folder (overrides run.output_dir)")
      ->check(kNotEmpty);
  run_cmd->add_option("--restart", run.restart, "restart from 'latest' or a checkpoint file")
      ->check(kNotEmpty);
  run_cmd
      ->add_option("--init", run.init,
                   "start from a checkpoint or snapshot of the same app on another mesh "
                   "(interpolated; t = 0; overrides run.init; not with --restart)")
      ->check(kNotEmpty);
  run_cmd->add_option("--time-limit", run.time_limit,
                      "wall time HH:MM:SS: stop early with a checkpoint and exit 3 (overrides "
                      "run.wall_time_limit)");

  std::string check_deck;
  std::vector<std::string> check_overrides;
  auto* check_cmd = cli.add_subcommand("check", "validate a deck and print it resolved");
  check_cmd->add_option("deck", check_deck, "TOML input deck")->required();
  check_cmd->add_option("overrides", check_overrides, "key=value overrides");

  std::string list_app;
  bool list_markdown = false;
  auto* list_cmd = cli.add_subcommand("list", "list apps and their deck keys");
  list_cmd->add_option("app", list_app, "app whose keys to list");
  list_cmd->add_flag("--markdown", list_markdown, "print the full deck reference as Markdown");

  bool info_json = false;
  auto* info_cmd = cli.add_subcommand("info", "build, backend, MPI and rank/thread binding");
  info_cmd->add_flag("--json", info_json, "machine-readable output");

#ifdef BOREAS_HAVE_BENCH
  std::string bench_name;
  bool bench_json = false;
  auto* bench_cmd = cli.add_subcommand("bench", "benchmarks: " + boreas::bench::names());
  bench_cmd->add_option("name", bench_name, "benchmark")->required();
  bench_cmd->add_flag("--json", bench_json, "print JSON only");
  int bench_cells = 0;
  bench_cmd
      ->add_option("--cells", bench_cells,
                   "cells per direction (poisson, ns: default 128; shallow_water: 1024)")
      ->check(CLI::Range(8, 4096));
  int bench_steps = 0;
  bench_cmd->add_option("--steps", bench_steps, "timed steps (ns, shallow_water; default 10)")
      ->check(CLI::Range(1, 1000000));
#else
  // Built with -DBOREAS_BENCH=OFF: `bench` says so instead of a parse error.
  auto* bench_cmd = cli.add_subcommand("bench", "benchmarks (not in this build: BOREAS_BENCH=OFF)");
  bench_cmd->allow_extras();
#endif

  SampleOptions smp;
  auto* sample_cmd = cli.add_subcommand(
      "sample", "values of a checkpoint's or snapshot's variables at points and along lines (CSV)");
  sample_cmd->add_option("file", smp.file, "checkpoint or snapshot (.h5)")->required();
  sample_cmd->add_option("--point", smp.points, "a point X,Y[,Z] (repeatable)");
  sample_cmd->add_option("--line", smp.lines,
                         "a line START:END:N (e.g. 0.5,0:0.5,1:65), or a grid line AXIS=VALUE "
                         "(e.g. x=0.5: the cell centres along y and both walls); repeatable");
  sample_cmd
      ->add_option("--variables", smp.variables,
                   "variables: state, derived (speed, ...) or vectors (default: the state ones)")
      ->delimiter(',');
  sample_cmd->add_option("-o,--output", smp.output, "CSV file (default: stdout)")->check(kNotEmpty);

  SubmitOptions sub;
  auto* submit_cmd =
      cli.add_subcommand("submit", "write a Slurm batch script for a deck and sbatch it");
  submit_cmd->add_option("deck", sub.deck, "TOML input deck")->required();
  submit_cmd->add_option("overrides", sub.overrides, "key=value overrides passed to `boreas run`");
  submit_cmd->add_option("-o,--output", sub.output_dir, "output folder (overrides run.output_dir)")
      ->check(kNotEmpty);
  submit_cmd
      ->add_option("--init", sub.init,
                   "the first job starts from this file as `boreas run --init` does (resubmitted "
                   "jobs restart from the run's own checkpoints)")
      ->check(kNotEmpty);
  submit_cmd->add_option("--nodes", sub.nodes, "nodes (default 1)")->check(CLI::Range(1, 1000000));
  submit_cmd->add_option("--ntasks-per-node", sub.ntasks_per_node, "MPI ranks per node (default 1)")
      ->check(CLI::Range(1, 100000));
  submit_cmd
      ->add_option("--cpus-per-task", sub.cpus_per_task,
                   "cores = OpenMP threads per rank (default 1)")
      ->check(CLI::Range(1, 100000));
  submit_cmd
      ->add_option("--gpus-per-node", sub.gpus_per_node, "GPUs per node, one per rank (default 0)")
      ->check(CLI::Range(0, 1024));
  submit_cmd->add_option("--time", sub.time, "wall time per job HH:MM:SS (default 01:00:00)");
  submit_cmd->add_option("--partition", sub.partition, "Slurm partition");
  submit_cmd->add_option("--account", sub.account, "Slurm account");
  submit_cmd->add_option("--job-name", sub.job_name, "job name (default: run.name)");
  submit_cmd->add_flag("--dry-run", sub.dry_run, "print the batch script instead of submitting it");
  submit_cmd
      ->add_option("--chain", sub.chain,
                   "resubmit up to N times while the run stops early (exit 3)")
      ->check(CLI::Range(0, 1000));

  try {
    cli.parse(argc, argv);
  } catch (const CLI::Success& e) {
    if (ctx.is_root()) cli.exit(e);
    return 0;
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    if (ctx.is_root()) {
      std::fprintf(stderr, "%s\n", cli.help().c_str());
    }
    throw boreas::InputError("command line: " + msg);
  }

  if (*run_cmd) return run_command(ctx, run);
  if (*check_cmd) return check_command(ctx, check_deck, check_overrides);
  if (*sample_cmd) return sample_command(ctx, smp);
  if (*list_cmd) return list_command(ctx, list_app, list_markdown);
  if (*submit_cmd) return submit_command(ctx, sub);
  if (*info_cmd) return info_command(ctx, info_json);
#ifdef BOREAS_HAVE_BENCH
  if (*bench_cmd)
    return boreas::bench::run(ctx, bench_name, bench_json, "", bench_cells, bench_steps);
#else
  if (*bench_cmd) {
    throw boreas::InputError(
        "this boreas was built without the benchmarks (-DBOREAS_BENCH=OFF); reconfigure with "
        "-DBOREAS_BENCH=ON");
  }
#endif
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  boreas::seconds_since_start();  // the wall-time limit counts from here
  boreas::ignore_write_signals();
  boreas::Context ctx(argc, argv);
  boreas::log::set_rank(ctx.rank());
  std::unique_ptr<boreas::Error> failure;
  int code = 0;
  try {
    code = dispatch(ctx, argc, argv);
  } catch (const boreas::RemoteFailure& e) {
    failure = std::make_unique<boreas::RemoteFailure>(e);
  } catch (const boreas::Error& e) {
    failure = std::make_unique<boreas::Error>(e);
    ctx.announce_failure(e);
  } catch (const std::exception& e) {
    failure = std::make_unique<boreas::RuntimeError>(std::string("internal error: ") + e.what());
    ctx.announce_failure(*failure);
  }
  const int agreed = ctx.agree_on_exit(failure.get());
  const int exit_code = failure || agreed != 0 ? agreed : code;
  if (boreas::Context::finalize_abandoned()) {
    // A half-written parallel HDF5 file is still open: MPI_Finalize (and
    // HDF5's exit hooks) would try to close it again and hang or crash.
    std::fflush(nullptr);
    std::_Exit(exit_code);
  }
  return exit_code;
}
