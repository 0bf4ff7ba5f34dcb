list(APPEND MODELDOCK_CLI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/settingscommand.h
    ${CMAKE_CURRENT_LIST_DIR}/settingscommand.cpp)
