#include "physics/pipeline/run_keys.hpp"

#include "mesh/mesh_keys.hpp"

namespace boreas::pipeline {

void declare_run_keys(io::Schema& s) {
  s.add("run.app", io::KeyType::string)
      .require()
      .one_of(app_names())
      .fixed()
      .describe("physics app to run");
  s.add("run.name", io::KeyType::string)
      .maybe()
      .file_name()
      .describe(
          "run name (names the checkpoints and output series); default: the deck's file "
          "name without .toml");
  s.add("run.output_dir", io::KeyType::string)
      .maybe()
      .describe("output folder; default ./<run.name> (--output overrides)");
  s.add("run.init", io::KeyType::string)
      .maybe()
      .describe(
          "start from this checkpoint or snapshot of the same app on another mesh of the same "
          "domain: the state interpolated to this mesh (conservative for cell values, "
          "consistent for face velocities; ns projects), t = 0, step 0; a path relative to the "
          "working directory, like run.output_dir; --init overrides; not read on --restart");
  s.add("run.t_end", io::KeyType::real).maybe().above(0).units("s").describe("simulated end time");
  s.add("run.max_steps", io::KeyType::integer)
      .maybe()
      .at_least(0)
      .describe("stop after this many steps");
  s.add("run.cfl", io::KeyType::real)
      .def("0.9")
      .above(0)
      .at_most(1)
      .describe("fraction of the app's stable time step to use");
  s.add("run.dt", io::KeyType::real)
      .maybe()
      .above(0)
      .units("s")
      .describe(
          "fixed time step instead of run.cfl x the app's stable step (implicit schemes need it)");
  s.add("run.wall_time_limit", io::KeyType::string)
      .maybe()
      .describe(
          "wall time \"HH:MM:SS\" this run may use; it stops early (exit 3) leaving a checkpoint "
          "that --restart latest resumes (--time-limit overrides)");
  s.add("run.stop_when_steady", io::KeyType::real)
      .maybe()
      .above(0)
      .units("1/s")
      .describe(
          "end the run (exit 0, with a final checkpoint) at the first diagnostics row whose "
          "steady_residual (the relative change of the state per unit time) is below this");
  s.add("run.log_every", io::KeyType::integer)
      .def("10")
      .at_least(1)
      .describe("steps between progress lines (there is one at least every 30 s of wall time)");
  s.add("run.check_every", io::KeyType::integer)
      .def("10")
      .at_least(1)
      .describe(
          "steps between NaN/inf checks; a failed check writes the last checked state as a "
          "checkpoint");
  s.add("parallel.gpu_aware_mpi", io::KeyType::boolean)
      .maybe()
      .describe(
          "halo messages on a GPU build: true hands device buffers to MPI (needs a CUDA/ROCm-aware "
          "MPI), false stages them through host memory; unset: detect at run time (Open MPI's MPIX "
          "query; other MPIs count as not GPU-aware)");
}

void declare_output_keys(io::Schema& s) {
  s.add("output.diagnostics_every", io::KeyType::integer)
      .def("10")
      .at_least(1)
      .describe("steps between rows of diagnostics.csv");
  s.add("output.checkpoint.every_steps", io::KeyType::integer)
      .def("0")
      .at_least(0)
      .describe("steps between checkpoints (0: off)");
  s.add("output.checkpoint.every_time", io::KeyType::real)
      .def("0.0")
      .at_least(0)
      .units("s")
      .describe("simulated time between checkpoints (0: off)");
  s.add("output.checkpoint.every_minutes", io::KeyType::real)
      .def("0.0")
      .at_least(0)
      .units("min")
      .describe("wall-clock minutes between checkpoints (0: off)");
  s.add("output.checkpoint.keep", io::KeyType::integer)
      .def("3")
      .at_least(1)
      .describe("how many checkpoints to keep (older ones are deleted)");
  s.add("output.checkpoint.at_end", io::KeyType::boolean)
      .def("true")
      .describe("write a checkpoint when the run finishes or stops early");
  for (const char* kind : {"snapshot", "vtk"}) {
    const std::string p = std::string("output.") + kind;
    const std::string what = std::string(kind) == "vtk" ? "VTK (.pvti) outputs" : "HDF5 snapshots";
    s.add(p + ".every_steps", io::KeyType::integer)
        .def("0")
        .at_least(0)
        .describe("steps between " + what + " (0: off)");
    s.add(p + ".every_time", io::KeyType::real)
        .def("0.0")
        .at_least(0)
        .units("s")
        .describe("simulated time between " + what + " (0: off)");
    s.add(p + ".variables", io::KeyType::string_array)
        .def("[]")
        .describe(
            "variables to write: state and derived variables, vectors (= their "
            "components; `boreas list APP` names them); empty: all of them");
  }
}

void declare_sampler_keys(io::Schema& s) {
  s.add("output.probe", io::KeyType::table_array)
      .maybe()
      .length(0, 100)
      .describe(
          "named points sampled during the run ([[output.probe]] sections), each written to "
          "probes/<name>.csv");
  s.add("output.line", io::KeyType::table_array)
      .maybe()
      .length(0, 100)
      .describe(
          "named lines sampled during the run ([[output.line]] sections), each written to "
          "lines/<name>.csv");
  for (const char* kind : {"probe", "line"}) {
    const std::string p = std::string("output.") + kind + "[].";
    const bool line = std::string(kind) == "line";
    s.add(p + "name", io::KeyType::string)
        .require()
        .file_name()
        .describe(std::string("names the ") + kind + " and its file");
    if (line) {
      s.add(p + "start", io::KeyType::real_array)
          .maybe()
          .length(1, 3)
          .describe("first point of the line (with end and points)");
      s.add(p + "end", io::KeyType::real_array)
          .maybe()
          .length(1, 3)
          .describe("last point of the line");
      s.add(p + "points", io::KeyType::integer)
          .maybe()
          .at_least(2)
          .at_most(1000000)
          .describe("number of evenly spaced points from start to end, both included");
      s.add(p + "grid_line", io::KeyType::string)
          .maybe()
          .describe(
              "instead of start/end/points, a whole grid line: \"x = 0.5\" (2D) or \"x = 0.5, z "
              "= 0.25\" (3D): every cell centre along the free axis plus both ends of the "
              "domain");
    } else {
      s.add(p + "point", io::KeyType::real_array)
          .require()
          .length(1, 3)
          .describe("coordinates of the point (one per mesh dimension)");
    }
    s.add(p + "variables", io::KeyType::string_array)
        .def("[]")
        .describe(
            "variables to sample: state or derived variables, or vectors (one column per "
            "component); empty: the state variables");
    const std::string unset =
        line ? "neither set: only the final state (at_end)"
             : "neither set: with every row of diagnostics.csv (output.diagnostics_every)";
    s.add(p + "every_steps", io::KeyType::integer)
        .def("0")
        .at_least(0)
        .describe("steps between samples (0: off; " + unset + ")");
    s.add(p + "every_time", io::KeyType::real)
        .def("0.0")
        .at_least(0)
        .units("s")
        .describe("simulated time between samples; the steps land on these times (0: off)");
    s.add(p + "at_end", io::KeyType::boolean)
        .def("true")
        .describe("also sample the final state of a run that finishes (or stops when steady)");
  }
}

namespace {

std::string problem_names(const AppInfo& app) {
  std::string out;
  for (const auto& p : app.problems) out += (out.empty() ? "" : ", ") + p.name;
  return out;
}

void declare_problem_name(io::Schema& s, const AppInfo& app) {
  std::vector<std::string> names;
  for (const auto& p : app.problems) names.push_back(p.name);
  s.add("problem.name", io::KeyType::string)
      .def("\"" + app.problems.front().name + "\"")
      .one_of(names)
      .fixed()
      .describe(
          "the problem to set up: its initial state, and any boundary data, sources or exact "
          "solution it brings (`boreas list " +
          app.name + "` shows each problem's keys)");
}

}  // namespace

io::Schema deck_schema(const AppInfo* app, const ProblemInfo* problem) {
  io::Schema s;
  declare_run_keys(s);
  declare_output_keys(s);
  declare_sampler_keys(s);
  declare_mesh_keys(s);
  declare_boundary_keys(s);
  if (app) {
    app->declare_keys(s);
    if (!app->problems.empty()) declare_problem_name(s, *app);
    if (problem) problem->declare_keys(s);
  }
  return s;
}

std::string deck_reference_markdown() {
  std::string md =
      "# Deck reference\n\n"
      "Generated by `boreas list --markdown` from the schemas in the code; a test fails if this\n"
      "file is stale. Regenerate with `build/release/bin/boreas list --markdown > "
      "docs/deck-reference.md`.\n\n"
      "## Keys shared by every app\n\n";
  md += deck_schema(nullptr, nullptr).markdown();
  for (const auto& app : app_registry()) {
    io::Schema s;
    app.declare_keys(s);
    md += "\n## App `" + app.name + "`: " + app.summary + "\n\n";
    md += s.markdown();
    if (!app.boundary_values.empty()) {
      md += "\nWhat `boundary.<face>_value` means for `" + app.name + "`:\n\n";
      for (const auto& [type, meaning] : app.boundary_values)
        md += "* `" + type + "`: " + meaning + "\n";
    }
    if (!app.output_variables.empty()) {
      md += "\nOutput variables of `" + app.name + "` (`output.*.variables`, `boreas sample`):\n\n";
      for (const auto& [name, meaning] : app.output_variables)
        md += "* `" + name + "`: " + meaning + "\n";
    }
    if (app.problems.empty()) continue;
    md += "\n### Problems of `" + app.name + "` (`[problem] name`, default `" +
          app.problems.front().name + "`)\n";
    for (const auto& p : app.problems) {
      io::Schema ps;
      p.declare_keys(ps);
      md += "\n#### `" + p.name + "`: " + p.summary + "\n\n";
      md += ps.keys().empty() ? std::string("No keys.\n") : ps.markdown();
    }
  }
  return md;
}

std::string app_reference_text(const AppInfo& app) {
  io::Schema s;
  app.declare_keys(s);
  std::string out = app.name + ": " + app.summary + "\n\n" + s.text();
  if (!app.boundary_values.empty()) {
    out += "\nboundary.<face>_value by boundary type:\n";
    for (const auto& [type, meaning] : app.boundary_values)
      out += "  " + type + ": " + meaning + "\n";
  }
  if (!app.output_variables.empty()) {
    out += "\nOutput variables (output.*.variables, boreas sample):\n";
    for (const auto& [name, meaning] : app.output_variables)
      out += "  " + name + ": " + meaning + "\n";
  }
  if (app.problems.empty()) return out;
  out += "\nProblems ([problem] name = ...; default " + app.problems.front().name +
         "): " + problem_names(app) + "\n";
  for (const auto& p : app.problems) {
    io::Schema ps;
    p.declare_keys(ps);
    out += "\n  " + p.name + ": " + p.summary + "\n";
    if (!ps.keys().empty()) out += ps.text();
  }
  return out;
}

}  // namespace boreas::pipeline
