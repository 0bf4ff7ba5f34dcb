modeldock_add_qtest(tst_runtimeconfig SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_runtimeconfig.cpp
    LIBS modeldock_core LABELS core)
modeldock_add_qtest(tst_foldermigration SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_foldermigration.cpp
    LIBS modeldock_core LABELS core settings)
