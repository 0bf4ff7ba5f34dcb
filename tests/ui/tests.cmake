modeldock_add_qtest(tst_mainwindow SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_mainwindow.cpp
    LIBS modeldock_ui LABELS ui)
modeldock_add_qtest(tst_settingsdialog SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_settingsdialog.cpp
    LIBS modeldock_ui LABELS ui settings)
modeldock_add_qtest(tst_downloadsdashboard SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_downloadsdashboard.cpp
    LIBS modeldock_ui LABELS ui downloads TIMEOUT 180)
modeldock_add_qtest(tst_catalogmodel SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_catalogmodel.cpp
    LIBS modeldock_ui LABELS ui catalog)
modeldock_add_qtest(tst_guiapp SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_guiapp.cpp
    LIBS modeldock_ui modeldock_gui_composition LABELS ui TIMEOUT 180)
modeldock_add_qtest(tst_progressdelegate SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_progressdelegate.cpp
    LIBS modeldock_ui LABELS ui)
modeldock_add_qtest(tst_imagecache SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_imagecache.cpp
    LIBS modeldock_ui LABELS ui)
modeldock_add_qtest(tst_detailspane SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_detailspane.cpp
    LIBS modeldock_ui LABELS ui catalog)
modeldock_add_qtest(tst_traycontroller SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_traycontroller.cpp
    LIBS modeldock_ui LABELS ui downloads)
modeldock_add_qtest(tst_singleinstance SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_singleinstance.cpp
    LIBS modeldock_ui LABELS ui)
# The single-instance test launches the real app.
add_dependencies(tst_singleinstance modeldock)
modeldock_add_qtest(tst_guicatalog SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_guicatalog.cpp
    LIBS modeldock_ui modeldock_gui_composition LABELS ui catalog TIMEOUT 240)
# The headline journeys through the real window (issue 11), against the test hub.
modeldock_add_qtest(tst_journeys SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_journeys.cpp
    LIBS modeldock_ui modeldock_gui_composition LABELS ui TIMEOUT 240)
modeldock_add_qtest(tst_filerevealer SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_filerevealer.cpp
    LIBS modeldock_ui LABELS ui)
# The same test on a private session bus, where the file manager stand-in can register.
find_program(MODELDOCK_DBUS_RUN_SESSION dbus-run-session)
if(MODELDOCK_DBUS_RUN_SESSION)
    add_test(NAME tst_filerevealer_dbus COMMAND ${MODELDOCK_DBUS_RUN_SESSION} -- $<TARGET_FILE:tst_filerevealer>)
    set_tests_properties(tst_filerevealer_dbus PROPERTIES TIMEOUT 60 LABELS ui ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endif()
