# ctest driver for the package tests: configures, builds and runs a consumer project.
#   cmake -DSOURCE=<consumer dir> -DBINARY=<build dir> -DCXX=<compiler>
#         [-DPREFIX=<install prefix> -DVERSION=<expected version>]      # an installed package
#         [-DSHARED=ON]                                                 # ... of shared libraries
#         [-DTWILIO_SOURCE_DIR=<source tree> [-DFETCHCONTENT=ON]]       # an embedded one
#         -P run_consumer.cmake
include(${CMAKE_CURRENT_LIST_DIR}/run_checked.cmake)

file(REMOVE_RECURSE ${BINARY})
set(args -S ${SOURCE} -B ${BINARY} -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=${CXX})
if(PREFIX)
  # Only the install prefix: nothing from the build tree may leak into the consumer.
  list(APPEND args -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON)
endif()
if(TWILIO_SOURCE_DIR)
  list(APPEND args -DTWILIO_SOURCE_DIR=${TWILIO_SOURCE_DIR})
endif()
if(FETCHCONTENT)
  list(APPEND args -DTWILIO_USE_FETCHCONTENT=ON)
endif()
run(${CMAKE_COMMAND} ${args})
run(${CMAKE_COMMAND} --build ${BINARY})
run(${BINARY}/consumer)

if(SHARED)
  # The consumer loads the installed shared library (by its SONAME), not a static copy.
  execute_process(COMMAND objdump -p ${BINARY}/consumer OUTPUT_VARIABLE headers)
  if(NOT headers MATCHES "NEEDED +libtwilio-supersim\\.so\\.0")
    message(FATAL_ERROR "the consumer does not link libtwilio-supersim.so.0:\n${headers}")
  endif()
endif()

if(PREFIX AND VERSION)
  # The pkg-config file of the same install names the same version.
  file(GLOB pc_dirs ${PREFIX}/lib*/pkgconfig ${PREFIX}/lib/*/pkgconfig)
  string(REPLACE ";" ":" pc_path "${pc_dirs}")
  execute_process(COMMAND ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${pc_path}
                          pkg-config --modversion --cflags twilio-supersim
                  OUTPUT_VARIABLE pc_out RESULT_VARIABLE status)
  if(NOT status EQUAL 0 OR NOT pc_out MATCHES "^${VERSION}\n-I${PREFIX}")
    message(FATAL_ERROR "pkg-config gave (${status}): ${pc_out}")
  endif()
  message(STATUS "pkg-config: ${pc_out}")

  # A program built with nothing but pkg-config's flags links and runs.
  execute_process(COMMAND ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${pc_path}
                          pkg-config --cflags --libs twilio-supersim
                  OUTPUT_VARIABLE pc_flags RESULT_VARIABLE status OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "pkg-config --cflags --libs failed (${status})")
  endif()
  separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
  run(${CXX} -std=c++17 ${CMAKE_CURRENT_LIST_DIR}/pkgconfig_app.cpp ${pc_flags}
      -o ${BINARY}/pkgconfig_app)
  run(${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${PREFIX}/lib ${BINARY}/pkgconfig_app)
endif()
