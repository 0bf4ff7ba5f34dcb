modeldock_add_qtest(tst_source SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_source.cpp
    LIBS modeldock_core LABELS catalog TIMEOUT 30)
modeldock_add_qtest(tst_variantinference SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_variantinference.cpp
    LIBS modeldock_core LABELS catalog TIMEOUT 30)
modeldock_add_qtest(tst_catalogstore SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_catalogstore.cpp
    LIBS modeldock_core Qt6::Sql LABELS catalog TIMEOUT 60)
modeldock_add_qtest(tst_syncengine SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_syncengine.cpp ${CMAKE_CURRENT_LIST_DIR}/syncstack.h
    LIBS modeldock_core LABELS catalog TIMEOUT 120)
modeldock_add_qtest(tst_catalogcli SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_catalogcli.cpp
    LIBS Qt6::Core LABELS catalog TIMEOUT 120)
add_dependencies(tst_catalogcli modeldock-cli)
modeldock_add_qtest(tst_hubbrowser SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_hubbrowser.cpp
    LIBS modeldock_core LABELS catalog TIMEOUT 60)
modeldock_add_qtest(tst_syncbackground SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_syncbackground.cpp
    LIBS modeldock_core Qt6::Sql LABELS catalog TIMEOUT 120)
add_dependencies(tst_syncbackground modeldock-cli)
modeldock_add_qtest(tst_modellink SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_modellink.cpp
    LIBS modeldock_core LABELS catalog TIMEOUT 30)
modeldock_add_qtest(tst_catalogreader SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_catalogreader.cpp
    LIBS modeldock_core LABELS catalog TIMEOUT 60)
modeldock_add_qtest(tst_aggregation SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_aggregation.cpp
    LIBS modeldock_core LABELS catalog TIMEOUT 30)
modeldock_add_qtest(tst_previewimages SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_previewimages.cpp
    LIBS modeldock_core LABELS catalog TIMEOUT 30)
