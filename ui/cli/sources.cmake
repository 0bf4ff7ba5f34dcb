list(APPEND MODELDOCK_CLI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/clicommand.h
    ${CMAKE_CURRENT_LIST_DIR}/cliapplication.h
    ${CMAKE_CURRENT_LIST_DIR}/cliapplication.cpp
    ${CMAKE_CURRENT_LIST_DIR}/commandline.h
    ${CMAKE_CURRENT_LIST_DIR}/commandline.cpp)
