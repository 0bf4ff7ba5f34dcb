list(APPEND MODELDOCK_CLI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/catalogservices.h
    ${CMAKE_CURRENT_LIST_DIR}/catalogservices.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tokenadvice.h
    ${CMAKE_CURRENT_LIST_DIR}/tokenadvice.cpp
    ${CMAKE_CURRENT_LIST_DIR}/catalogformat.h
    ${CMAKE_CURRENT_LIST_DIR}/catalogformat.cpp
    ${CMAKE_CURRENT_LIST_DIR}/synccommand.h
    ${CMAKE_CURRENT_LIST_DIR}/synccommand.cpp
    ${CMAKE_CURRENT_LIST_DIR}/searchcommand.h
    ${CMAKE_CURRENT_LIST_DIR}/searchcommand.cpp
    ${CMAKE_CURRENT_LIST_DIR}/showcommand.h
    ${CMAKE_CURRENT_LIST_DIR}/showcommand.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sourcescommand.h
    ${CMAKE_CURRENT_LIST_DIR}/sourcescommand.cpp)
