list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/fileidentity.h
    ${CMAKE_CURRENT_LIST_DIR}/fileidentity.cpp
    ${CMAKE_CURRENT_LIST_DIR}/identitystore.h
    ${CMAKE_CURRENT_LIST_DIR}/identitystore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/modelidentifier.h
    ${CMAKE_CURRENT_LIST_DIR}/modelidentifier.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sidecarwriter.h
    ${CMAKE_CURRENT_LIST_DIR}/sidecarwriter.cpp)
