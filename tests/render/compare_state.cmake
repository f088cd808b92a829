# Runs gclab-gui headless with scripted keys (KEYS_A) on SCENARIO and checks the state it dumps:
#   ARGS_B  (unless empty) a second run's arguments (a list; STATE_A_TICK is replaced by the first run's
#           tick) that must reach the same tick and state hash;
#   EXPECT  lines ("gogc 1") the first run's state must contain; "moved" means its tick is not 0.
#   ARGS_A  more arguments for the first run (a list).
#   EXPECT_B  lines the second run's state must contain; with it, the two runs need not agree (ARGS_B may
#           use STATE_A_TICK_PREV, the first run's tick minus one).
#   SCENARIO_B  the second run's scenario (empty: SCENARIO).
include(${CMAKE_CURRENT_LIST_DIR}/gui_state.cmake)

run_gui(${OUT}_a ${SCENARIO} --keys "${KEYS_A}" ${ARGS_A})
read_state(${OUT}_a.txt A)
message(STATUS "keys '${KEYS_A}': tick ${A_tick}, hash ${A_hash}, gogc ${A_gogc}, playing ${A_playing}")

if(NOT "${ARGS_B}" STREQUAL "")
  math(EXPR prevTick "${A_tick} - 1")
  string(REPLACE "STATE_A_TICK_PREV" "${prevTick}" argsB "${ARGS_B}")
  string(REPLACE "STATE_A_TICK" "${A_tick}" argsB "${argsB}")
  if("${SCENARIO_B}" STREQUAL "")
    set(SCENARIO_B ${SCENARIO})
  endif()
  run_gui(${OUT}_b ${SCENARIO_B} ${argsB})
  read_state(${OUT}_b.txt B)
  message(STATUS "${argsB}: tick ${B_tick}, hash ${B_hash}")
  expect_state(B "second run: " ${EXPECT_B})
  if(NOT DEFINED EXPECT_B AND (NOT A_tick STREQUAL B_tick OR NOT A_hash STREQUAL B_hash))
    message(FATAL_ERROR "different states: tick ${A_tick} hash ${A_hash} vs tick ${B_tick} hash ${B_hash}")
  endif()
endif()

foreach(want IN LISTS EXPECT)
  if(want STREQUAL "moved")
    if(A_tick EQUAL 0)
      message(FATAL_ERROR "the run did not move")
    endif()
  else()
    expect_state(A "" "${want}")
  endif()
endforeach()
