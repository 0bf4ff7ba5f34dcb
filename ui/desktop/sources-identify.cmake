list(APPEND MODELDOCK_UI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/identifymodel.h
    ${CMAKE_CURRENT_LIST_DIR}/identifymodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/identifydialog.h
    ${CMAKE_CURRENT_LIST_DIR}/identifydialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/mainwindowidentify.cpp)
