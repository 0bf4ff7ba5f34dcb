list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/hftypes.h
    ${CMAKE_CURRENT_LIST_DIR}/civitaitypes.h
    ${CMAKE_CURRENT_LIST_DIR}/hubresult.h
    ${CMAKE_CURRENT_LIST_DIR}/namerules.h
    ${CMAKE_CURRENT_LIST_DIR}/namerules.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jsonfields.h
    ${CMAKE_CURRENT_LIST_DIR}/jsonfields.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jsonfetcher.h
    ${CMAKE_CURRENT_LIST_DIR}/jsonfetcher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hfparser.h
    ${CMAKE_CURRENT_LIST_DIR}/hfparser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/civitaiparser.h
    ${CMAKE_CURRENT_LIST_DIR}/civitaiparser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/huggingfaceclient.h
    ${CMAKE_CURRENT_LIST_DIR}/huggingfaceclient.cpp
    ${CMAKE_CURRENT_LIST_DIR}/civitaiclient.h
    ${CMAKE_CURRENT_LIST_DIR}/civitaiclient.cpp)
