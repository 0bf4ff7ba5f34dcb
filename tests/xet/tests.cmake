modeldock_add_qtest(tst_xetchunkdecoder SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_xetchunkdecoder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/xorbbuilder.h
    LIBS modeldock_core PkgConfig::LZ4 LABELS xet TIMEOUT 60)
