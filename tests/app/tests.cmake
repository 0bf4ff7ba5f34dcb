modeldock_add_qtest(tst_executables SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_executables.cpp
    LIBS Qt6::Core LABELS app)
add_dependencies(tst_executables modeldock modeldock-cli)
modeldock_add_qtest(tst_clisettings SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clisettings.cpp
    LIBS Qt6::Core LABELS app settings)
add_dependencies(tst_clisettings modeldock-cli)
