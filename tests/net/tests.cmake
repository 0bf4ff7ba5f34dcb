modeldock_add_qtest(tst_httperror SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_httperror.cpp
    LIBS modeldock_core LABELS core net)
modeldock_add_qtest(tst_credentials SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_credentials.cpp
    LIBS modeldock_core LABELS core net)
modeldock_add_qtest(tst_requestfactory SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_requestfactory.cpp
    LIBS modeldock_core LABELS core net)
modeldock_add_qtest(tst_retrybudget SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_retrybudget.cpp
    LIBS modeldock_core LABELS core net)
modeldock_add_qtest(tst_session SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_session.cpp
    LIBS modeldock_core LABELS core net)
