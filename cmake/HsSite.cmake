# hs_add_site(<name> ENGINE <target> WEB_DIR <dir> SITE_DIR <dir>)
#
# Links ENGINE with HS_WASM_NO_EVAL_FLAGS (HsToolchain.cmake), then a custom target (part of ALL)
# assembles the static site in SITE_DIR, updated in place (a running server keeps serving):
#   HS_SITE_BUNDLE=ON (default): the production site of tools/build-site.mjs (node + esbuild from
#     node_modules: npm ci): the page's modules bundled and minified, minified CSS, content-hashed names,
#     .gz/.br copies; the engine's .mjs and .wasm beside them under their own names.
#   HS_SITE_BUNDLE=OFF: the whole tree under WEB_DIR as it is plus the engine's .mjs and .wasm
#     (AssembleSite.cmake), for reading the page's own modules in the browser.
# Either way SITE_DIR loses any file that is not part of the site. It re-runs whenever the engine is
# relinked or any file under WEB_DIR changes; new or deleted web files re-run the glob (CONFIGURE_DEPENDS).
set(_HS_ASSEMBLE_SITE_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/AssembleSite.cmake")
get_filename_component(_HS_SITE_TOOLS "${CMAKE_CURRENT_LIST_DIR}/../tools" REALPATH)
option(HS_SITE_BUNDLE "build/site: the production build (bundled, minified, hashed names, .gz/.br)" ON)

function(hs_add_site name)
  cmake_parse_arguments(ARG "" "ENGINE;WEB_DIR;SITE_DIR" "" ${ARGN})
  # The site is served with a CSP without 'unsafe-eval' (worker included): its engine must not eval.
  target_link_options(${ARG_ENGINE} PRIVATE ${HS_WASM_NO_EVAL_FLAGS})
  # Module.handle(caller, target, body), the JS side of wasm/bindings.cpp (wasm/handle.js says how).
  set(_post_js "${PROJECT_SOURCE_DIR}/wasm/handle.js")
  target_link_options(${ARG_ENGINE} PRIVATE "SHELL:--post-js ${_post_js}")
  set_property(TARGET ${ARG_ENGINE} APPEND PROPERTY LINK_DEPENDS "${_post_js}")
  file(GLOB_RECURSE _web_files CONFIGURE_DEPENDS LIST_DIRECTORIES false "${ARG_WEB_DIR}/*")
  # The file list's hash is part of the command, so deleting a web file (which
  # re-runs the glob at the next build) also re-runs the assembly.
  string(SHA1 _web_files_hash "${_web_files}")
  set(_stamp "${CMAKE_CURRENT_BINARY_DIR}/${name}.stamp")
  if(HS_SITE_BUNDLE)
    find_program(HS_NODE node REQUIRED)
    set(_build_site "${_HS_SITE_TOOLS}/build-site.mjs")
    # esbuild's version is part of the output: a new one (npm ci) rebuilds the site.
    set(_esbuild_pkg "${PROJECT_SOURCE_DIR}/node_modules/esbuild/package.json")
    set(_esbuild_dep "")
    if(EXISTS "${_esbuild_pkg}")
      set(_esbuild_dep "${_esbuild_pkg}")
    endif()
    add_custom_command(
      OUTPUT "${_stamp}"
      COMMAND "${HS_NODE}" "${_build_site}"
              --web "${ARG_WEB_DIR}"
              --engine "$<TARGET_FILE:${ARG_ENGINE}>"
              --out "${ARG_SITE_DIR}"
              --web-files-hash "${_web_files_hash}"
      COMMAND "${CMAKE_COMMAND}" -E touch "${_stamp}"
      DEPENDS ${ARG_ENGINE} "$<TARGET_FILE:${ARG_ENGINE}>" ${_web_files} "${_build_site}"
              "${_HS_SITE_TOOLS}/serve-site.mjs" "${_HS_SITE_TOOLS}/prebuild-worlds.mjs" ${_esbuild_dep}
      WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
      COMMENT "Building the production site in ${ARG_SITE_DIR} (tools/build-site.mjs)"
      VERBATIM)
  else()
    add_custom_command(
      OUTPUT "${_stamp}"
      COMMAND "${CMAKE_COMMAND}"
              "-DWEB_DIR=${ARG_WEB_DIR}"
              "-DSITE_DIR=${ARG_SITE_DIR}"
              "-DENGINE_JS=$<TARGET_FILE:${ARG_ENGINE}>"
              "-DWEB_FILES_HASH=${_web_files_hash}"
              -P "${_HS_ASSEMBLE_SITE_SCRIPT}"
      COMMAND "${CMAKE_COMMAND}" -E touch "${_stamp}"
      DEPENDS ${ARG_ENGINE} "$<TARGET_FILE:${ARG_ENGINE}>" ${_web_files} "${_HS_ASSEMBLE_SITE_SCRIPT}"
      COMMENT "Assembling static site in ${ARG_SITE_DIR}"
      VERBATIM)
  endif()
  add_custom_target(${name} ALL DEPENDS "${_stamp}")
endfunction()
