# The port builds the source tree it sits in (ports/twilio-supersim/../..) when used as an
# overlay port from a checkout, another tree when TWILIO_SUPERSIM_SOURCE_PATH is set in the
# environment, and the release tag v${VERSION} from GitHub when TWILIO_SUPERSIM_FROM_GIT is set.
if(DEFINED ENV{TWILIO_SUPERSIM_SOURCE_PATH})
  set(SOURCE_PATH "$ENV{TWILIO_SUPERSIM_SOURCE_PATH}")
elseif(DEFINED ENV{TWILIO_SUPERSIM_FROM_GIT})
  vcpkg_from_github(
    OUT_SOURCE_PATH SOURCE_PATH
    REPO twilio-supersim-cpp/twilio-supersim-cpp
    REF "v${VERSION}"
    SHA512 0
    HEAD_REF main
  )
else()
  get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
endif()

# The library only: its tests, tools, examples, benchmarks and fake server stay out of the port.
vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    -DTWILIO_SUPERSIM_INSTALL=ON
    -DTWILIO_SUPERSIM_BUILD_TESTS=OFF
    -DTWILIO_SUPERSIM_BUILD_TESTING_LIB=OFF
    -DTWILIO_SUPERSIM_BUILD_CLI=OFF
    -DTWILIO_SUPERSIM_BUILD_EXAMPLES=OFF
    -DTWILIO_SUPERSIM_BUILD_BENCHMARKS=OFF
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(PACKAGE_NAME twilio-supersim CONFIG_PATH lib/cmake/twilio-supersim)
vcpkg_fixup_pkgconfig()

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug/include")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
