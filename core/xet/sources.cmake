list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/xetlogging.h
    ${CMAKE_CURRENT_LIST_DIR}/xetlogging.cpp
    ${CMAKE_CURRENT_LIST_DIR}/chunkdecoder.h
    ${CMAKE_CURRENT_LIST_DIR}/chunkdecoder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/reconstruction.h
    ${CMAKE_CURRENT_LIST_DIR}/reconstruction.cpp
    ${CMAKE_CURRENT_LIST_DIR}/xetfileinfo.h
    ${CMAKE_CURRENT_LIST_DIR}/xetfileinfo.cpp
    ${CMAKE_CURRENT_LIST_DIR}/termledger.h
    ${CMAKE_CURRENT_LIST_DIR}/termledger.cpp)
