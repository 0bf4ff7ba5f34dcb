# Download engine tests: real HTTP against the local test hub, real files, real SQLite.
foreach(name types journal journalwriter rangestream downloadtask resume downloadpool partialfile filedigest datafolderlock
             connectionlanes splitadvisor rangeplanner streamset integritypipeline attemptbudget speedmeter
             scheduler groupbook changebatcher xetplan xetdownload)
    modeldock_add_qtest(tst_${name}
        SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_${name}.cpp ${CMAKE_CURRENT_LIST_DIR}/downloadtesthelpers.h
                ${CMAKE_CURRENT_LIST_DIR}/scopedtmpfs.h
        LIBS modeldock_core LABELS download TIMEOUT 90)
endforeach()

# A separate process the durability test kills with SIGKILL mid-transfer.
qt_add_executable(downloadworker ${CMAKE_CURRENT_LIST_DIR}/downloadworker.cpp)
target_link_libraries(downloadworker PRIVATE modeldock_core modeldock_settings)
target_compile_definitions(tst_journal PRIVATE
    MODELDOCK_DOWNLOADWORKER="$<TARGET_FILE:downloadworker>")
add_dependencies(tst_journal downloadworker)

# A separate process the journal writer's crash test kills with SIGKILL mid-commit.
qt_add_executable(journalworker ${CMAKE_CURRENT_LIST_DIR}/journalworker.cpp)
target_link_libraries(journalworker PRIVATE modeldock_core)
target_compile_definitions(tst_journalwriter PRIVATE
    MODELDOCK_JOURNALWORKER="$<TARGET_FILE:journalworker>")
add_dependencies(tst_journalwriter journalworker)

# The archive step, through the pool, on archives written with libarchive's writer.
modeldock_add_qtest(tst_archivestep SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_archivestep.cpp
    ${CMAKE_CURRENT_LIST_DIR}/../library/archivebuilder.h
    LIBS modeldock_core LibArchive::LibArchive LABELS download library TIMEOUT 60)
