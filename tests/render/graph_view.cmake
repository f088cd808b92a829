# The object graph's pixels (gclab_png_check graph-letters / graph-hover) at one tick of a run.
#   RUN    the run's arguments (a list, given to gclab-gui and the checker alike)
#   AT     the tick (wavefront: the first tick to look at)
#   VIEW   gclab-gui's view arguments (a list)
#   MODE   letters: every node shows its colour's letter; hover: the mouse is put on a node that a drawn
#          object points to (gclab_png_check hover-target picks it from a first frame) and the node and
#          its pointers are highlighted (PICK same-column: a node with a pointer within its column, drawn
#          as an arc); wavefront: at the first tick from AT whose step greys an object
#          in the first columns (gclab_png_check wavefront-tick), exactly the nodes it greyed have a halo
include(${CMAKE_CURRENT_LIST_DIR}/gui_state.cmake)

if(MODE STREQUAL "wavefront")
  execute_process(COMMAND ${CHECK} wavefront-tick ${RUN} --at ${AT} OUTPUT_VARIABLE found RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT found MATCHES "^([0-9]+)")
    message(FATAL_ERROR "wavefront-tick failed (${rc}): ${found}")
  endif()
  message(STATUS "first step greying an object near a root from tick ${AT}: tick ${CMAKE_MATCH_1}")
  set(AT ${CMAKE_MATCH_1})
endif()
list(APPEND RUN --at ${AT})
run_gui(${OUT} ${RUN} ${VIEW})
if(MODE STREQUAL "wavefront")
  execute_process(COMMAND ${CHECK} graph-wavefront --png ${OUT}.png --state ${OUT}.txt ${RUN} RESULT_VARIABLE rc)
elseif(MODE STREQUAL "letters")
  execute_process(COMMAND ${CHECK} graph-letters --png ${OUT}.png --state ${OUT}.txt ${RUN} RESULT_VARIABLE rc)
else()
  set(pick "")
  if(DEFINED PICK)
    set(pick --pick ${PICK})
  endif()
  execute_process(COMMAND ${CHECK} hover-target --state ${OUT}.txt ${RUN} ${pick} OUTPUT_VARIABLE found RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT found MATCHES "^([0-9]+) ([0-9]+) (0x[0-9a-f]+)")
    message(FATAL_ERROR "hover-target failed (${rc}): ${found}")
  endif()
  set(node ${CMAKE_MATCH_3})
  message(STATUS "mouse on ${node} at ${CMAKE_MATCH_1},${CMAKE_MATCH_2}")
  run_gui(${OUT}_hover ${RUN} ${VIEW} --mouse ${CMAKE_MATCH_1},${CMAKE_MATCH_2})
  execute_process(COMMAND ${CHECK} graph-hover --png ${OUT}_hover.png --state ${OUT}_hover.txt --select ${node}
                          ${RUN} ${pick} RESULT_VARIABLE rc)
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gclab_png_check ${MODE} failed (${rc})")
endif()
