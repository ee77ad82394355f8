# twilio_link_sdk_objects(<target> [FAKE_SERVER]): links the SDK into a program of this project
# (a test, a benchmark) so that it may call the internals (src/), in a shared build as well as a
# static one, with exactly one copy of the SDK in the process. Included from the top-level
# CMakeLists.txt after the libraries are defined.
#
# A shared library hides the internals, so the program links twilio-supersim-objects, the very
# objects the shipped library is made of. It must not link libtwilio-supersim.so as well: the
# process would hold two SDKs (ODR violations, two sets of statics and thread_locals, two
# curl_global_init calls). libtwilio-supersim-testing.so links libtwilio-supersim.so, so with
# FAKE_SERVER the fake server comes as objects too: twilio-supersim-testing-objects, compiled
# from that library's own sources and settings, with the SDK's objects in place of
# twilio::supersim. In a static build the archives are those same objects, and the program
# links them as any other would.
#
# Programs that use only the public API link twilio::supersim and twilio::supersim-testing, so
# that a shared build also proves that what the libraries export is enough.

if(TWILIO_SUPERSIM_SHARED AND TWILIO_SUPERSIM_BUILD_TESTING_LIB)
  # Read from twilio-supersim-testing rather than repeated, so that a change to the fake server's
  # sources or settings reaches both.
  get_target_property(_twilio_fake_sources twilio-supersim-testing SOURCES)
  get_target_property(_twilio_fake_source_dir twilio-supersim-testing SOURCE_DIR)
  list(TRANSFORM _twilio_fake_sources PREPEND ${_twilio_fake_source_dir}/ REGEX "^[^/$]")
  add_library(twilio-supersim-testing-objects OBJECT EXCLUDE_FROM_ALL ${_twilio_fake_sources})
  foreach(_property COMPILE_FEATURES INCLUDE_DIRECTORIES COMPILE_DEFINITIONS COMPILE_OPTIONS
                    CXX_VISIBILITY_PRESET VISIBILITY_INLINES_HIDDEN)
    get_target_property(_value twilio-supersim-testing ${_property})
    if(_value)
      set_property(TARGET twilio-supersim-testing-objects PROPERTY ${_property} ${_value})
    endif()
  endforeach()
  get_target_property(_twilio_fake_links twilio-supersim-testing LINK_LIBRARIES)
  list(TRANSFORM _twilio_fake_links REPLACE "^twilio::supersim$" twilio-supersim-objects)
  if(NOT twilio-supersim-objects IN_LIST _twilio_fake_links)
    message(FATAL_ERROR "twilio-supersim-testing no longer links twilio::supersim: update "
                        "${CMAKE_CURRENT_LIST_FILE}")
  endif()
  # PUBLIC: the programs see the SDK's headers and TWILIO_SUPERSIM_LINK_OBJECTS through it.
  target_link_libraries(twilio-supersim-testing-objects PUBLIC ${_twilio_fake_links})
  set_target_properties(twilio-supersim-testing-objects PROPERTIES POSITION_INDEPENDENT_CODE ON)
endif()

function(twilio_link_sdk_objects target)
  cmake_parse_arguments(PARSE_ARGV 1 _arg "FAKE_SERVER" "" "")
  if(TWILIO_SUPERSIM_SHARED)
    target_link_libraries(${target} PRIVATE twilio-supersim-objects)
    if(_arg_FAKE_SERVER)
      target_link_libraries(${target} PRIVATE twilio-supersim-testing-objects)
    endif()
  else()
    target_link_libraries(${target} PRIVATE twilio::supersim)
    if(_arg_FAKE_SERVER)
      target_link_libraries(${target} PRIVATE twilio::supersim-testing)
    endif()
  endif()
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src)
endfunction()
