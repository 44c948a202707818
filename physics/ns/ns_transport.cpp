#include "physics/ns/ns_transport.hpp"

#include <algorithm>

#include "mesh/field_ops.hpp"

namespace boreas::ns {

Transport::Transport(const ThermalParams* thermal, const TemperatureStart& start,
                     const std::vector<ScalarParams>& scalars) {
  if (thermal) temperature_ = std::make_unique<Temperature>(*thermal, start);
  for (const auto& s : scalars) scalars_.push_back(std::make_unique<AdvectedScalar>(s));
}

void Transport::declare_fields(const Mesh& mesh, Fields& f) {
  mesh_ = &mesh;
  if (temperature_) temperature_->declare_fields(mesh, f);
  for (auto& s : scalars_) s->declare(mesh, f);
  // The files' units and long_name; a passive scalar's units are the user's.
  if (temperature_) {
    f.describe("T", {"temperature", "K"});
    f.describe("ns_history_T", {"Adams-Bashforth history: right-hand side of T at the previous "
                                "step (restart data)",
                                "K s-1"});
  }
  for (const auto& s : scalars_) {
    const std::string& name = s->params().name;
    f.describe(name, {"passive scalar " + name, ""});
    f.describe("ns_history_" + name, {"Adams-Bashforth history: right-hand side of " + name +
                                          " at the previous step (restart data)",
                                      ""});
  }
}

void Transport::declare_diagnostics(Fields& f) {
  if (temperature_) temperature_->declare_diagnostics(f);
  for (const auto& s : scalars_) {
    const AdvectedScalar* c = s.get();
    const std::string& name = c->params().name;
    f.diagnostic(name + "_integral", [this, c](double) {
      return global_stats(*mesh_, c->field(), 0).sum * mesh_->cell_volume();
    });
    f.diagnostic(name + "_min",
                 [this, c](double) { return global_stats(*mesh_, c->field(), 0).min; });
    f.diagnostic(name + "_max",
                 [this, c](double) { return global_stats(*mesh_, c->field(), 0).max; });
  }
}

void Transport::setup() {
  if (temperature_) temperature_->setup();
  for (auto& s : scalars_) s->setup();
}

void Transport::step(const FieldView& vel, const FieldView& H, const Box& buoyancy_faces, double dt,
                     double wa, double wb) {
  if (temperature_) {
    temperature_->scalar().rhs(vel);
    temperature_->add_buoyancy(buoyancy_faces, H);
    temperature_->scalar().advance(dt, wa, wb);
  }
  for (auto& s : scalars_) {
    s->rhs(vel);
    s->advance(dt, wa, wb);
  }
}

void Transport::fill_ghosts() {
  if (temperature_) temperature_->scalar().fill_ghosts();
  for (auto& s : scalars_) s->fill_ghosts();
}

void Transport::initialized_from_file() {
  if (temperature_) temperature_->set_from_file();
  fill_ghosts();
}

double Transport::max_explicit_diffusivity() const {
  double d = 0.0;
  if (temperature_ && !temperature_->scalar().implicit()) {
    d = temperature_->scalar().params().diffusivity;
  }
  for (const auto& s : scalars_) {
    if (!s->implicit()) d = std::max(d, s->params().diffusivity);
  }
  return d;
}

double Transport::implicit_temperature_buoyancy(int* axis) const {
  if (!temperature_ || !temperature_->scalar().implicit()) return -1.0;
  *axis = temperature_->axis();
  return temperature_->max_buoyancy();
}

int Transport::diffusion_iterations() const {
  int n = 0;
  if (temperature_) n += temperature_->scalar().iterations();
  for (const auto& s : scalars_) n += s->iterations();
  return n;
}

}  // namespace boreas::ns
