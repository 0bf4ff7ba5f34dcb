list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/safepath.h
    ${CMAKE_CURRENT_LIST_DIR}/safepath.cpp
    ${CMAKE_CURRENT_LIST_DIR}/durablefiles.h
    ${CMAKE_CURRENT_LIST_DIR}/durablefiles.cpp
    ${CMAKE_CURRENT_LIST_DIR}/destination.h
    ${CMAKE_CURRENT_LIST_DIR}/destination.cpp
    ${CMAKE_CURRENT_LIST_DIR}/bloblock.h
    ${CMAKE_CURRENT_LIST_DIR}/bloblock.cpp
    ${CMAKE_CURRENT_LIST_DIR}/storagelayout.h
    ${CMAKE_CURRENT_LIST_DIR}/storagelayout.cpp
    ${CMAKE_CURRENT_LIST_DIR}/filereuse.h
    ${CMAKE_CURRENT_LIST_DIR}/filereuse.cpp
    ${CMAKE_CURRENT_LIST_DIR}/libraryindex.h
    ${CMAKE_CURRENT_LIST_DIR}/libraryindex.cpp
    ${CMAKE_CURRENT_LIST_DIR}/reuseroots.h
    ${CMAKE_CURRENT_LIST_DIR}/reuseroots.cpp)
