# The documentation site (docs/developer-guide.md, "Documentation"): the
# target `docs` runs Doxygen on the public headers (XML only, for Breathe),
# then sphinx-build with -W (every warning is an error) into
# build/<preset>/docs/html. It is not part of `all`:
#   cmake --build --preset release --target docs
# Debian packages: doxygen, python3-sphinx, python3-myst-parser,
# python3-sphinx-rtd-theme, python3-breathe (scripts/setup-deps --with-docs).
find_program(BOREAS_SPHINX_BUILD sphinx-build)
find_program(BOREAS_DOXYGEN doxygen)
# The Doxygen input filter runs once per header: Debian's interpreter (the
# one sphinx-build runs on) starts fastest; a pyenv shim takes a second each.
find_program(BOREAS_DOCS_PYTHON python3 HINTS /usr/bin)

if(NOT BOREAS_SPHINX_BUILD OR NOT BOREAS_DOXYGEN OR NOT BOREAS_DOCS_PYTHON)
  set(_missing "")
  if(NOT BOREAS_SPHINX_BUILD)
    list(APPEND _missing sphinx-build)
  endif()
  if(NOT BOREAS_DOXYGEN)
    list(APPEND _missing doxygen)
  endif()
  if(NOT BOREAS_DOCS_PYTHON)
    list(APPEND _missing python3)
  endif()
  list(JOIN _missing ", " _missing)
  set(_why "${_missing} not found: install them with scripts/setup-deps --with-docs, then configure again")
  message(STATUS "docs: target docs unavailable: ${_why}")
  add_custom_target(docs
    COMMAND ${CMAKE_COMMAND} -E echo "docs: ${_why}"
    COMMAND ${CMAKE_COMMAND} -E false
    VERBATIM)
  return()
endif()

set(_docs_src "${PROJECT_SOURCE_DIR}/docs")
set(_docs_out "${PROJECT_BINARY_DIR}/docs")
set(BOREAS_DOXYGEN_OUT "${_docs_out}/doxygen")

# What the API reference covers: the public headers of the layers below the
# apps (docs/site/api.md shows the app contract out of them).
set(_api_inputs
  core mesh solvers solvers/linear io io/deck io/output
  physics/app.hpp physics/fields.hpp physics/pipeline)
set(BOREAS_DOXYGEN_INPUT "")
set(_api_headers "")
foreach(_in IN LISTS _api_inputs)
  string(APPEND BOREAS_DOXYGEN_INPUT " \"${PROJECT_SOURCE_DIR}/${_in}\"")
  if(_in MATCHES "\\.hpp$")
    list(APPEND _api_headers "${PROJECT_SOURCE_DIR}/${_in}")
  else()
    file(GLOB _h CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/${_in}/*.hpp")
    list(APPEND _api_headers ${_h})
  endif()
endforeach()
set(BOREAS_DOXYGEN_FILTER "${BOREAS_DOCS_PYTHON} ${_docs_src}/site/doxygen_filter.py")
configure_file("${_docs_src}/site/Doxyfile.in" "${_docs_out}/Doxyfile" @ONLY)

# Doxygen reruns when a header, the filter or the configuration changed, or
# when a header appeared or went away (the list file is rewritten then). The
# stamp is written only after a clean run: a failed one runs again next time.
string(REPLACE ";" "\n" _api_header_lines "${_api_headers}")
file(CONFIGURE OUTPUT "${_docs_out}/api-headers.txt" CONTENT "${_api_header_lines}\n" @ONLY)
set(_doxygen_stamp "${_docs_out}/doxygen.stamp")
add_custom_command(
  OUTPUT "${_doxygen_stamp}"
  COMMAND ${CMAKE_COMMAND} -E rm -rf "${_doxygen_stamp}" "${BOREAS_DOXYGEN_OUT}/xml"
  COMMAND "${BOREAS_DOXYGEN}" "${_docs_out}/Doxyfile"
  COMMAND ${CMAKE_COMMAND} -E touch "${_doxygen_stamp}"
  DEPENDS ${_api_headers} "${_docs_out}/api-headers.txt"
          "${_docs_src}/site/doxygen_filter.py" "${_docs_out}/Doxyfile"
  COMMENT "docs: Doxygen XML of the public headers"
  VERBATIM)

# Sphinx always runs, reading every page again (-E): with -W, a warning of
# an unchanged page must fail the build as it did the first time.
add_custom_target(docs
  COMMAND "${BOREAS_SPHINX_BUILD}" -W --keep-going -E -q -b html
          -c "${_docs_src}/site" -d "${_docs_out}/doctrees"
          -D "breathe_projects.boreas=${BOREAS_DOXYGEN_OUT}/xml"
          "${_docs_src}" "${_docs_out}/html"
  COMMAND ${CMAKE_COMMAND} -E echo "docs: ${_docs_out}/html/index.html"
  DEPENDS "${_doxygen_stamp}"
  COMMENT "docs: sphinx-build -W (warnings are errors)"
  VERBATIM)
