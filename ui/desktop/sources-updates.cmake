list(APPEND MODELDOCK_UI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/activitymodel.h
    ${CMAKE_CURRENT_LIST_DIR}/activitymodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/modelupdateactions.h
    ${CMAKE_CURRENT_LIST_DIR}/modelupdateactions.cpp)
