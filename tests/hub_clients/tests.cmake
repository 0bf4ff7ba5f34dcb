modeldock_add_qtest(tst_hfparser SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_hfparser.cpp
    LIBS modeldock_core LABELS hub_clients TIMEOUT 30)
modeldock_add_qtest(tst_civitaiparser SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_civitaiparser.cpp
    LIBS modeldock_core LABELS hub_clients TIMEOUT 30)
modeldock_add_qtest(tst_huggingfaceclient SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_huggingfaceclient.cpp
    LIBS modeldock_core LABELS hub_clients TIMEOUT 60)
modeldock_add_qtest(tst_civitaiclient SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_civitaiclient.cpp
    LIBS modeldock_core LABELS hub_clients TIMEOUT 60)
modeldock_add_qtest(tst_ratelimit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ratelimit.cpp
    LIBS modeldock_core LABELS hub_clients TIMEOUT 30)
