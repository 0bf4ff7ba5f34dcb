list(APPEND MODELDOCK_UI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/mainwindow.h
    ${CMAKE_CURRENT_LIST_DIR}/mainwindow.cpp
    ${CMAKE_CURRENT_LIST_DIR}/mainwindowservices.cpp
    ${CMAKE_CURRENT_LIST_DIR}/mainwindowstate.cpp
    ${CMAKE_CURRENT_LIST_DIR}/mainwindowgrid.cpp
    ${CMAKE_CURRENT_LIST_DIR}/syncstatus.h
    ${CMAKE_CURRENT_LIST_DIR}/syncstatus.cpp
    ${CMAKE_CURRENT_LIST_DIR}/traycontroller.h
    ${CMAKE_CURRENT_LIST_DIR}/traycontroller.cpp
    ${CMAKE_CURRENT_LIST_DIR}/singleinstance.h
    ${CMAKE_CURRENT_LIST_DIR}/singleinstance.cpp)
