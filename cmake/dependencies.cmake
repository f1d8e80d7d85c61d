include(GNUInstallDirs)
# find_package with an error that names the Debian package to install.
macro(zoneperf_require name debian_package)
  find_package(${name} ${ARGN} QUIET)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR "zoneperf needs ${name}: install the Debian package ${debian_package} "
                        "(scripts/setup.sh installs everything)")
  endif()
endmacro()
# A C library without a CMake package: ZONEPERF_<VAR>_INCLUDE_DIR (the folder holding `header`) and
# ZONEPERF_<VAR>_LIBRARY (a full path, so that a static zoneperf's export links it as it is), found
# where pkg-config module `name` says, else in the usual places.
macro(zoneperf_find_c_library var name header debian_package)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(ZONEPERF_PC_${var} QUIET ${name})
  endif()
  find_path(ZONEPERF_${var}_INCLUDE_DIR ${header} HINTS ${ZONEPERF_PC_${var}_INCLUDEDIR})
  find_library(ZONEPERF_${var}_LIBRARY ${name} HINTS ${ZONEPERF_PC_${var}_LIBDIR})
  if(NOT ZONEPERF_${var}_INCLUDE_DIR OR NOT ZONEPERF_${var}_LIBRARY)
    message(FATAL_ERROR "zoneperf needs ${name}: install the Debian package ${debian_package} "
                        "(scripts/setup.sh installs everything)")
  endif()
endmacro()
