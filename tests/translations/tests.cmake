# translations/*.ts current and complete (tests/translations/check-translations.sh says what
# it checks); scripts/update-translations.sh refreshes them after a string changes.
add_test(NAME translations_current
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/check-translations.sh ${CMAKE_CURRENT_BINARY_DIR}/translations_current)
set_tests_properties(translations_current PROPERTIES LABELS "translations" TIMEOUT 120)
