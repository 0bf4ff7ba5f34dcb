modeldock_add_qtest(tst_ggufheader SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ggufheader.cpp
    LIBS modeldock_core LABELS insight TIMEOUT 60)
modeldock_add_qtest(tst_safetensorsheader SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_safetensorsheader.cpp
    LIBS modeldock_core LABELS insight TIMEOUT 60)
modeldock_add_qtest(tst_fitestimate SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_fitestimate.cpp
    LIBS modeldock_core LABELS insight TIMEOUT 60)
