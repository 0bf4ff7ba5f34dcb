modeldock_add_qtest(tst_clidownload SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clidownload.cpp
    LIBS modeldock_core LABELS cli TIMEOUT 120)
add_dependencies(tst_clidownload modeldock-cli)
# The official JavaScript client and modeldock-cli share one Hugging Face cache.
modeldock_add_qtest(tst_clihfjsinterop SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clihfjsinterop.cpp
    LIBS modeldock_core LABELS cli hub_clients TIMEOUT 180)
add_dependencies(tst_clihfjsinterop modeldock-cli)
set_property(TEST tst_clihfjsinterop APPEND PROPERTY ENVIRONMENT "MODELDOCK_HFJS_DIR=${MODELDOCK_HFJS_DIR}")
modeldock_add_qtest(tst_clihubfaults SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clihubfaults.cpp
    LIBS modeldock_core LABELS cli hub_clients net TIMEOUT 240)
add_dependencies(tst_clihubfaults modeldock-cli)
modeldock_add_qtest(tst_cliupdate SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cliupdate.cpp
    LIBS modeldock_core LABELS cli updates TIMEOUT 120)
add_dependencies(tst_cliupdate modeldock-cli)
modeldock_add_qtest(tst_clicrash SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clicrash.cpp
    LIBS modeldock_core LABELS cli download TIMEOUT 600)
add_dependencies(tst_clicrash modeldock-cli)
modeldock_add_qtest(tst_cliarchive SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cliarchive.cpp
    LIBS modeldock_core LABELS cli library TIMEOUT 120)
add_dependencies(tst_cliarchive modeldock-cli)
modeldock_add_qtest(tst_clireuse SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clireuse.cpp
    LIBS modeldock_core LABELS cli library TIMEOUT 120)
add_dependencies(tst_clireuse modeldock-cli)
# Library layouts (issue 13): where each program's folders put a Civitai file and its sidecars.
modeldock_add_qtest(tst_clilibrarylayout SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clilibrarylayout.cpp
    LIBS modeldock_core LABELS cli library TIMEOUT 180)
add_dependencies(tst_clilibrarylayout modeldock-cli)
modeldock_add_qtest(tst_clilibraryidentify SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clilibraryidentify.cpp
    LIBS modeldock_core LABELS cli library identify TIMEOUT 180)
add_dependencies(tst_clilibraryidentify modeldock-cli)
# Model insight (issue 14): headers read with Range requests, and will-it-fit.
modeldock_add_qtest(tst_cliinsight SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cliinsight.cpp
    LIBS modeldock_core LABELS cli insight TIMEOUT 120)
add_dependencies(tst_cliinsight modeldock-cli)
# Xet (issue 15): downloads through the reconstruction, header-only updates, refreshed links,
# fallbacks, against the test hub's CAS and xorb storage.
modeldock_add_qtest(tst_clixet SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clixet.cpp
    LIBS modeldock_core LABELS cli download xet TIMEOUT 180)
add_dependencies(tst_clixet modeldock-cli testhubxet)
