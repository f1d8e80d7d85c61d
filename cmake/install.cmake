# Install rules: the library, its headers (C++ and C), the CMake package (find_package(zoneperf
# CONFIG) gives zoneperf::zoneperf), a pkg-config file for the C API, and the command-line tool.
# Proven by the consumer projects in tests/consumer/.
include(CMakePackageConfigHelpers)
set(ZONEPERF_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/zoneperf)
install(TARGETS zoneperf EXPORT zoneperf-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/zoneperf DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT zoneperf-targets NAMESPACE zoneperf:: DESTINATION ${ZONEPERF_CMAKE_DIR})
# A static zoneperf carries its private dependencies into the export (as $<LINK_ONLY:...>), so
# the package config must find them too.
get_target_property(ZONEPERF_LIBRARY_TYPE zoneperf TYPE)
if(ZONEPERF_LIBRARY_TYPE STREQUAL "STATIC_LIBRARY")
  set(ZONEPERF_STATIC ON)
else()
  set(ZONEPERF_STATIC OFF)
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/zoneperfConfig.cmake.in
  ${PROJECT_BINARY_DIR}/zoneperfConfig.cmake INSTALL_DESTINATION ${ZONEPERF_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/zoneperfConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/zoneperfConfig.cmake ${PROJECT_BINARY_DIR}/zoneperfConfigVersion.cmake
  DESTINATION ${ZONEPERF_CMAKE_DIR})

# pkg-config, for C programs: `cc prog.c $(pkg-config --cflags --libs zoneperf)`. The prefix is
# found from the .pc file's own place (${pcfiledir}), so `cmake --install --prefix X` works.
set(ZONEPERF_PKGCONFIG_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
file(RELATIVE_PATH ZONEPERF_PC_TO_PREFIX /prefix/${ZONEPERF_PKGCONFIG_DIR} /prefix)
string(REGEX REPLACE "/$" "" ZONEPERF_PC_TO_PREFIX "${ZONEPERF_PC_TO_PREFIX}")
set(ZONEPERF_PC_DEPS "-lxlsxwriter -lminizip -ldeflate -lexpat -lfreexl -lfmt -lstdc++ -lm -pthread")  # what a C link of the C++ library needs
if(ZONEPERF_STATIC)
  set(ZONEPERF_PC_LIBS "-L\${libdir} -lzoneperf ${ZONEPERF_PC_DEPS}")
  set(ZONEPERF_PC_LIBS_PRIVATE "")
else()
  set(ZONEPERF_PC_LIBS "-L\${libdir} -lzoneperf")
  set(ZONEPERF_PC_LIBS_PRIVATE "${ZONEPERF_PC_DEPS}")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/zoneperf.pc.in ${PROJECT_BINARY_DIR}/zoneperf.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/zoneperf.pc DESTINATION ${ZONEPERF_PKGCONFIG_DIR})

if(TARGET zoneperf-cli)
  install(TARGETS zoneperf-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
# The documentation that --help and the headers point to.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
