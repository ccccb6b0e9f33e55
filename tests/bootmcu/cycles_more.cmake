# Runs two vp commands that write JSON reports and requires the second run's bootmcu cycle count
# to exceed the first's by at least MIN_EXTRA, both runs passing (exit 0):
#   cmake -DCMD1=exe|arg|... -DREPORT1=f -DCMD2=... -DREPORT2=f -DMIN_EXTRA=n -P cycles_more.cmake
foreach(i 1 2)
  string(REPLACE "|" ";" _cmd "${CMD${i}}")
  execute_process(COMMAND ${_cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc STREQUAL "0")
    message(FATAL_ERROR "run ${i} exited ${rc}:\n${out}${err}")
  endif()
  file(READ "${REPORT${i}}" _rep)
  string(JSON c${i} GET "${_rep}" bootmcu cycles)
endforeach()
message("bootmcu cycles: ${c1} -> ${c2}")
math(EXPR _d "${c2} - ${c1}")
if(_d LESS MIN_EXTRA)
  message(FATAL_ERROR "second run has ${_d} more cycles, expected at least ${MIN_EXTRA}")
endif()
