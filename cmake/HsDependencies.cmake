# Header-only dependencies from Debian packages:
#   catch2 (v2)        -> Catch2::Catch2 and catch_discover_tests() (Catch.cmake)
#   nlohmann-json3-dev -> nlohmann_json::nlohmann_json: only the tests use it, as an independent JSON
#                         reader and writer that hs::Json (core/wire/json.h) is checked against
#
# Natively these are plain find_package() calls. Under Emscripten the toolchain
# re-roots package search into its sysroot, so the packages are found with
# NO_CMAKE_FIND_ROOT_PATH; but their imported targets then carry
# `-isystem /usr/include`, which puts glibc headers ahead of the Emscripten
# sysroot (`bits/libc-header-start.h` not found). So the headers are copied into
# the build tree and the imported targets are pointed at the copy.

if(EMSCRIPTEN)
  set(_hs_find_opts NO_CMAKE_FIND_ROOT_PATH)
else()
  set(_hs_find_opts)
endif()

if(HS_BUILD_TESTS)
  find_package(nlohmann_json 3.11 REQUIRED ${_hs_find_opts})
  find_package(Catch2 2 REQUIRED ${_hs_find_opts})
  include(Catch)  # Catch2Config.cmake put its directory on CMAKE_MODULE_PATH
endif()

# _hs_rehome_headers(<imported target> <subdir> [<subdir>...])
# Copy <include dir>/<subdir> of the target into the build tree and make the
# copy the target's only include directory.
function(_hs_rehome_headers target)
  get_target_property(_dirs ${target} INTERFACE_INCLUDE_DIRECTORIES)
  set(_dest "${CMAKE_BINARY_DIR}/_deps_include")
  foreach(sub IN LISTS ARGN)
    set(_found "")
    foreach(dir IN LISTS _dirs)
      if(EXISTS "${dir}/${sub}")
        set(_found "${dir}/${sub}")
        break()
      endif()
    endforeach()
    if(NOT _found)
      message(FATAL_ERROR "${target}: ${sub}/ not found in ${_dirs}")
    endif()
    file(COPY "${_found}" DESTINATION "${_dest}")
  endforeach()
  set_target_properties(${target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_dest}")
endfunction()

if(EMSCRIPTEN)
  if(HS_BUILD_TESTS)
    _hs_rehome_headers(nlohmann_json::nlohmann_json nlohmann)
    _hs_rehome_headers(Catch2::Catch2 catch2)
  endif()
endif()
