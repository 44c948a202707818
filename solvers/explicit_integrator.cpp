#include "solvers/explicit_integrator.hpp"

#include "core/error.hpp"

namespace boreas {

std::vector<std::string> time_scheme_names() {
  return {"forward_euler", "ssp_rk2", "ssp_rk3"};
}

TimeScheme parse_time_scheme(const std::string& name) {
  if (name == "forward_euler") return TimeScheme::forward_euler;
  if (name == "ssp_rk2") return TimeScheme::ssp_rk2;
  if (name == "ssp_rk3") return TimeScheme::ssp_rk3;
  throw InputError("unknown time scheme '" + name + "' (one of: forward_euler, ssp_rk2, ssp_rk3)");
}

std::string time_scheme_name(TimeScheme s) {
  switch (s) {
    case TimeScheme::forward_euler:
      return "forward_euler";
    case TimeScheme::ssp_rk2:
      return "ssp_rk2";
    case TimeScheme::ssp_rk3:
      return "ssp_rk3";
  }
  return "?";
}

int stage_count(TimeScheme s) {
  switch (s) {
    case TimeScheme::forward_euler:
      return 1;
    case TimeScheme::ssp_rk2:
      return 2;
    case TimeScheme::ssp_rk3:
      return 3;
  }
  return 1;
}

ExplicitIntegrator::ExplicitIntegrator(TimeScheme scheme, const Mesh& mesh, int nvar)
    : scheme_(scheme) {
  scratch1_ = mesh.make_field("rk_scratch1", nvar);
  if (scheme == TimeScheme::ssp_rk3) scratch2_ = mesh.make_field("rk_scratch2", nvar);
}

}  // namespace boreas
