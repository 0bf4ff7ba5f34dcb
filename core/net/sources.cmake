list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/backoff.h
    ${CMAKE_CURRENT_LIST_DIR}/backoff.cpp
    ${CMAKE_CURRENT_LIST_DIR}/credentials.h
    ${CMAKE_CURRENT_LIST_DIR}/credentials.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hubkind.h
    ${CMAKE_CURRENT_LIST_DIR}/hubkind.cpp
    ${CMAKE_CURRENT_LIST_DIR}/httperror.h
    ${CMAKE_CURRENT_LIST_DIR}/httperror.cpp
    ${CMAKE_CURRENT_LIST_DIR}/retrybudget.h
    ${CMAKE_CURRENT_LIST_DIR}/retrybudget.cpp
    ${CMAKE_CURRENT_LIST_DIR}/requestfactory.h
    ${CMAKE_CURRENT_LIST_DIR}/requestfactory.cpp
    ${CMAKE_CURRENT_LIST_DIR}/session.h
    ${CMAKE_CURRENT_LIST_DIR}/session.cpp)
