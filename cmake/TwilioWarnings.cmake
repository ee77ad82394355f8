# Strict warnings for the project's own targets; errors when TWILIO_SUPERSIM_WERROR is on (CI).
function(twilio_set_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${TWILIO_SUPERSIM_WERROR}>:/WX>)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                           $<$<BOOL:${TWILIO_SUPERSIM_WERROR}>:-Werror>)
  endif()
endfunction()
