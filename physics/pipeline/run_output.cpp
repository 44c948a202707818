#include "physics/pipeline/run_output.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/log.hpp"

namespace boreas::pipeline {

namespace fs = std::filesystem;

RunOutput::RunOutput(const Context& ctx, std::string dir, bool append)
    : ctx_(ctx), dir_(std::move(dir)), append_(append) {
  make_directories(ctx_, dir_, "output folder");
  if (ctx_.is_root() && !append_) std::remove(path("log.txt").c_str());
  log::tee_to(path("log.txt"));
}

RunOutput::~RunOutput() {
  log::tee_to("");
}

void RunOutput::write_text_file(const std::string& name, const std::string& text) const {
  if (!ctx_.is_root()) return;
  // Write-then-rename: a reader never sees half a file.
  const std::string final_path = path(name);
  const std::string tmp = final_path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw RuntimeError("cannot write '" + tmp + "'");
  }
  std::error_code ec;
  fs::rename(tmp, final_path, ec);
  if (ec) throw RuntimeError("cannot rename '" + tmp + "': " + ec.message());
}

void RunOutput::begin_diagnostics(const std::vector<std::string>& names,
                                  long long keep_up_to_step) {
  if (!ctx_.is_root()) return;
  const std::string p = path("diagnostics.csv");
  std::string kept;
  if (keep_up_to_step >= 0) {
    std::ifstream in(p);
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
      if (header || std::atoll(line.c_str()) <= keep_up_to_step) kept += line + "\n";
      header = false;
    }
  }
  diagnostics_ = std::make_unique<std::ofstream>(p, std::ios::trunc);
  if (!*diagnostics_) throw RuntimeError("cannot open '" + p + "' for writing");
  if (kept.empty()) {
    *diagnostics_ << "step,time,dt";
    for (const auto& n : names) *diagnostics_ << ',' << n;
    *diagnostics_ << '\n';
  } else {
    *diagnostics_ << kept;
  }
  *diagnostics_ << std::flush;
}

void RunOutput::append_diagnostics(long long step, double t, double dt,
                                   const std::vector<double>& values) {
  if (!ctx_.is_root() || !diagnostics_) return;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lld,%.17g,%.17g", step, t, dt);
  *diagnostics_ << buf;
  for (double v : values) {
    std::snprintf(buf, sizeof buf, ",%.17g", v);
    *diagnostics_ << buf;
  }
  *diagnostics_ << '\n' << std::flush;
}

void RunOutput::write_json(const std::string& name, const Json& j) const {
  write_text_file(name, j.dump() + "\n");
}

}  // namespace boreas::pipeline
