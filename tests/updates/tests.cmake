modeldock_add_qtest(tst_snapshotmanager SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_snapshotmanager.cpp
    LIBS modeldock_core LABELS core updates)
modeldock_add_qtest(tst_modelupdater SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_modelupdater.cpp
    ${CMAKE_CURRENT_LIST_DIR}/updatetesthelpers.h LIBS modeldock_core LABELS core updates downloads TIMEOUT 180)
modeldock_add_qtest(tst_refswitcher SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_refswitcher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/updatetesthelpers.h LIBS modeldock_core LABELS core updates downloads TIMEOUT 120)
