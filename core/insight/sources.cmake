list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/bytereader.h
    ${CMAKE_CURRENT_LIST_DIR}/bytereader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ggmlnames.h
    ${CMAKE_CURRENT_LIST_DIR}/ggmlnames.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ggufheader.h
    ${CMAKE_CURRENT_LIST_DIR}/ggufheader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/safetensorsheader.h
    ${CMAKE_CURRENT_LIST_DIR}/safetensorsheader.cpp)
