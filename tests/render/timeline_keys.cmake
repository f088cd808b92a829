# The timeline's keys change its visible range as they say (--dump-state: timeline_ns NS0 NS1, the
# playhead's now_ns and the ticks at both ends). Without keys the timeline shows the whole run; + halves
# the range about the playhead (the playhead keeps its x), - doubles it, [ and ] move it by a quarter of its
# width, 0 and Home show the whole run again, zooming out stops at 16 times the whole run; the keypad's +
# and - do what + and - do; with Ctrl, + does nothing. Run with GUI, SCENARIO, ARGS (e.g. --at) and OUT.
include(${CMAKE_CURRENT_LIST_DIR}/gui_state.cmake)

# range(KEYS PREFIX) runs the keys and sets PREFIX_ns0, PREFIX_ns1, PREFIX_t0, PREFIX_t1 and PREFIX_now.
function(range keys prefix)
  string(MAKE_C_IDENTIFIER "${keys}" id)
  run_gui(${OUT}_${id} ${SCENARIO} ${ARGS} --keys "${keys}")
  read_state(${OUT}_${id}.txt S)
  string(REPLACE " " ";" ns "${S_timeline_ns}")
  string(REPLACE " " ";" ticks "${S_timeline_ticks}")
  list(LENGTH ns n)
  if(NOT n EQUAL 2)
    message(FATAL_ERROR "--keys '${keys}': no timeline_ns line in the state: '${S_timeline_ns}'")
  endif()
  list(GET ns 0 ns0)
  list(GET ns 1 ns1)
  list(GET ticks 0 t0)
  list(GET ticks 1 t1)
  message(STATUS "--keys '${keys}': ns ${ns0} .. ${ns1}, ticks ${t0} .. ${t1}, playhead ${S_now_ns} ns")
  set(${prefix}_ns0 ${ns0} PARENT_SCOPE)
  set(${prefix}_ns1 ${ns1} PARENT_SCOPE)
  set(${prefix}_t0 ${t0} PARENT_SCOPE)
  set(${prefix}_t1 ${t1} PARENT_SCOPE)
  set(${prefix}_now ${S_now_ns} PARENT_SCOPE)
endfunction()

# near(WHAT GOT WANT) fails unless GOT is within 3 ns of WANT (the dump and CMake round to whole ns).
function(near what got want)
  math(EXPR d "${got} - (${want})")
  if(d GREATER 3 OR d LESS -3)
    message(FATAL_ERROR "${what}: expected ${want}, got ${got}")
  endif()
endfunction()

range("wait" A)
math(EXPR widthA "${A_ns1} - ${A_ns0}")
if(NOT A_ns0 EQUAL 0 OR A_now LESS 1 OR A_ns1 LESS A_now)
  message(FATAL_ERROR "without keys the timeline should show the whole run from 0 past the playhead")
endif()

# + : half the width, about the playhead: each end moves halfway towards it.
range("plus" B)
math(EXPR widthB "${B_ns1} - ${B_ns0}")
near("+ width" ${widthB} "${widthA} / 2")
near("+ start" ${B_ns0} "${A_now} - (${A_now} - ${A_ns0}) / 2")
if(B_now LESS B_ns0 OR B_now GREATER B_ns1 OR NOT B_t0 GREATER A_t0)
  message(FATAL_ERROR "+ should keep the playhead in view and start the range at a later tick")
endif()
range("kp_plus" KP)
near("keypad + start" ${KP_ns0} ${B_ns0})
near("keypad + end" ${KP_ns1} ${B_ns1})

# - : twice the width, about the playhead.
range("minus" M)
near("- width" "${M_ns1} - ${M_ns0}" "${widthA} * 2")
near("- start" ${M_ns0} "${A_now} - (${A_now} - ${A_ns0}) * 2")

# Zooming out stops at 16 times the whole run (eight presses would make it 256 times), still about the
# playhead: it keeps its x, so the range starts 16 times as far before it. (The dump's whole-ns rounding
# of the first range, times 16, allows 16 ns more.)
range("minus minus minus minus minus minus minus minus" MAX)
math(EXPR dMax "${MAX_ns1} - ${MAX_ns0} - ${widthA} * 16")
if(dMax GREATER 19 OR dMax LESS -19)
  message(FATAL_ERROR "- width at most: expected ${widthA} * 16, got ${MAX_ns1} - (${MAX_ns0})")
endif()
near("- start at most" ${MAX_ns0} "${A_now} - (${A_now} - ${A_ns0}) * 16")

# [ and ] : a quarter of the width earlier / later.
range("plus lbracket" L)
near("[ start" ${L_ns0} "${B_ns0} - ${widthB} / 4")
near("[ end" ${L_ns1} "${B_ns1} - ${widthB} / 4")
if(NOT L_t1 LESS B_t1)
  message(FATAL_ERROR "[ should end the range at an earlier tick (${L_t1} against ${B_t1})")
endif()
range("plus plus rbracket" R)
near("] start" ${R_ns0} "${A_now} - (${A_now} - ${A_ns0}) / 4 + (${widthA} / 4) / 4")

# + then - is where it started; 0 and Home show the whole run again; Ctrl+ + does nothing.
range("plus minus" PM)
near("+ - start" ${PM_ns0} ${A_ns0})
near("+ - end" ${PM_ns1} ${A_ns1})
foreach(keys "plus lbracket 0" "plus rbracket home" "ctrl+plus")
  range("${keys}" W)
  if(NOT W_ns0 EQUAL A_ns0 OR NOT W_ns1 EQUAL A_ns1)
    message(FATAL_ERROR "--keys '${keys}' should show the whole run ${A_ns0} .. ${A_ns1}, got ${W_ns0} .. ${W_ns1}")
  endif()
endforeach()
