# cmake -DWEB_DIR=... -DSITE_DIR=... -DENGINE_JS=.../handshake-engine.mjs -P AssembleSite.cmake
#
# SITE_DIR = everything under WEB_DIR (if it exists) + ENGINE_JS + its .wasm,
# and nothing else.
cmake_minimum_required(VERSION 3.21)
foreach(var WEB_DIR SITE_DIR ENGINE_JS)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "AssembleSite.cmake: -D${var}=... is required")
  endif()
endforeach()

get_filename_component(_engine_dir "${ENGINE_JS}" DIRECTORY)
get_filename_component(_engine_stem "${ENGINE_JS}" NAME_WE)
set(ENGINE_WASM "${_engine_dir}/${_engine_stem}.wasm")
foreach(f "${ENGINE_JS}" "${ENGINE_WASM}")
  if(NOT EXISTS "${f}")
    message(FATAL_ERROR "AssembleSite.cmake: ${f} does not exist")
  endif()
endforeach()

# Update in place (a server may be serving SITE_DIR right now): copy what is
# new or changed, then delete whatever is no longer part of the site.
file(MAKE_DIRECTORY "${SITE_DIR}")
set(_wanted "")
if(IS_DIRECTORY "${WEB_DIR}")
  # trailing slash: copy the directory's contents, not the directory itself
  file(COPY "${WEB_DIR}/" DESTINATION "${SITE_DIR}")
  file(GLOB_RECURSE _wanted RELATIVE "${WEB_DIR}" LIST_DIRECTORIES true "${WEB_DIR}/*")
endif()
file(COPY "${ENGINE_JS}" "${ENGINE_WASM}" DESTINATION "${SITE_DIR}")
get_filename_component(_js_name "${ENGINE_JS}" NAME)
get_filename_component(_wasm_name "${ENGINE_WASM}" NAME)
list(APPEND _wanted "${_js_name}" "${_wasm_name}")

file(GLOB_RECURSE _present RELATIVE "${SITE_DIR}" LIST_DIRECTORIES true "${SITE_DIR}/*")
foreach(rel IN LISTS _present)
  if(NOT rel IN_LIST _wanted AND EXISTS "${SITE_DIR}/${rel}")
    file(REMOVE_RECURSE "${SITE_DIR}/${rel}")
  endif()
endforeach()
