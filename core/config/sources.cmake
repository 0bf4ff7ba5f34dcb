list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/runtimeconfig.h
    ${CMAKE_CURRENT_LIST_DIR}/runtimeconfig.cpp
    ${CMAKE_CURRENT_LIST_DIR}/foldermigration.h
    ${CMAKE_CURRENT_LIST_DIR}/foldermigration.cpp)
