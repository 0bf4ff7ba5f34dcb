modeldock_add_qtest(tst_settingscenter SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_settingscenter.cpp
    LIBS modeldock_core Qt6::Sql LABELS core settings)
modeldock_add_qtest(tst_settingsfilewatcher SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_settingsfilewatcher.cpp
    LIBS modeldock_core Qt6::Sql LABELS core settings)
modeldock_add_qtest(tst_livesettings SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_livesettings.cpp
    LIBS modeldock_core LABELS core settings downloads TIMEOUT 180)
modeldock_add_qtest(tst_networksettings SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_networksettings.cpp
    LIBS modeldock_core LABELS core settings)
modeldock_add_qtest(tst_secretstore SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_secretstore.cpp
    LIBS modeldock_core Qt6::Sql LABELS core settings)
