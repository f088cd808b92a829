# Shared by the -P scripts compare_state.cmake and compare_runs.cmake: run gclab-gui headless and read
# the state it dumps (--dump-state: one "key value" line each).

# run_gui(OUT ARGS...) runs ${GUI} ARGS... writing OUT.png and OUT.txt; a failure stops the test.
function(run_gui out)
  execute_process(COMMAND ${GUI} ${ARGN} --screenshot ${out}.png --dump-state ${out}.txt
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gclab-gui ${ARGN} failed (${rc}): ${err}")
  endif()
endfunction()

# read_state(FILE PREFIX) sets PREFIX_key to the value of every line of FILE.
function(read_state file prefix)
  file(STRINGS ${file} lines)
  foreach(l IN LISTS lines)
    string(REGEX MATCH "^([a-z_]+) (.*)$" _ "${l}")
    set(${prefix}_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}" PARENT_SCOPE)
  endforeach()
endfunction()

# expect_state(PREFIX WHO LINES...) stops the test unless each "key value" line equals PREFIX_key.
function(expect_state prefix who)
  foreach(want IN LISTS ARGN)
    string(REGEX MATCH "^([a-z_]+) (.*)$" _ "${want}")
    if(NOT "${${prefix}_${CMAKE_MATCH_1}}" STREQUAL "${CMAKE_MATCH_2}")
      message(FATAL_ERROR "${who}expected ${want}, got ${CMAKE_MATCH_1} ${${prefix}_${CMAKE_MATCH_1}}")
    endif()
  endforeach()
endfunction()
