include(CMakePackageConfigHelpers)
install(TARGETS zoneperf EXPORT zoneperf-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/zoneperf DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT zoneperf-targets NAMESPACE zoneperf:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/zoneperf)
configure_package_config_file(cmake/zoneperfConfig.cmake.in ${PROJECT_BINARY_DIR}/zoneperfConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/zoneperf)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/zoneperfConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/zoneperfConfig.cmake ${PROJECT_BINARY_DIR}/zoneperfConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/zoneperf)
if(TARGET zoneperf-cli)
  install(TARGETS zoneperf-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
