# The sanitizer runtime options of every test of a BOREAS_SANITIZE build
# (preset `asan`), appended to BOREAS_TEST_ENV. mpiexec and the Python tests
# pass them on to every rank and every `boreas` they start.
#
# ASAN_OPTIONS:
#   detect_leaks=1  LeakSanitizer (the default on x86-64, made explicit). It
#       checks when the program calls MPI_Finalize (leak_check_at_finalize.cpp),
#       or at exit if it never does; a rank that leaves through MPI_Abort or
#       _Exit (an abandoned HDF5 file) is not checked for leaks.
#   fast_unwind_on_malloc=0  record allocation stacks with the DWARF unwinder:
#       Open MPI, PMIx, hwloc and libevent have no frame pointers, so the
#       fast unwinder stops inside them and lsan.supp, which matches frames
#       such as ompi_mpi_init, could not tell their leaks from ours.
#   log_path=...  reports go to <build>/sanitizer-reports/report.<pid> (the
#       process still fails): a report from a rank or a `boreas` run whose
#       exit code or stderr a test does not look at still fails
#       scripts/test-asan, which prints these files.
# LSAN_OPTIONS: lsan.supp (Open MPI's own leaks, a reason per entry);
#   print_suppressions=0 so that a clean process writes no report file.
# UBSAN_OPTIONS: stack traces, stop at the first finding (the code is also
#   compiled with -fno-sanitize-recover=all), same report files.
# No ASan or UBSan suppressions are needed: no report comes from a system
# library's own code.
# HWLOC_COMPONENTS=-pci: hwloc (in MPI_Init, and `boreas info`) skips PCI
#   discovery. It reads the PCI ID database into a buffer grown by realloc
#   a line at a time; under ASan every realloc copies, which took 8 s of
#   CPU per process instead of 0.4 s. Nothing in Boreas or in Open MPI's
#   shared-memory transport on one node uses PCI devices.
set(BOREAS_SANITIZER_REPORTS "${PROJECT_BINARY_DIR}/sanitizer-reports")
file(MAKE_DIRECTORY "${BOREAS_SANITIZER_REPORTS}")
set(_supp "${CMAKE_CURRENT_LIST_DIR}")
list(APPEND BOREAS_TEST_ENV
  "ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:log_path=${BOREAS_SANITIZER_REPORTS}/report"
  "LSAN_OPTIONS=suppressions=${_supp}/lsan.supp:print_suppressions=0"
  "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=${BOREAS_SANITIZER_REPORTS}/report"
  "HWLOC_COMPONENTS=-pci")
