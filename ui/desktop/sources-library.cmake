list(APPEND MODELDOCK_UI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/freespacedialog.h
    ${CMAKE_CURRENT_LIST_DIR}/freespacedialog.cpp)
