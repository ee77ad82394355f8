# The `docs` target: the HTML API reference, built by Doxygen from the public headers when
# Doxygen is installed. Not part of `all`; any Doxygen warning (an undocumented public
# declaration, a broken reference) fails it.
find_package(Doxygen QUIET)
if(NOT DOXYGEN_FOUND)
  message(STATUS "Doxygen not found: the docs target is not available")
  return()
endif()

set(TWILIO_DOCS_OUTPUT_DIR ${PROJECT_BINARY_DIR}/docs)
configure_file(${PROJECT_SOURCE_DIR}/docs/doxygen/Doxyfile.in ${PROJECT_BINARY_DIR}/Doxyfile @ONLY)
add_custom_target(docs
  COMMAND ${CMAKE_COMMAND} -E make_directory ${TWILIO_DOCS_OUTPUT_DIR}
  COMMAND Doxygen::doxygen ${PROJECT_BINARY_DIR}/Doxyfile
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
  COMMENT "API reference (HTML) in ${TWILIO_DOCS_OUTPUT_DIR}/html"
  VERBATIM)
