# Step keys pressed one frame apart, each while the step before it is still on its way, end where the
# same keys end when each is pressed on its own, from where the one before it ended (a fresh gclab-gui
# --at that tick, so nothing is pending), and no frame had to finish the pending steps at once.
#   SCENARIO  the run (a list of arguments); KEYS  the step keys (space-separated).
include(${CMAKE_CURRENT_LIST_DIR}/gui_state.cmake)

set(tick 0)
string(REPLACE " " ";" keys "${KEYS}")
set(i 0)
foreach(k IN LISTS keys)
  run_gui(${OUT}_one${i} ${SCENARIO} --at ${tick} --keys "${k}")
  read_state(${OUT}_one${i}.txt ONE)
  message(STATUS "${k} from tick ${tick}: tick ${ONE_tick}")
  set(tick ${ONE_tick})
  math(EXPR i "${i} + 1")
endforeach()

run_gui(${OUT}_rapid ${SCENARIO} --keys "${KEYS}")
read_state(${OUT}_rapid.txt R)
message(STATUS "'${KEYS}' one frame apart: tick ${R_tick}, steps finished at once ${R_steps_finished_at_once}")
if(NOT R_tick STREQUAL ONE_tick OR NOT R_hash STREQUAL ONE_hash)
  message(FATAL_ERROR "keys one frame apart reached tick ${R_tick} (hash ${R_hash}); one at a time they mean "
                      "tick ${ONE_tick} (hash ${ONE_hash})")
endif()
expect_state(R "keys one frame apart: " "steps_finished_at_once 0")
