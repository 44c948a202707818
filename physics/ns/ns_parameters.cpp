#include "physics/ns/ns_parameters.hpp"

#include <cmath>
#include <set>
#include <string>

#include "core/error.hpp"
#include "core/log.hpp"
#include "physics/common/setup.hpp"

namespace boreas::ns {
namespace {

const char* kFaces[6] = {"x_lower", "x_upper", "y_lower", "y_upper", "z_lower", "z_upper"};
constexpr double kDefaultDiffusivity = 0.01;

int axis_index(const std::string& a) {
  return a == "x" ? 0 : a == "y" ? 1 : 2;
}

// Ra and Pr fix nu, kappa and beta_g once a length L (the distance between
// the one pair of isothermal walls), a temperature difference dT (theirs)
// and a time unit are chosen:
//   thermal   : t in L^2/kappa, u in kappa/L:  kappa = L^2, nu = Pr kappa
//   free-fall : t in L/U, U = sqrt(beta_g dT L) = L:
//               nu = L^2 sqrt(Pr/Ra), kappa = L^2 / sqrt(Ra Pr)
// and beta_g = Ra nu kappa / (dT L^3) in both (= L/dT in free-fall units).
void apply_rayleigh_prandtl(const io::Deck& deck, TransportSettings& t) {
  const bool ra = deck.has("physics.Ra"), pr = deck.has("physics.Pr");
  if (!ra && !pr) return;
  if (ra != pr) {
    throw InputError(std::string("ns: physics.Ra and physics.Pr go together; ") +
                     (ra ? "physics.Pr" : "physics.Ra") + " is missing");
  }
  std::string given;
  for (const char* key : {"physics.nu", "physics.kappa", "physics.beta_g"}) {
    if (deck.has(key)) given += std::string(given.empty() ? "" : ", ") + key;
  }
  if (!given.empty()) {
    throw InputError("ns: physics.Ra and physics.Pr derive nu, kappa and beta_g; remove " + given +
                     " from the deck (or drop Ra and Pr)");
  }
  if (!t.boussinesq)
    throw InputError("ns: physics.Ra and physics.Pr need physics.boussinesq = true");
  const MeshSpec spec = mesh_spec_from_deck(deck, 1);
  const ThermalParams& th = t.thermal;
  int pair = -1;
  for (int d = 0; d < spec.dim; ++d) {
    if (spec.periodic[d] || th.wall[2 * d] != "isothermal" || th.wall[2 * d + 1] != "isothermal")
      continue;
    if (th.value[2 * d] == th.value[2 * d + 1]) continue;
    if (pair >= 0) {
      throw InputError(
          "ns: physics.Ra needs exactly one pair of isothermal faces at different temperatures "
          "(physics.thermal.*); found more than one");
    }
    pair = d;
  }
  if (pair < 0) {
    throw InputError(
        "ns: physics.Ra needs a pair of opposite physics.thermal.<face> = \"isothermal\" faces at "
        "different temperatures (they set L and dT)");
  }
  const double L = spec.upper[pair] - spec.lower[pair];
  const double dT = std::fabs(th.value[2 * pair] - th.value[2 * pair + 1]);
  const double Ra = deck.real("physics.Ra"), Pr = deck.real("physics.Pr");
  const std::string units = deck.string("physics.Ra_units");
  double kappa = 0.0;
  if (units == "thermal") {
    kappa = L * L;
    t.nu = Pr * kappa;
  } else {
    t.nu = L * L * std::sqrt(Pr / Ra);
    kappa = L * L / std::sqrt(Ra * Pr);
  }
  t.thermal.kappa = kappa;
  t.thermal.beta_g = Ra * t.nu * kappa / (dT * L * L * L);
  log::info(
      "ns: Ra = {:g}, Pr = {:g} in {} units (L = {:g}, dT = {:g}): nu = {:.6g}, kappa = {:.6g}, "
      "beta_g = {:.6g}",
      Ra, Pr, units, L, dT, t.nu, kappa, t.thermal.beta_g);
}

// A per-scalar array: one entry per scalar, or one entry for all.
template <class T>
T entry(const std::vector<T>& a, size_t s, size_t n, const std::string& key) {
  if (a.size() != 1 && a.size() != n) {
    throw InputError("ns: " + key + " has " + std::to_string(a.size()) +
                     " entries; physics.scalars has " + std::to_string(n) +
                     " (give one per scalar, or one for all)");
  }
  return a.size() == 1 ? a[0] : a[s];
}

std::vector<ScalarParams> scalars_from_deck(const io::Deck& deck, double upwind) {
  const std::vector<std::string> names = deck.strings("physics.scalars");
  const size_t n = names.size();
  std::vector<ScalarParams> out;
  std::set<std::string> seen = {"u", "v", "w", "p", "T"};
  const auto diff = deck.reals("physics.scalar_diffusivity");
  const auto init = deck.strings("physics.scalar_init");
  const auto value = deck.reals("physics.scalar_value");
  const auto amp = deck.reals("physics.scalar_amplitude");
  const auto mode = deck.integers("physics.scalar_mode");
  const int axis = axis_index(deck.string("physics.scalar_axis"));
  for (size_t s = 0; s < n; ++s) {
    if (names[s].empty() || !seen.insert(names[s]).second) {
      throw InputError("ns: physics.scalars entry '" + names[s] +
                       "' is empty or repeats another variable name (u, v, w, p, T, scalars)");
    }
    ScalarParams p;
    p.name = names[s];
    p.upwind = upwind;
    p.diffusivity = entry(diff, s, n, "physics.scalar_diffusivity");
    if (p.diffusivity < 0) throw InputError("ns: physics.scalar_diffusivity must be >= 0");
    for (int f = 0; f < 6; ++f) {
      const std::string key = std::string("physics.scalar_bc.") + kFaces[f];
      p.wall[f] = entry(deck.strings(key), s, n, key) == "fixed" ? ScalarWall::fixed
                                                                 : ScalarWall::zero_flux;
      p.value[f] = entry(deck.reals(key + "_value"), s, n, key + "_value");
    }
    const std::string how = entry(init, s, n, "physics.scalar_init");
    ScalarInit& in = p.init;
    in.value = entry(value, s, n, "physics.scalar_value");
    in.amplitude = how == "mode" ? entry(amp, s, n, "physics.scalar_amplitude") : 0.0;
    in.shape = ScalarInit::Shape::cosine_mode;
    for (size_t d = 0; d < 3; ++d) in.mode[d] = d < mode.size() ? static_cast<int>(mode[d]) : 0;
    if (how == "linear") {
      if (p.wall[2 * axis] != ScalarWall::fixed || p.wall[2 * axis + 1] != ScalarWall::fixed) {
        throw InputError("ns: scalar '" + p.name +
                         "': physics.scalar_init = \"linear\" needs physics.scalar_bc faces normal "
                         "to physics.scalar_axis = \"fixed\"");
      }
      in.base = ScalarInit::Base::linear;
      in.axis = axis;
      in.lo = p.value[2 * axis];
      in.hi = p.value[2 * axis + 1];
    }
    out.push_back(p);
  }
  return out;
}

}  // namespace

void declare_transport_schema(io::Schema& s) {
  s.add("physics.boussinesq", io::KeyType::boolean)
      .def("false")
      .describe(
          "advect and diffuse a temperature T with buoyancy beta_g (T - T0) along "
          "+physics.gravity_axis");
  s.add("physics.kappa", io::KeyType::real)
      .maybe()
      .at_least(0)
      .units("m^2/s")
      .describe(
          "thermal diffusivity (Pr = nu / kappa); default 0.01, or derived from physics.Ra and "
          "physics.Pr");
  s.add("physics.beta_g", io::KeyType::real)
      .maybe()
      .units("m/s^2/K")
      .describe(
          "thermal expansion coefficient times gravity (Ra = beta_g dT L^3 / (nu kappa)); default "
          "0, or derived from physics.Ra and physics.Pr");
  s.add("physics.Ra", io::KeyType::real)
      .maybe()
      .above(0)
      .describe(
          "Rayleigh number beta_g dT L^3 / (nu kappa), L and dT from the one pair of isothermal "
          "walls; with physics.Pr it sets nu, kappa, beta_g (which must then be absent)");
  s.add("physics.Pr", io::KeyType::real)
      .maybe()
      .above(0)
      .describe("Prandtl number nu / kappa (with physics.Ra)");
  s.add("physics.Ra_units", io::KeyType::string)
      .def("\"thermal\"")
      .one_of({"thermal", "free-fall"})
      .describe(
          "units of the Ra/Pr parametrisation: thermal (time L^2/kappa, velocity kappa/L) or "
          "free-fall (time L/U, U = sqrt(beta_g dT L))");
  s.add("physics.T0", io::KeyType::real)
      .def("0.0")
      .units("K")
      .describe("reference temperature of the buoyancy term");
  s.add("physics.gravity_axis", io::KeyType::string)
      .def("\"y\"")
      .one_of({"x", "y", "z"})
      .describe("buoyancy acts along +axis (gravity along -axis)");
  s.add("physics.T_init", io::KeyType::string)
      .def("\"uniform\"")
      .one_of({"uniform", "conduction"})
      .describe("initial T: T0, or linear between the isothermal walls normal to gravity_axis");
  s.add("physics.T_perturbation", io::KeyType::real)
      .def("0.0")
      .units("K")
      .describe(
          "amplitude of cos(2 pi x/Lx) sin(pi y/Ly) added to the initial T (x, y from the lower "
          "corner)");
  for (const char* face : kFaces) {
    s.add(std::string("physics.thermal.") + face, io::KeyType::string)
        .def("\"adiabatic\"")
        .one_of({"adiabatic", "isothermal"})
        .describe("temperature condition on this (non-periodic) face: zero flux, or T = value");
    s.add(std::string("physics.thermal.") + face + "_value", io::KeyType::real)
        .def("0.0")
        .units("K")
        .describe("wall temperature of an isothermal face");
  }
  s.add("physics.scalars", io::KeyType::string_array)
      .def("[]")
      .describe(
          "names of passive scalars advected by the flow (state variables); each physics.scalar_* "
          "array has one entry per scalar or one for all");
  s.add("physics.scalar_diffusivity", io::KeyType::real_array)
      .def("[0.0]")
      .units("m^2/s")
      .describe("diffusivity of each scalar");
  s.add("physics.scalar_init", io::KeyType::string_array)
      .def("[\"uniform\"]")
      .one_of({"uniform", "linear", "mode"})
      .describe(
          "initial scalar: scalar_value; linear between the fixed faces normal to scalar_axis; or "
          "scalar_value + scalar_amplitude prod_d cos(pi scalar_mode[d] s_d), s_d = (x_d - "
          "lower_d)/L_d");
  s.add("physics.scalar_value", io::KeyType::real_array)
      .def("[0.0]")
      .describe("uniform initial value (base of the mode)");
  s.add("physics.scalar_amplitude", io::KeyType::real_array)
      .def("[0.0]")
      .describe("amplitude of the cosine mode (scalar_init = \"mode\")");
  s.add("physics.scalar_mode", io::KeyType::integer_array)
      .def("[1, 0, 0]")
      .length(1, 3)
      .at_least(0)
      .describe(
          "mode numbers m_d of the cosine initial state (all scalars); even m_d for periodic "
          "directions");
  s.add("physics.scalar_axis", io::KeyType::string)
      .def("\"y\"")
      .one_of({"x", "y", "z"})
      .describe("direction of the linear initial state (all scalars)");
  for (const char* face : kFaces) {
    s.add(std::string("physics.scalar_bc.") + face, io::KeyType::string_array)
        .def("[\"zero_flux\"]")
        .one_of({"zero_flux", "fixed"})
        .describe(
            "each scalar's condition on this (non-periodic) face: zero flux, or the value below");
    s.add(std::string("physics.scalar_bc.") + face + "_value", io::KeyType::real_array)
        .def("[0.0]")
        .describe("each scalar's value on a fixed face");
  }
}

TransportSettings transport_from_deck(const io::Deck& deck, double upwind) {
  TransportSettings t;
  t.nu = deck.has("physics.nu") ? deck.real("physics.nu") : kDefaultDiffusivity;
  t.boussinesq = deck.boolean("physics.boussinesq");
  ThermalParams& th = t.thermal;
  th.kappa = deck.has("physics.kappa") ? deck.real("physics.kappa") : kDefaultDiffusivity;
  th.beta_g = deck.has("physics.beta_g") ? deck.real("physics.beta_g") : 0.0;
  th.T0 = deck.real("physics.T0");
  th.axis = axis_index(deck.string("physics.gravity_axis"));
  th.upwind = upwind;
  th.init = deck.string("physics.T_init");
  th.perturbation = deck.real("physics.T_perturbation");
  for (int f = 0; f < 6; ++f) {
    th.wall[f] = deck.string(std::string("physics.thermal.") + kFaces[f]);
    th.value[f] = deck.real(std::string("physics.thermal.") + kFaces[f] + "_value");
  }
  apply_rayleigh_prandtl(deck, t);
  t.scalars = scalars_from_deck(deck, upwind);
  return t;
}

}  // namespace boreas::ns
