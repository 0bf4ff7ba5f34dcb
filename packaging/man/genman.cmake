# Writes a gzipped man page for one program from its own --help and --version (help2man).
# cmake -DPROGRAM=… -DNAME=… -DSUMMARY=… -DOUT=…/x.1.gz -DHELP2MAN=… -DGZIP=… [-DSUBCOMMANDS=ON]
#       [-DSEE_ALSO=…] -P genman.cmake
# With SUBCOMMANDS, the "Commands:" list of --help is read and every command's own --help
# becomes a subsection of COMMANDS, so the page documents what `PROGRAM help CMD` says.
cmake_minimum_required(VERSION 3.25)
get_filename_component(out_dir "${OUT}" DIRECTORY)
string(REGEX REPLACE "\\.gz$" "" page "${OUT}")
set(include_file "${page}.h2m")

# roff: a backslash is \e, and a line may not start with a dot or an apostrophe.
function(roff_escape text out_var)
    string(REPLACE "\\" "\\e" text "${text}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
    set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# Runs in an empty environment for ModelDock's folders: --help must touch nothing anyway.
set(ENV{MODELDOCK_DATA_DIR} "${out_dir}/manpage-data")
# The man page is English whatever the locale of the machine that builds it.
set(ENV{LC_ALL} "C.UTF-8")
unset(ENV{LANGUAGE})
set(include_text "")
if(SUBCOMMANDS)
    execute_process(COMMAND "${PROGRAM}" --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${PROGRAM} --help failed (${rc})")
    endif()
    string(REGEX MATCH "\nCommands:\n(([ ][ ][^\n]*\n)+)" _ "${help}")
    string(REGEX MATCHALL "\n  [a-z][a-z-]*" commands "\n${CMAKE_MATCH_1}")
    string(APPEND include_text "[COMMANDS]\n")
    foreach(command IN LISTS commands)
        string(STRIP "${command}" command)
        if(command STREQUAL "help")
            continue()
        endif()
        execute_process(COMMAND "${PROGRAM}" help "${command}" OUTPUT_VARIABLE usage RESULT_VARIABLE rc)
        if(NOT rc EQUAL 0)
            message(FATAL_ERROR "${PROGRAM} help ${command} failed (${rc})")
        endif()
        roff_escape("${usage}" usage)
        string(APPEND include_text ".SS ${command}\n.nf\n${usage}.fi\n")
    endforeach()
endif()
string(APPEND include_text "[FILES]\n"
    ".TP\n.I ~/.config/modeldock/\nsettings (settings.sqlite, the optional modeldock.json) and, without a desktop keyring, the tokens file (readable only by you)\n"
    ".TP\n.I ~/.local/share/modeldock/\nthe catalog, the download journal and the library index\n"
    ".TP\n.I ~/.cache/modeldock/\npreview images\n"
    ".PP\nXDG_CONFIG_HOME, XDG_DATA_HOME and XDG_CACHE_HOME move them; MODELDOCK_DATA_DIR keeps all of them in one folder.\n")
if(SEE_ALSO)
    string(APPEND include_text "[SEE ALSO]\n${SEE_ALSO}\n")
endif()
file(WRITE "${include_file}" "${include_text}")

execute_process(COMMAND "${HELP2MAN}" --no-info --no-discard-stderr --name=${SUMMARY}
                        --section=1 --include=${include_file} --output=${page} "${PROGRAM}"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man ${PROGRAM} failed (${rc}): ${err}")
endif()
# -n: no name or time stamp in the header, so the page is the same from one build to the next.
execute_process(COMMAND "${GZIP}" -9nf "${page}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip ${page} failed (${rc})")
endif()
