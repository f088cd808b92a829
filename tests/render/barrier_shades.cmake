# The write-barrier highlight at a tick the model chooses: gclab_png_check first-shade finds the first
# write barrier at or after FROM (and the object its new value points into), gclab-gui renders that tick,
# and gclab_png_check barrier checks the picture against the model's latest barriers.
#   RUN        the run's arguments (a list, given to gclab-gui and the checker alike)
#   FROM       the first tick to look at
#   VIEW_ARGS  gclab-gui's view arguments (a list; FOCUS is replaced by the new value's object)
#   MODE       layout (the heap map) or state (the object graph)
include(${CMAKE_CURRENT_LIST_DIR}/gui_state.cmake)

execute_process(COMMAND ${CHECK} first-shade ${RUN} --at ${FROM} OUTPUT_VARIABLE found RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT found MATCHES "^([0-9]+) (0x[0-9a-f]+)")
  message(FATAL_ERROR "first-shade failed (${rc}): ${found}")
endif()
set(tick ${CMAKE_MATCH_1})
set(focus ${CMAKE_MATCH_2})
string(REPLACE "FOCUS" "${focus}" viewArgs "${VIEW_ARGS}")
message(STATUS "first write barrier from tick ${FROM}: tick ${tick}, new value ${focus}")
run_gui(${OUT} ${RUN} --at ${tick} ${viewArgs} --dump-layout ${OUT}.layout)
if(MODE STREQUAL "layout")
  set(dump ${OUT}.layout)
else()
  set(dump ${OUT}.txt)
endif()
execute_process(COMMAND ${CHECK} barrier --png ${OUT}.png --${MODE} ${dump} ${RUN} --at ${tick}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gclab_png_check barrier failed (${rc})")
endif()
