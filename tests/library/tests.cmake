modeldock_add_qtest(tst_storagelayout SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storagelayout.cpp
    LIBS modeldock_core LABELS library TIMEOUT 30)
modeldock_add_qtest(tst_downloadplanner SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_downloadplanner.cpp
    LIBS modeldock_core LABELS library TIMEOUT 60)
modeldock_add_qtest(tst_pickresolver SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_pickresolver.cpp
    LIBS modeldock_core LABELS library TIMEOUT 30)
modeldock_add_qtest(tst_archiveextractor SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_archiveextractor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/archivebuilder.h
    LIBS modeldock_core LibArchive::LibArchive LABELS library TIMEOUT 60)
modeldock_add_qtest(tst_archiveinstaller SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_archiveinstaller.cpp
    ${CMAKE_CURRENT_LIST_DIR}/archivebuilder.h
    LIBS modeldock_core LibArchive::LibArchive LABELS library TIMEOUT 60)
modeldock_add_qtest(tst_libraryindex SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_libraryindex.cpp
    LIBS modeldock_core LABELS library TIMEOUT 60)
modeldock_add_qtest(tst_librarylayout SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_librarylayout.cpp
    LIBS modeldock_core LABELS library TIMEOUT 30)
modeldock_add_qtest(tst_civitaisidecars SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_civitaisidecars.cpp
    LIBS modeldock_core LABELS library TIMEOUT 30)
modeldock_add_qtest(tst_transferstates SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_transferstates.cpp
    LIBS modeldock_core LABELS library TIMEOUT 60)
