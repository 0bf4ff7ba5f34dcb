list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/settingdefinition.h
    ${CMAKE_CURRENT_LIST_DIR}/settingdefinition.cpp
    ${CMAKE_CURRENT_LIST_DIR}/settingsschema.h
    ${CMAKE_CURRENT_LIST_DIR}/settingsschema.cpp
    ${CMAKE_CURRENT_LIST_DIR}/settingscenter.h
    ${CMAKE_CURRENT_LIST_DIR}/settingscenter.cpp)
list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/settingsfilewatcher.h
    ${CMAKE_CURRENT_LIST_DIR}/settingsfilewatcher.cpp)
list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/bindings.h
    ${CMAKE_CURRENT_LIST_DIR}/bindings.cpp)
list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/settingsstorage.h
    ${CMAKE_CURRENT_LIST_DIR}/settingsstorage.cpp)
list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/runtimesettings.h
    ${CMAKE_CURRENT_LIST_DIR}/runtimesettings.cpp)
list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/secretstore.h
    ${CMAKE_CURRENT_LIST_DIR}/filesecretstore.h
    ${CMAKE_CURRENT_LIST_DIR}/filesecretstore.cpp)
