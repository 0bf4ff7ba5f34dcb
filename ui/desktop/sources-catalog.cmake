list(APPEND MODELDOCK_UI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/catalogmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/catalogmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sourcesmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/sourcesmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/catalogpane.h
    ${CMAKE_CURRENT_LIST_DIR}/catalogpane.cpp
    ${CMAKE_CURRENT_LIST_DIR}/downloadrequester.h
    ${CMAKE_CURRENT_LIST_DIR}/downloadrequester.cpp)
