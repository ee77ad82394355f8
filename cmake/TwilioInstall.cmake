# Install rules: headers, the libraries, the CMake package (find_package(twilio-supersim), with a
# `testing` component for the fake server) and a pkg-config file. Included from the top-level
# CMakeLists.txt when TWILIO_SUPERSIM_INSTALL is on.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(_twilio_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/twilio-supersim)

install(TARGETS twilio-supersim EXPORT twilio-supersim-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/twilio DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp" PATTERN "testing" EXCLUDE)  # export.hpp.in is not *.hpp
install(FILES ${PROJECT_BINARY_DIR}/include/twilio/version.hpp
              ${PROJECT_BINARY_DIR}/include/twilio/export.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/twilio)
install(EXPORT twilio-supersim-targets NAMESPACE twilio:: DESTINATION ${_twilio_cmake_dir})

if(TWILIO_SUPERSIM_BUILD_TESTING_LIB)
  install(TARGETS twilio-supersim-testing EXPORT twilio-supersim-testing-targets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(DIRECTORY include/twilio/testing DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/twilio
          FILES_MATCHING PATTERN "*.hpp")
  install(EXPORT twilio-supersim-testing-targets NAMESPACE twilio::
          DESTINATION ${_twilio_cmake_dir})
endif()

# A static library carries its private dependencies to the consumer's link line, so the package
# must find them; a shared one needs only what the public headers use.
get_target_property(_twilio_type twilio-supersim TYPE)
if(_twilio_type STREQUAL "STATIC_LIBRARY")
  set(TWILIO_SUPERSIM_STATIC ON)
else()
  set(TWILIO_SUPERSIM_STATIC OFF)
endif()
configure_package_config_file(cmake/twilio-supersimConfig.cmake.in
  ${PROJECT_BINARY_DIR}/twilio-supersimConfig.cmake
  INSTALL_DESTINATION ${_twilio_cmake_dir})
# 0.x releases may break anything, as Semantic Versioning allows; from 1.0 a major version is a
# compatibility promise.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/twilio-supersimConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/twilio-supersimConfig.cmake
              ${PROJECT_BINARY_DIR}/twilio-supersimConfigVersion.cmake
        DESTINATION ${_twilio_cmake_dir})

# The .pc file finds the prefix from its own place, so `cmake --install --prefix` anywhere works.
file(RELATIVE_PATH _twilio_pc_to_prefix /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" _twilio_pc_to_prefix "${_twilio_pc_to_prefix}")
# A static archive needs libcurl and simdjson on every link line (Requires); a shared library
# carries them itself, so only a fully static link asks for them (Requires.private).
if(TWILIO_SUPERSIM_SHARED)
  set(_twilio_pc_requires "nlohmann_json")
  set(_twilio_pc_requires_private "libcurl simdjson")
  set(_twilio_pc_libs "-L\${libdir} -ltwilio-supersim")
  set(_twilio_pc_libs_private "-pthread")
else()
  set(_twilio_pc_requires "nlohmann_json libcurl simdjson")
  set(_twilio_pc_requires_private "")
  set(_twilio_pc_libs "-L\${libdir} -ltwilio-supersim -pthread")
  set(_twilio_pc_libs_private "")
endif()
configure_file(cmake/twilio-supersim.pc.in ${PROJECT_BINARY_DIR}/twilio-supersim.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/twilio-supersim.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
