# ctest driver: builds this source tree as shared libraries (BUILD_SHARED_LIBS=ON, libraries only)
# and installs them to PREFIX; then checks what the shared library exports.
#   cmake -DSOURCE=<source tree> -DBINARY=<build dir> -DPREFIX=<prefix> -DCXX=<compiler> -P install_shared.cmake
include(${CMAKE_CURRENT_LIST_DIR}/run_checked.cmake)

file(REMOVE_RECURSE ${BINARY} ${PREFIX})
run(${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -G Ninja -DCMAKE_BUILD_TYPE=Debug
    -DCMAKE_CXX_COMPILER=${CXX} -DBUILD_SHARED_LIBS=ON -DTWILIO_SUPERSIM_INSTALL=ON
    -DTWILIO_SUPERSIM_BUILD_TESTS=OFF -DTWILIO_SUPERSIM_BUILD_CLI=OFF
    -DTWILIO_SUPERSIM_BUILD_EXAMPLES=OFF -DTWILIO_SUPERSIM_BUILD_BENCHMARKS=OFF)
run(${CMAKE_COMMAND} --build ${BINARY})
run(${CMAKE_COMMAND} --install ${BINARY} --prefix ${PREFIX})

# The library is versioned, and exports the public API only: no function of the internal
# namespace (its types appear only as opaque handles, like the stream's pager) and nothing of
# its private dependencies (simdjson, libcurl, date).
file(GLOB library ${PREFIX}/lib/libtwilio-supersim.so.*.*.*)
if(NOT library OR NOT EXISTS ${PREFIX}/lib/libtwilio-supersim.so.0)
  message(FATAL_ERROR "no versioned libtwilio-supersim.so.0 in ${PREFIX}/lib")
endif()
execute_process(COMMAND nm -DC --defined-only ${library} OUTPUT_VARIABLE symbols
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "nm failed on ${library}")
endif()
string(REGEX MATCHALL "[^\n]*(simdjson|curl_|date::)[^\n]*" leaked "${symbols}")
# A symbol's name, before its parameter list, must not be in an internal namespace.
string(REGEX MATCHALL "\n[0-9a-f]+ [A-Za-z] [^(\n]*::internal::[^\n]*" leaked_internal "\n${symbols}")
list(APPEND leaked ${leaked_internal})
if(leaked)
  string(REPLACE ";" "\n" leaked "${leaked}")
  message(FATAL_ERROR "exported beyond the public API:\n${leaked}")
endif()
string(REGEX MATCHALL "twilio::supersim::v1::UsageRecordsApi::ListUsageRecord" api "${symbols}")
if(NOT api)
  message(FATAL_ERROR "the public API is not exported")
endif()
message(STATUS "shared library ${library}: public API exported, nothing internal")
