if(MODELDOCK_GUI)
    modeldock_add_qtest(tst_executables SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_executables.cpp
        LIBS Qt6::Core Qt6::Sql LABELS app)
    add_dependencies(tst_executables modeldock modeldock-cli)
    modeldock_add_qtest(tst_guiupdates SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_guiupdates.cpp
        LIBS modeldock_ui modeldock_gui_composition LABELS app ui updates TIMEOUT 240)
endif()
modeldock_add_qtest(tst_clisettings SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clisettings.cpp
    LIBS modeldock_core Qt6::Sql LABELS app settings TIMEOUT 180)
add_dependencies(tst_clisettings modeldock-cli)
modeldock_add_qtest(tst_clicivitaiupdate SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clicivitaiupdate.cpp
    LIBS modeldock_core LABELS app cli updates)
add_dependencies(tst_clicivitaiupdate modeldock-cli)
# The desktop keyring for real: its own D-Bus session and gnome-keyring-daemon (skipped
# without them).
modeldock_add_qtest(tst_keyringsecretstore SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_keyringsecretstore.cpp
    LIBS modeldock_keyring LABELS app settings)
add_test(NAME tst_keyringsecretstore_live
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/with_keyring.sh $<TARGET_FILE:tst_keyringsecretstore>)
set_tests_properties(tst_keyringsecretstore_live PROPERTIES LABELS "app;settings" TIMEOUT 120 SKIP_RETURN_CODE 77)
