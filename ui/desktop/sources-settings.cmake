list(APPEND MODELDOCK_UI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/settingsdialog.h
    ${CMAKE_CURRENT_LIST_DIR}/settingsdialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/typefolderseditor.h
    ${CMAKE_CURRENT_LIST_DIR}/typefolderseditor.cpp)
