#include "core/exec.hpp"

#include <cstdlib>
#include <cstring>

#include "core/error.hpp"

namespace boreas::exec {
namespace {
bool g_serial_forced = false;
}

void configure_from_environment() {
  const char* v = std::getenv("BOREAS_EXEC_SPACE");
  if (!v || !*v || std::strcmp(v, "default") == 0) {
    g_serial_forced = false;
    return;
  }
  if (std::strcmp(v, "serial") != 0) {
    throw InputError(std::string("BOREAS_EXEC_SPACE='") + v + "': expected 'default' or 'serial'");
  }
#ifdef KOKKOS_ENABLE_SERIAL
  if (!kHostBackend) throw InputError("BOREAS_EXEC_SPACE=serial needs a host default backend");
  g_serial_forced = true;
#else
  throw InputError("BOREAS_EXEC_SPACE=serial: this Kokkos was built without the Serial backend");
#endif
}

bool serial_forced() {
  return g_serial_forced;
}

bool force_serial(bool on) {
  const bool before = g_serial_forced;
#ifdef KOKKOS_ENABLE_SERIAL
  g_serial_forced = on && kHostBackend;
#else
  (void)on;
#endif
  return before;
}

std::string backend_name() {
  if (g_serial_forced) return "Serial (forced by BOREAS_EXEC_SPACE)";
  return ExecSpace::name();
}

}  // namespace boreas::exec
