modeldock_add_qtest(tst_xetchunkdecoder SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_xetchunkdecoder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/xorbbuilder.h
    LIBS modeldock_core PkgConfig::LZ4 LABELS xet TIMEOUT 60)
modeldock_add_qtest(tst_xetreconstruction SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_xetreconstruction.cpp
    LIBS modeldock_core LABELS xet TIMEOUT 30)
modeldock_add_qtest(tst_xetfileinfo SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_xetfileinfo.cpp
    LIBS modeldock_core LABELS xet TIMEOUT 30)
modeldock_add_qtest(tst_xettermledger SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_xettermledger.cpp
    LIBS modeldock_core Qt6::Sql LABELS xet TIMEOUT 60)
