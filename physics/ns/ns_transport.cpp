#include "physics/ns/ns_transport.hpp"

#include <algorithm>

#include "mesh/field_ops.hpp"

namespace boreas::ns {

Transport::Transport(const Mesh& mesh, const ThermalParams* thermal,
                     const std::vector<ScalarParams>& scalars)
    : mesh_(mesh) {
  if (thermal) temperature_ = std::make_unique<Temperature>(mesh, *thermal);
  for (const auto& s : scalars) scalars_.push_back(std::make_unique<AdvectedScalar>(mesh, s));
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

double Transport::max_diffusivity() const {
  double d = 0.0;
  if (temperature_) d = temperature_->scalar().params().diffusivity;
  for (const auto& s : scalars_) d = std::max(d, s->params().diffusivity);
  return d;
}

std::vector<std::string> Transport::diagnostic_names() const {
  std::vector<std::string> n;
  if (temperature_) n = temperature_->diagnostic_names();
  for (const auto& s : scalars_) {
    for (const char* what : {"_integral", "_min", "_max"}) n.push_back(s->params().name + what);
  }
  return n;
}

std::vector<double> Transport::diagnostics() const {
  std::vector<double> v;
  if (temperature_) v = temperature_->diagnostics();
  for (const auto& s : scalars_) {
    const FieldStats st = global_stats(mesh_, s->field(), 0);
    v.push_back(st.sum * mesh_.cell_volume());
    v.push_back(st.min);
    v.push_back(st.max);
  }
  return v;
}

void Transport::append_state(std::vector<StateVariable>& state) const {
  if (temperature_) state.push_back({"T", temperature_->field(), 0});
  for (const auto& s : scalars_) state.push_back({s->params().name, s->field(), 0});
}

void Transport::append_history(std::vector<StateVariable>& state) const {
  if (temperature_) state.push_back({"ns_history_T", temperature_->scalar().history(), 0});
  for (const auto& s : scalars_) state.push_back({"ns_history_" + s->params().name, s->history(), 0});
}

}  // namespace boreas::ns
