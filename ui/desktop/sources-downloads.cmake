list(APPEND MODELDOCK_UI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/downloadsmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/downloadsmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/downloadsmodelsort.cpp
    ${CMAKE_CURRENT_LIST_DIR}/downloadsdashboard.h
    ${CMAKE_CURRENT_LIST_DIR}/downloadsdashboard.cpp
    ${CMAKE_CURRENT_LIST_DIR}/progressdelegate.h
    ${CMAKE_CURRENT_LIST_DIR}/progressdelegate.cpp
    ${CMAKE_CURRENT_LIST_DIR}/speedgraph.h
    ${CMAKE_CURRENT_LIST_DIR}/speedgraph.cpp
    ${CMAKE_CURRENT_LIST_DIR}/downloadsummarydialog.h
    ${CMAKE_CURRENT_LIST_DIR}/downloadsummarydialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/downloadsrowfilter.h
    ${CMAKE_CURRENT_LIST_DIR}/downloadsrowfilter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/downloaderrorpanel.h
    ${CMAKE_CURRENT_LIST_DIR}/downloaderrorpanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/filerevealer.h
    ${CMAKE_CURRENT_LIST_DIR}/filerevealer.cpp)
