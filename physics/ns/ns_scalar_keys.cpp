// Deck keys of the ns app's passive scalars (physics.scalars,
// physics.scalar_*, physics.scalar_bc.<face>) and the ScalarParams built
// from their per-scalar arrays.
#include <set>
#include <string>

#include "physics/ns/ns_parameters.hpp"

namespace boreas::ns {
namespace {

// Names the app declares besides the scalars' (fields and diagnostics); a
// scalar and its diagnostics <name>_integral, _min, _max must avoid them.
std::set<std::string> reserved_names() {
  std::set<std::string> n = {"u",
                             "v",
                             "w",
                             "p",
                             "T",
                             "phi",
                             "kinetic_energy",
                             "max_div",
                             "max_div_scaled",
                             "max_div_scaled_run",
                             "pressure_iterations",
                             "pressure_residual",
                             "velocity_error",
                             "kinetic_energy_mean",
                             "dissipation_rate",
                             "flux_in",
                             "flux_out",
                             "viscous_iterations",
                             "scalar_diffusion_iterations",
                             "T_min",
                             "T_max",
                             "velocity",
                             "velocity_x",
                             "velocity_y",
                             "velocity_z",
                             "speed",
                             "vorticity",
                             "vorticity_x",
                             "vorticity_y",
                             "vorticity_z"};
  for (const char* axis : {"x", "y", "z"}) {
    for (const char* side : {"_lower", "_upper"}) n.insert(std::string("Nu_") + axis + side);
  }
  return n;
}

// Entry s of a per-scalar array: one entry per scalar, or one for all. A
// wrong length was reported already; entry 0 (or T{}) stands in then.
template <class T>
T entry(const std::vector<T>& a, size_t s) {
  if (a.empty()) return T{};
  return a.size() == 1 || s >= a.size() ? a[0] : a[s];
}

template <class T>
void check_length(const std::vector<T>& a, size_t n, const std::string& key,
                  io::DeckProblems& problems) {
  if (a.size() == 1 || a.size() == n) return;
  problems.add({key, "physics.scalars"}, "ns: " + key + " has " + std::to_string(a.size()) +
                                             " entries; physics.scalars has " + std::to_string(n) +
                                             " (give one per scalar, or one for all)");
}

}  // namespace

void scalar_keys(io::Keys<ScalarInput> k) {
  using S = ScalarInput;
  k.strings("physics.scalars", &S::names)
      .def("[]")
      .describe(
          "names of passive scalars advected by the flow (state variables); each physics.scalar_* "
          "array has one entry per scalar or one for all");
  k.reals("physics.scalar_diffusivity", &S::diffusivity)
      .def("[0.0]")
      .units("m^2/s")
      .describe("diffusivity of each scalar");
  k.strings("physics.scalar_init", &S::init)
      .def("[\"uniform\"]")
      .one_of({"uniform", "linear", "mode"})
      .describe(
          "initial scalar: scalar_value; linear between the fixed faces normal to scalar_axis; or "
          "scalar_value + scalar_amplitude prod_d cos(pi scalar_mode[d] s_d), s_d = (x_d - "
          "lower_d)/L_d");
  k.reals("physics.scalar_value", &S::value)
      .def("[0.0]")
      .describe("uniform initial value (base of the mode)");
  k.reals("physics.scalar_amplitude", &S::amplitude)
      .def("[0.0]")
      .describe("amplitude of the cosine mode (scalar_init = \"mode\")");
  k.integers("physics.scalar_mode", &S::mode)
      .def("[1, 0, 0]")
      .length(1, 3)
      .at_least(0)
      .describe(
          "mode numbers m_d of the cosine initial state (all scalars); even m_d for periodic "
          "directions");
  k.choice("physics.scalar_axis", &S::axis, {{"x", 0}, {"y", 1}, {"z", 2}})
      .def("\"y\"")
      .describe("direction of the linear initial state (all scalars)");
  per_face_keys(k.sub(&S::bc), [](io::Keys<ScalarFaceInput> kf, const std::string& face) {
    kf.strings("physics.scalar_bc." + face, &ScalarFaceInput::type)
        .def("[\"zero_flux\"]")
        .one_of({"zero_flux", "fixed"})
        .describe(
            "each scalar's condition on this (non-periodic) face: zero flux, or the value below");
    kf.reals("physics.scalar_bc." + face + "_value", &ScalarFaceInput::value)
        .def("[0.0]")
        .describe("each scalar's value on a fixed face");
  });
}

std::vector<ScalarParams> scalars_from_input(const ScalarInput& in, double upwind,
                                             io::DeckProblems& problems) {
  const size_t n = in.names.size();
  std::vector<ScalarParams> out;
  if (n == 0) return out;
  check_length(in.diffusivity, n, "physics.scalar_diffusivity", problems);
  check_length(in.init, n, "physics.scalar_init", problems);
  check_length(in.value, n, "physics.scalar_value", problems);
  bool any_mode = false;
  for (size_t s = 0; s < n; ++s) any_mode = any_mode || entry(in.init, s) == "mode";
  if (any_mode) check_length(in.amplitude, n, "physics.scalar_amplitude", problems);
  for (int f = 0; f < 6; ++f) {
    const std::string key = std::string("physics.scalar_bc.") + face_key_name(f);
    check_length(in.bc[f].type, n, key, problems);
    check_length(in.bc[f].value, n, key + "_value", problems);
  }
  std::set<std::string> taken = reserved_names();
  const int axis = in.axis;
  for (size_t s = 0; s < n; ++s) {
    const std::string& name = in.names[s];
    bool clash = name.empty() || name.rfind("ns_", 0) == 0 || !taken.insert(name).second;
    for (const char* what : {"_integral", "_min", "_max"})
      clash = !taken.insert(name + what).second || clash;
    if (clash) {  // reported, and left out (its fields would clash with another's)
      problems.add({"physics.scalars"},
                   "ns: physics.scalars entry '" + name +
                       "' is empty or repeats another variable or diagnostic name (u, v, w, p, T, "
                       "phi, ns_*, the app's diagnostics, the scalars and their _integral, _min, "
                       "_max)");
      continue;
    }
    ScalarParams p;
    p.name = name;
    p.upwind = upwind;
    p.diffusivity = entry(in.diffusivity, s);
    if (p.diffusivity < 0) {
      problems.add({"physics.scalar_diffusivity"}, "ns: physics.scalar_diffusivity must be >= 0");
    }
    for (int f = 0; f < 6; ++f) {
      p.wall[f] = entry(in.bc[f].type, s) == "fixed" ? ScalarWall::fixed : ScalarWall::zero_flux;
      p.value[f] = entry(in.bc[f].value, s);
    }
    const std::string how = entry(in.init, s);
    ScalarInit& init = p.init;
    init.value = entry(in.value, s);
    init.amplitude = how == "mode" ? entry(in.amplitude, s) : 0.0;
    init.shape = ScalarInit::Shape::cosine_mode;
    for (size_t d = 0; d < 3; ++d)
      init.mode[d] = d < in.mode.size() ? static_cast<int>(in.mode[d]) : 0;
    if (how == "linear") {
      if (p.wall[2 * axis] != ScalarWall::fixed || p.wall[2 * axis + 1] != ScalarWall::fixed) {
        problems.add({"physics.scalar_init", "physics.scalar_axis",
                      std::string("physics.scalar_bc.") + face_key_name(2 * axis),
                      std::string("physics.scalar_bc.") + face_key_name(2 * axis + 1)},
                     "ns: scalar '" + p.name +
                         "': physics.scalar_init = \"linear\" needs physics.scalar_bc faces normal "
                         "to physics.scalar_axis = \"fixed\"");
      }
      init.base = ScalarInit::Base::linear;
      init.axis = axis;
      init.lo = p.value[2 * axis];
      init.hi = p.value[2 * axis + 1];
    }
    out.push_back(p);
  }
  return out;
}

}  // namespace boreas::ns
