# Side by side: runs gclab-gui headless with ARGS_A (a list with the scenario, --compare and usually
# --keys) and checks the dumped state: the compared run is at the same tick as the window's run, in a
# different state from it, and in the state a plain run with ARGS_B reaches at that tick (STATE_A_TICK in
# ARGS_B is replaced by it). EXPECT lists lines ("forked 1") the first run's state must contain.
include(${CMAKE_CURRENT_LIST_DIR}/gui_state.cmake)

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

expect_state(A "" ${EXPECT})
