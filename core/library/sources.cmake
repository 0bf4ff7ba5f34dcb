list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/safepath.h
    ${CMAKE_CURRENT_LIST_DIR}/safepath.cpp
    ${CMAKE_CURRENT_LIST_DIR}/durablefiles.h
    ${CMAKE_CURRENT_LIST_DIR}/durablefiles.cpp
    ${CMAKE_CURRENT_LIST_DIR}/destination.h
    ${CMAKE_CURRENT_LIST_DIR}/destination.cpp
    ${CMAKE_CURRENT_LIST_DIR}/bloblock.h
    ${CMAKE_CURRENT_LIST_DIR}/bloblock.cpp
    ${CMAKE_CURRENT_LIST_DIR}/librarylayout.h
    ${CMAKE_CURRENT_LIST_DIR}/librarylayout.cpp
    ${CMAKE_CURRENT_LIST_DIR}/storagelayout.h
    ${CMAKE_CURRENT_LIST_DIR}/storagelayout.cpp)
