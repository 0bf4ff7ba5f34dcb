modeldock_add_qtest(tst_sha256 SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sha256.cpp
    LIBS modeldock_core LABELS core)
modeldock_add_qtest(tst_freespace SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_freespace.cpp
    LIBS modeldock_core LABELS core)
modeldock_add_qtest(tst_bytesizes SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_bytesizes.cpp
    LIBS modeldock_core LABELS core)
modeldock_add_qtest(tst_sqlitedb SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sqlitedb.cpp
    LIBS modeldock_core LABELS core)
