# cmake -DPREFIX=<install prefix> -DCC=<C compiler> -DSOURCE=main.c -DOUT=<binary> -P run.cmake
# Compiles and runs a C program with the flags pkg-config gives for the installed zoneperf.pc.
file(GLOB_RECURSE pc LIST_DIRECTORIES false "${PREFIX}/*/zoneperf.pc")
list(GET pc 0 pc)
get_filename_component(pc_dir "${pc}" DIRECTORY)
set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
find_program(PKG_CONFIG pkg-config REQUIRED)
execute_process(COMMAND ${PKG_CONFIG} --cflags --libs zoneperf OUTPUT_VARIABLE flags
                OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
message(STATUS "pkg-config --cflags --libs zoneperf: ${flags}")
separate_arguments(flags UNIX_COMMAND "${flags}")
execute_process(COMMAND ${CC} -std=c99 -Wall -Werror ${SOURCE} -o ${OUT} ${flags} COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${OUT} COMMAND_ERROR_IS_FATAL ANY)
