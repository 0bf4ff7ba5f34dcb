list(APPEND MODELDOCK_UI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/catalogmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/catalogmodel.cpp)
