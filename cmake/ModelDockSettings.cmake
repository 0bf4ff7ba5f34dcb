# One INTERFACE target carries the project's compile settings; every target links it
# instead of repeating flags.
add_library(modeldock_settings INTERFACE)
target_compile_options(modeldock_settings INTERFACE
    -Wall -Wextra -pedantic -Wold-style-cast -Wnon-virtual-dtor)
target_compile_definitions(modeldock_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_KEYWORDS
    QT_USE_QSTRINGBUILDER
    QT_NO_CAST_TO_ASCII
    MODELDOCK_VERSION="${PROJECT_VERSION}")

if(MODELDOCK_WERROR)
    target_compile_options(modeldock_settings INTERFACE -Werror)
endif()
if(MODELDOCK_SANITIZE)
    # Every target of ours links modeldock_settings, so one place instruments them all.
    target_compile_options(modeldock_settings INTERFACE -fsanitize=${MODELDOCK_SANITIZE} -fno-omit-frame-pointer)
    target_link_options(modeldock_settings INTERFACE -fsanitize=${MODELDOCK_SANITIZE})
endif()
