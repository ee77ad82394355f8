# cmake -DPROGRAM=<integration_tests> -P check_logged_secrets.cmake
# Runs the fault suite, the proxy tests and the logging tests with TWILIO_LOG_LEVEL=debug, so
# that every request, response, retry, page and end they cause is logged on stderr, and fails
# when a credential or an Authorization header is in the log, or when there is hardly a log.
set(_secrets
  "fake-auth-token"  # the fake server's auth token, sent with every request
  "pr0xy-s3cret"     # the proxy password of tests/integration/proxy_test.cpp
  "Authorization"
  "Basic ")
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env TWILIO_LOG_LEVEL=debug ${PROGRAM}
          --gtest_filter=FaultSuite.*:Proxies.*:Logging.*
  RESULT_VARIABLE _status OUTPUT_VARIABLE _out ERROR_VARIABLE _log)
if(NOT _status EQUAL 0)
  message(FATAL_ERROR "the tests failed (${_status}):\n${_out}")
endif()
string(REGEX MATCHALL " listing=[0-9]+ " _lines "${_log}")
list(LENGTH _lines _count)
if(_count LESS 500)
  message(FATAL_ERROR "only ${_count} log lines: TWILIO_LOG_LEVEL=debug did not log the run")
endif()
foreach(_secret IN LISTS _secrets)
  string(FIND "${_log}" "${_secret}" _at)
  if(NOT _at EQUAL -1)
    string(SUBSTRING "${_log}" ${_at} 200 _context)
    message(FATAL_ERROR "the log holds \"${_secret}\": ...${_context}")
  endif()
endforeach()
foreach(_kind "request attempt=" "response attempt=" "retry attempt=" "page records=" "finished "
        "stopped reason=")
  string(FIND "${_log}" " ${_kind}" _at)
  if(_at EQUAL -1)
    message(FATAL_ERROR "no \"${_kind}\" event in the log")
  endif()
endforeach()
message("${_count} log lines, none with a credential")
