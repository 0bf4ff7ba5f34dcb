list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/downloadtarget.h
    ${CMAKE_CURRENT_LIST_DIR}/downloadtarget.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pathfilter.h
    ${CMAKE_CURRENT_LIST_DIR}/pathfilter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/downloadplan.h
    ${CMAKE_CURRENT_LIST_DIR}/civitaisidecars.h
    ${CMAKE_CURRENT_LIST_DIR}/civitaisidecars.cpp
    ${CMAKE_CURRENT_LIST_DIR}/requestbuilder.h
    ${CMAKE_CURRENT_LIST_DIR}/requestbuilder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/downloadplanner.h
    ${CMAKE_CURRENT_LIST_DIR}/downloadplanner.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pickresolver.h
    ${CMAKE_CURRENT_LIST_DIR}/pickresolver.cpp
    ${CMAKE_CURRENT_LIST_DIR}/transferstates.h
    ${CMAKE_CURRENT_LIST_DIR}/transferstates.cpp
    ${CMAKE_CURRENT_LIST_DIR}/lmstudiosharing.h
    ${CMAKE_CURRENT_LIST_DIR}/lmstudiosharing.cpp)
