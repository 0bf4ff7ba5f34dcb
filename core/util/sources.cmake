list(APPEND MODELDOCK_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/clock.h
    ${CMAKE_CURRENT_LIST_DIR}/bytesizes.h
    ${CMAKE_CURRENT_LIST_DIR}/bytesizes.cpp
    ${CMAKE_CURRENT_LIST_DIR}/allocator.h
    ${CMAKE_CURRENT_LIST_DIR}/allocator.cpp
    ${CMAKE_CURRENT_LIST_DIR}/translations.h
    ${CMAKE_CURRENT_LIST_DIR}/translations.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logging.h
    ${CMAKE_CURRENT_LIST_DIR}/logging.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sha256.h
    ${CMAKE_CURRENT_LIST_DIR}/sha256.cpp
    ${CMAKE_CURRENT_LIST_DIR}/freespace.h
    ${CMAKE_CURRENT_LIST_DIR}/freespace.cpp
    ${CMAKE_CURRENT_LIST_DIR}/futurewatch.h
    ${CMAKE_CURRENT_LIST_DIR}/sqlitedb.h
    ${CMAKE_CURRENT_LIST_DIR}/sqlitedb.cpp
    ${CMAKE_CURRENT_LIST_DIR}/version.h)
