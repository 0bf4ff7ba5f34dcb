modeldock_add_qtest(tst_modelidentifier SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_modelidentifier.cpp
    LIBS modeldock_core LABELS library identify hub_clients TIMEOUT 120)
