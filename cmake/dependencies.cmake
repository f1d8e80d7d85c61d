include(GNUInstallDirs)
# find_package with an error that names the Debian package to install.
macro(zoneperf_require name debian_package)
  find_package(${name} ${ARGN} QUIET)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR "zoneperf needs ${name}: install the Debian package ${debian_package} "
                        "(scripts/setup.sh installs everything)")
  endif()
endmacro()
