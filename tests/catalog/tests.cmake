modeldock_add_qtest(tst_syncengine SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_syncengine.cpp
    LIBS modeldock_core LABELS catalog TIMEOUT 120)
