list(APPEND MODELDOCK_CLI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/clicommand.h
    ${CMAKE_CURRENT_LIST_DIR}/cliapplication.h
    ${CMAKE_CURRENT_LIST_DIR}/cliapplication.cpp)
