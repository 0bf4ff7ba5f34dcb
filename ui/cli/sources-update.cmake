list(APPEND MODELDOCK_CLI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/updatecommand.h
    ${CMAKE_CURRENT_LIST_DIR}/updatecommand.cpp)
