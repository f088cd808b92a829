# The inspector's pointers in (render/object_inspect.h: scanned over the frames), end to end in gclab-gui:
# run headless with --select and read what it dumps (--dump-state) once the inspector is no longer busy.
# The pointers in must be there, and they must hold the last pointer of the why-alive chain (a search of
# its own, from the roots): the slot that points at the object.
# Inputs: GUI, RUN (the scenario arguments), AT, OBJECTS (selected one at a time), OUT.
include(${CMAKE_CURRENT_LIST_DIR}/gui_state.cmake)

foreach(obj IN LISTS OBJECTS)
  run_gui(${OUT}_${obj} ${RUN} --at ${AT} --select ${obj})
  read_state(${OUT}_${obj}.txt s)
  expect_state(s "--select ${obj}: " "selected_allocated 1")
  if(NOT s_pointers_in_total MATCHES "^[1-9][0-9]*$")
    message(FATAL_ERROR "--select ${obj}: expected pointers_in_total of at least 1, got '${s_pointers_in_total}'")
  endif()
  if(NOT s_why_alive_last_slot)
    message(FATAL_ERROR "--select ${obj}: expected a why-alive chain (why_alive_last_slot)")
  endif()
  file(STRINGS ${OUT}_${obj}.txt slots REGEX "^pointers_in_slot ")
  list(LENGTH slots kept)
  if(s_pointers_in_total LESS 32)
    set(want ${s_pointers_in_total})
  else()
    set(want 32)
  endif()
  if(NOT kept EQUAL want)
    message(FATAL_ERROR "--select ${obj}: expected ${want} pointers_in_slot lines, got ${kept}")
  endif()
  list(FIND slots "pointers_in_slot ${s_why_alive_last_slot}" found)
  if(found LESS 0)
    message(FATAL_ERROR "--select ${obj}: the chain's last slot '${s_why_alive_last_slot}' is not among the "
                        "pointers in: ${slots}")
  endif()
endforeach()
