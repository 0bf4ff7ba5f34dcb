list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/snapshotmanager.h
    ${CMAKE_CURRENT_LIST_DIR}/snapshotmanager.cpp)
list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/modelupdater.h
    ${CMAKE_CURRENT_LIST_DIR}/modelupdater.cpp)
list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/refswitcher.h
    ${CMAKE_CURRENT_LIST_DIR}/refswitcher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/libraryversions.h
    ${CMAKE_CURRENT_LIST_DIR}/libraryversions.cpp)
list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/catalogstates.h
    ${CMAKE_CURRENT_LIST_DIR}/catalogstates.cpp)
