modeldock_add_qtest(tst_snapshotmanager SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_snapshotmanager.cpp
    LIBS modeldock_core LABELS core updates)
