# packaging_install: `cmake --install` into a scratch prefix puts the executables, the
# desktop entry and the icons where a desktop environment looks for them.
include(GNUInstallDirs)
add_test(NAME packaging_install
         COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR}
                 -DPREFIX=${CMAKE_CURRENT_BINARY_DIR}/packaging-install
                 -DBINDIR=${CMAKE_INSTALL_BINDIR} -DDATADIR=${CMAKE_INSTALL_DATADIR}
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_install.cmake)
set_tests_properties(packaging_install PROPERTIES LABELS packaging TIMEOUT 120 RESOURCE_LOCK modeldock_install_tree)

# packaging_deb: the Debian package as Debian checks it (tests/packaging/check_deb.sh says what).
if(MODELDOCK_GUI)
    add_test(NAME packaging_deb
             COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_deb.sh ${PROJECT_BINARY_DIR}
                     ${CMAKE_CURRENT_BINARY_DIR}/packaging-deb)
    set_tests_properties(packaging_deb PROPERTIES LABELS packaging TIMEOUT 300 SKIP_RETURN_CODE 77
        RESOURCE_LOCK modeldock_install_tree)
endif()
