# The fuzz targets for CI: run.sh builds them with clang in a folder of its own (only the
# sources the parsers need, so a few minutes at most) and runs each for 20 s; a crash fails
# the test and the input is kept under fuzz/artifacts/. Without clang there is nothing to run.
find_program(MODELDOCK_CLANGXX clang++)
if(MODELDOCK_CLANGXX)
    add_test(NAME fuzz_parsers COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run.sh 20 ${PROJECT_BINARY_DIR}/fuzz)
    set_tests_properties(fuzz_parsers PROPERTIES LABELS fuzz TIMEOUT 1200)
endif()
