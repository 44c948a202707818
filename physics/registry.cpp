#include "physics/advection/advection.hpp"
#include "physics/app.hpp"
#include "physics/decay/decay.hpp"
#include "physics/heat/heat.hpp"
#include "physics/ns/ns.hpp"
#include "physics/poisson/poisson.hpp"

namespace boreas {

const std::vector<AppInfo>& app_registry() {
  // Explicit list instead of static self-registration: static libraries drop
  // unreferenced registration objects, and an explicit list reads better.
  static const std::vector<AppInfo> apps = {
      heat::app_info(),       // diffusion, explicit or implicit
      poisson::app_info(),    // elliptic, one solve
      ns::app_info(),         // incompressible Navier-Stokes + Boussinesq
      decay::app_info(),      // the developer guide's minimal app
      advection::app_info(),  // finite volumes (physics/fv)
  };
  return apps;
}

const AppInfo* find_app(const std::string& name) {
  for (const auto& a : app_registry()) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

const ProblemInfo* AppInfo::find_problem(const std::string& name) const {
  for (const auto& p : problems) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::vector<std::string> app_names() {
  std::vector<std::string> names;
  for (const auto& a : app_registry()) names.push_back(a.name);
  return names;
}

}  // namespace boreas
