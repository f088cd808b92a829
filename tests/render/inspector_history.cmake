# The inspector's history of a selected object (render/object_history.h), end to end in gclab-gui:
# run headless with --select and read the history it dumps (--dump-state). The allocation tick A it shows
# is checked against the model itself: the slot is free at tick A - 1 and allocated at A (it was used by
# an earlier object before: the history is the new object's). A live object's history shows its
# cycle's grey and black.
# Inputs: GUI, RUN (the scenario arguments), AT, REUSED (a slot allocated twice by AT), LIVE (an object
# marked in cycle 1), OUT.
include(${CMAKE_CURRENT_LIST_DIR}/gui_state.cmake)

run_gui(${OUT}_reused ${RUN} --at ${AT} --select ${REUSED})
read_state(${OUT}_reused.txt s)
expect_state(s "--at ${AT}: " "selected_allocated 1" "history_object ${REUSED}" "history_tick ${AT}"
             "history_percent 100")
if(NOT s_history_alloc_tick MATCHES "^[0-9]+$" OR s_history_alloc_tick GREATER AT)
  message(FATAL_ERROR "expected an allocation tick at or before ${AT}, got '${s_history_alloc_tick}'")
endif()
math(EXPR before "${s_history_alloc_tick} - 1")
run_gui(${OUT}_before ${RUN} --at ${before} --select ${REUSED})
read_state(${OUT}_before.txt b)
expect_state(b "--at ${before} (a tick before the allocation shown): " "selected_allocated 0")
run_gui(${OUT}_at ${RUN} --at ${s_history_alloc_tick} --select ${REUSED})
read_state(${OUT}_at.txt a)
expect_state(a "--at ${s_history_alloc_tick} (the allocation shown): " "selected_allocated 1"
             "history_alloc_tick ${s_history_alloc_tick}")

run_gui(${OUT}_live ${RUN} --at ${AT} --select ${LIVE})
file(STRINGS ${OUT}_live.txt marks ENCODING UTF-8 REGEX "^history_line cycle 1: grey at [0-9 ]+ by [a-zA-Z ]+.* → black at [0-9 ]+")
if(NOT marks)
  file(READ ${OUT}_live.txt all)
  message(FATAL_ERROR "expected a line 'cycle 1: grey at … → black at …' for ${LIVE}, got:\n${all}")
endif()
