list(APPEND MODELDOCK_CLI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/librarycommand.h
    ${CMAKE_CURRENT_LIST_DIR}/librarycommand.cpp)
