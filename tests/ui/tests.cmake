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
# One fixture (the app, the hub, what a person does), one process per subject.
add_library(modeldock_journeyfixture STATIC ${CMAKE_CURRENT_LIST_DIR}/journeyfixture.cpp
    ${CMAKE_CURRENT_LIST_DIR}/journeyfixture.h)
target_include_directories(modeldock_journeyfixture PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(modeldock_journeyfixture PUBLIC Qt6::Test modeldock_testsupport modeldock_settings modeldock_ui
    modeldock_gui_composition)
foreach(subject IN ITEMS hf civitai window library layout identify freespace insight grid)
    modeldock_add_qtest(tst_journeys_${subject} SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_journeys_${subject}.cpp
        LIBS modeldock_journeyfixture LABELS ui journeys TIMEOUT 240)
endforeach()
add_dependencies(tst_journeys_library modeldock-cli)
modeldock_add_qtest(tst_filerevealer SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_filerevealer.cpp
    LIBS modeldock_ui LABELS ui)
# The same test on a private session bus, where the file manager stand-in can register.
find_program(MODELDOCK_DBUS_RUN_SESSION dbus-run-session)
if(MODELDOCK_DBUS_RUN_SESSION)
    add_test(NAME tst_filerevealer_dbus COMMAND ${MODELDOCK_DBUS_RUN_SESSION} -- $<TARGET_FILE:tst_filerevealer>)
    set_tests_properties(tst_filerevealer_dbus PROPERTIES TIMEOUT 60 LABELS ui ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endif()
# The window at 1024×700, at 100 % and at 200 %: nothing cut off (issue 11).
modeldock_add_qtest(tst_layout SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_layout.cpp
    LIBS modeldock_journeyfixture LABELS ui journeys)
add_test(NAME tst_layout_200 COMMAND tst_layout)
set_tests_properties(tst_layout_200 PROPERTIES TIMEOUT 120 LABELS "ui;journeys"
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_SCALE_FACTOR=2;MODELDOCK_SOURCE_DIR=${PROJECT_SOURCE_DIR};MODELDOCK_BIN_DIR=${PROJECT_BINARY_DIR}/bin;PYTHONDONTWRITEBYTECODE=1")
# What a screen reader hears, walked through QAccessible (issue 17).
modeldock_add_qtest(tst_accessibility SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_accessibility.cpp
    LIBS modeldock_journeyfixture LABELS ui)
modeldock_add_qtest(tst_chineseui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_chineseui.cpp
    LIBS modeldock_ui modeldock_gui_composition LABELS ui translations)
