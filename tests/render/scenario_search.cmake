# The scenario picker's search box: typing QUERY into it shows exactly the scenarios whose name or
# description contains it, ignoring case, as gclab list prints them (the window's picker filters the
# same list).
#   SCENARIO  the run (a list of arguments); QUERY  the text typed (no spaces); GCLAB  the gclab CLI.
include(${CMAKE_CURRENT_LIST_DIR}/gui_state.cmake)

run_gui(${OUT} ${SCENARIO} --keys "click:@scenario wait text:${QUERY} wait")
read_state(${OUT}.txt S)
string(REPLACE " " ";" shown "${S_scenario_list}")
list(SORT shown)

execute_process(COMMAND ${GCLAB} list OUTPUT_VARIABLE listed RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gclab list failed (${rc})")
endif()
string(TOLOWER "${QUERY}" query)
string(REPLACE ";" "," listed "${listed}") # a description's semicolon must not split its line
string(REPLACE "\n" ";" lines "${listed}")
set(want "")
foreach(l IN LISTS lines)
  string(TOLOWER "${l}" low)
  string(FIND "${low}" "${query}" at)
  if(NOT at EQUAL -1)
    string(REGEX MATCH "^[^ ]+" name "${l}")
    list(APPEND want ${name})
  endif()
endforeach()
list(SORT want)
list(LENGTH lines all)
list(LENGTH want matching)
message(STATUS "'${QUERY}': the picker shows '${shown}'; gclab list has ${matching} of ${all} matching: '${want}'")
if(matching EQUAL 0 OR NOT shown STREQUAL want)
  message(FATAL_ERROR "the picker shows '${shown}' for '${QUERY}', expected '${want}'")
endif()
