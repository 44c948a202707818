#include "physics/ns/ns_parameters.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "core/log.hpp"
#include "physics/common/solver_keys.hpp"

namespace boreas::ns {
namespace {

constexpr double kDefaultDiffusivity = 0.01;

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// The physics.thermal.<face> keys of the mesh's non-periodic faces
// (of direction d only, when d >= 0).
std::vector<std::string> thermal_face_keys(const Mesh& mesh, int only = -1) {
  std::vector<std::string> keys;
  for (int d = 0; d < mesh.dim(); ++d) {
    if (mesh.periodic(d) || (only >= 0 && d != only)) continue;
    for (int f = 2 * d; f <= 2 * d + 1; ++f)
      keys.push_back(std::string("physics.thermal.") + face_key_name(f));
  }
  return keys;
}

}  // namespace

void keys(io::Keys<Params> k) {
  k.real("physics.nu", &Params::nu)
      .at_least(0)
      .units("m^2/s")
      .describe(
          "kinematic viscosity; default 0.01, or derived from physics.Re, or from physics.Ra and "
          "physics.Pr");
  k.real("physics.Re", &Params::Re)
      .above(0)
      .describe(
          "Reynolds number U L / nu: sets nu = physics.U x physics.L / Re (physics.nu must then "
          "be absent). For the lid-driven cavity U is the lid speed (the moving wall's _value) "
          "and L the cavity width");
  k.real("physics.U", &Params::U)
      .above(0)
      .units("m/s")
      .describe(
          "velocity scale of physics.Re (a lid speed, an inflow's mean speed); default 1; only "
          "with physics.Re");
  k.real("physics.L", &Params::L)
      .above(0)
      .units("m")
      .describe(
          "length scale of physics.Re (a cavity width, a channel height); default: the domain's "
          "extent along x; only with physics.Re");
  k.real("physics.upwind", &Params::upwind)
      .def("0.0")
      .at_least(0)
      .at_most(1)
      .describe(
          "donor-cell weight of the advective fluxes: 0 = central (2nd order, energy conserving), "
          "1 = first-order upwind");
  k.real("physics.max_divergence", &Params::max_divergence)
      .def("5e-10")
      .above(0)
      .describe(
          "max |div u| h/U after a projection: while it is above, up to 2 more correction passes "
          "run (solver.rtol alone does not bound it when buoyancy makes div u* large)");
  viscous_keys(k.sub(&Params::viscous));
  transport_keys(k.sub(&Params::transport));
  open_boundary_keys(k.sub(&Params::open));
  solver_keys(k.sub(&Params::solver));
}

void transport_keys(io::Keys<TransportSettings> k) {
  using T = TransportSettings;
  k.boolean("physics.boussinesq", &T::boussinesq)
      .def("false")
      .describe(
          "advect and diffuse a temperature T with buoyancy beta_g (T - T0) along "
          "+physics.gravity_axis");
  k.real("physics.kappa", &T::kappa)
      .at_least(0)
      .units("m^2/s")
      .describe(
          "thermal diffusivity (Pr = nu / kappa); default 0.01, or derived from physics.Ra and "
          "physics.Pr");
  k.real("physics.beta_g", &T::beta_g)
      .units("m/s^2/K")
      .describe(
          "thermal expansion coefficient times gravity (Ra = beta_g dT L^3 / (nu kappa)); default "
          "0, or derived from physics.Ra and physics.Pr");
  k.real("physics.Ra", &T::Ra)
      .above(0)
      .describe(
          "Rayleigh number beta_g dT L^3 / (nu kappa), L and dT from the one pair of isothermal "
          "walls; with physics.Pr it sets nu, kappa, beta_g (which must then be absent)");
  k.real("physics.Pr", &T::Pr).above(0).describe("Prandtl number nu / kappa (with physics.Ra)");
  k.choice("physics.Ra_units", &T::ra_units,
           {{"thermal", RaUnits::thermal}, {"free-fall", RaUnits::free_fall}})
      .def("\"thermal\"")
      .describe(
          "units of the Ra/Pr parametrisation: thermal (time L^2/kappa, velocity kappa/L) or "
          "free-fall (time L/U, U = sqrt(beta_g dT L))");
  k.choice("physics.scalar_diffusion", &T::scalar_crank_nicolson,
           {{"explicit", false}, {"crank-nicolson", true}})
      .def("\"explicit\"")
      .fixed()
      .describe(
          "diffusion of T and of every passive scalar: explicit AB2 (dt limited by 1/(4 D sum "
          "1/h^2)), or Crank-Nicolson with a [solver] Helmholtz solve per scalar and step (no "
          "diffusive dt limit)");
  k.real("physics.scalar_diffusion_rtol", &T::scalar_rtol)
      .def("1e-10")
      .above(0)
      .describe(
          "relative residual tolerance of the Crank-Nicolson scalar solves (solver type, "
          "smoother and max iterations: [solver])");
  thermal_keys(k.sub(&T::thermal));
  scalar_keys(k.sub(&T::scalars));
}

ScalarDiffusion scalar_diffusion(const Params& p) {
  ScalarDiffusion d;
  d.crank_nicolson = p.transport.scalar_crank_nicolson;
  d.solver = p.solver;
  d.solver.rtol = p.transport.scalar_rtol;
  return d;
}

// Ra and Pr fix nu, kappa and beta_g once a length L (the distance between
// the one pair of isothermal walls), a temperature difference dT (theirs)
// and a time unit are chosen:
//   thermal   : t in L^2/kappa, u in kappa/L:  kappa = L^2, nu = Pr kappa
//   free-fall : t in L/U, U = sqrt(beta_g dT L) = L:
//               nu = L^2 sqrt(Pr/Ra), kappa = L^2 / sqrt(Ra Pr)
// and beta_g = Ra nu kappa / (dT L^3) in both (= L/dT in free-fall units).
Coefficients resolve_coefficients(const Params& p, const Mesh& mesh, io::DeckProblems& problems) {
  const TransportSettings& t = p.transport;
  Coefficients c;
  c.nu = p.nu ? *p.nu : kDefaultDiffusivity;
  c.kappa = t.kappa ? *t.kappa : kDefaultDiffusivity;
  c.beta_g = t.beta_g ? *t.beta_g : 0.0;
  const bool ra = t.Ra.has_value(), pr = t.Pr.has_value();
  if (!p.Re) {
    // physics.U and physics.L mean nothing without Re: a deck that sets them
    // expects them to act.
    for (const char* key : {"physics.U", "physics.L"}) {
      const bool given = std::string(key) == "physics.L" ? p.L.has_value() : p.U.has_value();
      if (given)
        problems.add({key, "physics.Re"}, std::string("ns: ") + key +
                                              " is the scale of physics.Re, which is not "
                                              "set; set physics.Re or remove " +
                                              key);
    }
  } else {
    if (p.nu) {
      problems.add({"physics.Re", "physics.nu"},
                   "ns: physics.Re sets nu = U L / Re; remove physics.nu (or physics.Re)");
      return c;
    }
    if (ra || pr) {
      problems.add({"physics.Re", ra ? "physics.Ra" : "physics.Pr"},
                   "ns: physics.Re and physics.Ra/physics.Pr both set the viscosity; keep one");
      return c;
    }
    const double L = p.L ? *p.L : mesh.upper(0) - mesh.lower(0);
    const double U = p.U ? *p.U : 1.0;
    c.nu = U * L / *p.Re;
    c.derived.push_back({"nu", c.nu, "m^2/s",
                         fmt::format("U L / Re with physics.Re = {:g}, U = {:g}, L = {:g}{}", *p.Re,
                                     U, L, p.L ? "" : " (the x extent)")});
    return c;
  }
  if (!ra && !pr) return c;
  if (ra != pr) {
    problems.add({ra ? "physics.Ra" : "physics.Pr", ra ? "physics.Pr" : "physics.Ra"},
                 std::string("ns: physics.Ra and physics.Pr go together; ") +
                     (ra ? "physics.Pr" : "physics.Ra") + " is missing");
    return c;
  }
  std::vector<std::string> given;
  if (p.nu) given.push_back("physics.nu");
  if (t.kappa) given.push_back("physics.kappa");
  if (t.beta_g) given.push_back("physics.beta_g");
  if (!given.empty()) {
    std::vector<std::string> keys = {"physics.Ra", "physics.Pr"};
    keys.insert(keys.end(), given.begin(), given.end());
    problems.add(keys, "ns: physics.Ra and physics.Pr derive nu, kappa and beta_g; remove " +
                           join(given) + " from the deck (or drop Ra and Pr)");
    return c;
  }
  if (!t.boussinesq) {
    problems.add({"physics.Ra", "physics.Pr", "physics.boussinesq"},
                 "ns: physics.Ra and physics.Pr need physics.boussinesq = true");
    return c;
  }
  const ThermalParams& th = t.thermal;
  int pair = -1;
  for (int d = 0; d < mesh.dim(); ++d) {
    if (mesh.periodic(d) || !th.wall[2 * d].isothermal || !th.wall[2 * d + 1].isothermal) continue;
    if (th.wall[2 * d].value == th.wall[2 * d + 1].value) continue;
    if (pair >= 0) {
      std::vector<std::string> keys = {"physics.Ra"};
      for (const auto& key : thermal_face_keys(mesh, pair)) keys.push_back(key);
      for (const auto& key : thermal_face_keys(mesh, d)) keys.push_back(key);
      problems.add(keys,
                   "ns: physics.Ra needs exactly one pair of isothermal faces at different "
                   "temperatures (physics.thermal.*); found more than one");
      return c;
    }
    pair = d;
  }
  if (pair < 0) {
    std::vector<std::string> keys = {"physics.Ra"};
    for (const auto& key : thermal_face_keys(mesh)) keys.push_back(key);
    problems.add(keys,
                 "ns: physics.Ra needs a pair of opposite physics.thermal.<face> = \"isothermal\" "
                 "faces at different temperatures (they set L and dT)");
    return c;
  }
  const double L = mesh.upper(pair) - mesh.lower(pair);
  const double dT = std::fabs(th.wall[2 * pair].value - th.wall[2 * pair + 1].value);
  const double Ra = *t.Ra, Pr = *t.Pr;
  double kappa = 0.0;
  if (t.ra_units == RaUnits::thermal) {
    kappa = L * L;
    c.nu = Pr * kappa;
  } else {
    c.nu = L * L * std::sqrt(Pr / Ra);
    kappa = L * L / std::sqrt(Ra * Pr);
  }
  c.kappa = kappa;
  c.beta_g = Ra * c.nu * kappa / (dT * L * L * L);
  const std::string from =
      fmt::format("from physics.Ra = {:g}, physics.Pr = {:g} in {} units, L = {:g}, dT = {:g}", Ra,
                  Pr, t.ra_units == RaUnits::thermal ? "thermal" : "free-fall", L, dT);
  c.derived.push_back({"nu", c.nu, "m^2/s", from});
  c.derived.push_back({"kappa", c.kappa, "m^2/s", from});
  c.derived.push_back({"beta_g", c.beta_g, "m/s^2/K", from});
  return c;
}

}  // namespace boreas::ns
