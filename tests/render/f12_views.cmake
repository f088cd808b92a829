# F12 and Shift+F12 with the mouse over a tab of the side panel: F12 writes the whole window (the
# window's SIZE), Shift+F12 a second PNG, gclab-SCENARIO-TICK-VIEW.png, that is exactly the part of the
# window where the tab VIEW was drawn (gclab_png_check crop); nothing else is written.
#   RUN  the run's arguments (a list); VIEW  the tab; SIZE  the window's size, WxH;
#   SHOW  the keys that show the tab first (e.g. "click:@tab-graph wait"; empty: it is shown already).
include(${CMAKE_CURRENT_LIST_DIR}/gui_state.cmake)

run_gui(${OUT}_probe ${RUN} --size ${SIZE} --keys "${SHOW} wait")
read_state(${OUT}_probe.txt P)
if(NOT P_view_area_${VIEW} MATCHES "^([0-9.]+) ([0-9.]+) ([0-9.]+) ([0-9.]+)$")
  message(FATAL_ERROR "the window did not draw the ${VIEW} tab (no view_area_${VIEW})")
endif()
set(area ${CMAKE_MATCH_1} ${CMAKE_MATCH_2} ${CMAKE_MATCH_3} ${CMAKE_MATCH_4})
string(REGEX REPLACE "\\.[0-9]*" "" area "${area}") # whole pixels
list(GET area 0 x0)
list(GET area 1 y0)
list(GET area 2 x1)
list(GET area 3 y1)
# In the whole window the tab lies below its header, inside the side panel's column.
if(DEFINED P_tab_${VIEW})
  string(REGEX REPLACE "\\.[0-9]*" "" header "${P_tab_${VIEW}}")
  separate_arguments(header)
  list(GET header 0 hx0)
  list(GET header 3 hy1)
  if(y0 LESS hy1 OR x0 GREATER hx0)
    message(FATAL_ERROR "the ${VIEW} tab (${P_view_area_${VIEW}}) is not below its header (${P_tab_${VIEW}})")
  endif()
endif()
math(EXPR mx "(${x0} + ${x1}) / 2")
math(EXPR my "(${y0} + ${y1}) / 2")
message(STATUS "the ${VIEW} tab: ${P_view_area_${VIEW}}; the mouse at ${mx},${my}")

file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${GUI} ${RUN} --size ${SIZE}
                        --keys "${SHOW} move:${mx}:${my} wait wait f12 wait shift+f12 wait" --screenshot ${OUT}_last.png
                        --dump-state ${OUT}_last.txt
                WORKING_DIRECTORY ${OUT} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gclab-gui failed (${rc}): ${err}")
endif()
file(GLOB written RELATIVE ${OUT} ${OUT}/*)
file(GLOB views RELATIVE ${OUT} ${OUT}/gclab-*-${VIEW}.png)
list(LENGTH written n)
list(LENGTH views nv)
message(STATUS "written: ${written}")
if(NOT n EQUAL 2 OR NOT nv EQUAL 1)
  message(FATAL_ERROR "expected the window's PNG and one gclab-*-${VIEW}.png, got '${written}'")
endif()
list(REMOVE_ITEM written ${views})
foreach(check "stats;--png;${OUT}/${written};--size;${SIZE}"
              "crop;--png;${OUT}/${views};--whole;${OUT}/${written};--state;${OUT}_last.txt;--view;${VIEW}")
  execute_process(COMMAND ${CHECK} ${check} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gclab_png_check ${check} failed")
  endif()
endforeach()
