# Side by side: runs gclab-gui headless with ARGS_A (a list with the scenario, --compare and usually
# --keys) and checks the dumped state: the compared run is at the same tick as the window's run, in a
# different state from it, and in the state a plain run with ARGS_B reaches at that tick (STATE_A_TICK in
# ARGS_B is replaced by it). EXPECT lists lines ("forked 1") the first run's state must contain.
function(run_gui out)
  execute_process(COMMAND ${GUI} ${ARGN} --screenshot ${out}.png --dump-state ${out}.txt
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gclab-gui ${ARGN} failed (${rc}): ${err}")
  endif()
endfunction()

function(read_state file prefix)
  file(STRINGS ${file} lines)
  foreach(l IN LISTS lines)
    string(REGEX MATCH "^([a-z_]+) (.*)$" _ "${l}")
    set(${prefix}_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}" PARENT_SCOPE)
  endforeach()
endfunction()

run_gui(${OUT}_a ${ARGS_A})
read_state(${OUT}_a.txt A)
message(STATUS "${ARGS_A}: tick ${A_tick}, compared run at tick ${A_compare_tick} hash ${A_compare_hash}")
if(A_tick STREQUAL "" OR NOT A_tick STREQUAL A_compare_tick)
  message(FATAL_ERROR "the compared run is at tick '${A_compare_tick}', the window's run at '${A_tick}'")
endif()
if(A_hash STREQUAL A_compare_hash)
  message(FATAL_ERROR "the compared run is in the same state as the window's run (hash ${A_hash})")
endif()

string(REPLACE "STATE_A_TICK" "${A_tick}" argsB "${ARGS_B}")
run_gui(${OUT}_b ${argsB})
read_state(${OUT}_b.txt B)
message(STATUS "${argsB}: tick ${B_tick}, hash ${B_hash}")
if(NOT B_tick STREQUAL A_compare_tick OR NOT B_hash STREQUAL A_compare_hash)
  message(FATAL_ERROR "the compared run (tick ${A_compare_tick} hash ${A_compare_hash}) is not the plain run "
                      "(tick ${B_tick} hash ${B_hash})")
endif()

foreach(want IN LISTS EXPECT)
  string(REGEX MATCH "^([a-z_]+) (.*)$" _ "${want}")
  if(NOT "${A_${CMAKE_MATCH_1}}" STREQUAL "${CMAKE_MATCH_2}")
    message(FATAL_ERROR "expected ${want}, got ${CMAKE_MATCH_1} ${A_${CMAKE_MATCH_1}}")
  endif()
endforeach()
