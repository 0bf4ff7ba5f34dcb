list(APPEND MODELDOCK_CLI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/downloadservices.h
    ${CMAKE_CURRENT_LIST_DIR}/downloadservices.cpp
    ${CMAKE_CURRENT_LIST_DIR}/downloadreporter.h
    ${CMAKE_CURRENT_LIST_DIR}/downloadreporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/downloadcommand.h
    ${CMAKE_CURRENT_LIST_DIR}/downloadcommand.cpp)
