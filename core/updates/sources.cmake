list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/snapshotmanager.h
    ${CMAKE_CURRENT_LIST_DIR}/snapshotmanager.cpp)
