# Compiler settings shared by every target, plus the Emscripten 3.1.6 specifics.

# hs_enable_warnings(<target>): -Wall -Wextra on the target's own sources.
# (Third-party headers come in through imported targets, i.e. as system headers.)
function(hs_enable_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra)
  endif()
endfunction()

if(NOT EMSCRIPTEN)
  return()
endif()

# Emscripten's JS optimizer runs under the machine's node, which does not search
# /usr/share/nodejs (Debian's acorn): "Cannot find module 'acorn'" at -O1+.
set(CMAKE_CXX_LINKER_LAUNCHER "${CMAKE_COMMAND}" -E env NODE_PATH=/usr/share/nodejs)

# node used to run the wasm test binary (emcmake's default emulator passes a flag
# that node 20 rejects, so the test target sets its own emulator).
find_program(HS_NODE NAMES node nodejs REQUIRED)

# Environments the browser module is compiled for. "web,worker" lets the same
# artifact run on a page and in a (module) Web Worker; node loads it too with
# factory({ wasmBinary }).
set(HS_WASM_ENVIRONMENT "web,worker" CACHE STRING
    "-sENVIRONMENT for handshake-engine.mjs")

# No eval in the browser module: the site's Content-Security-Policy (tools/site-headers.json) allows
# 'wasm-unsafe-eval' (compiling WebAssembly) but not 'unsafe-eval'. DYNAMIC_EXECUTION=0 turns any eval
# or `new Function` in the generated JS into a link-time error (the module no longer links Embind,
# whose 3.1.6 invokers used `new Function` without it). hs_add_site() links the site's engine with these.
set(HS_WASM_NO_EVAL_FLAGS -sDYNAMIC_EXECUTION=0)

# Stack of the wasm test binary (3.1.6 calls the setting TOTAL_STACK).
set(HS_WASM_TEST_STACK 5242880 CACHE STRING "-sTOTAL_STACK for hs_tests under node")

# C++ exceptions in wasm. "wasm" (default): -fwasm-exceptions, native wasm exception
# handling: no cost until something throws, 9 KB less gzipped, and calls no longer go
# through JS invoke_* trampolines (Invite and Accept 20-35% faster). Needs node >= 17,
# Chrome/Edge 95+, Firefox 100+, Safari 15.2+. "js": -fexceptions (JS-based, older browsers).
set(HS_WASM_EXCEPTIONS "wasm" CACHE STRING "C++ exceptions in wasm: js (-fexceptions) or wasm (-fwasm-exceptions)")
set_property(CACHE HS_WASM_EXCEPTIONS PROPERTY STRINGS js wasm)
if(HS_WASM_EXCEPTIONS STREQUAL "js")
  set(HS_WASM_EXCEPTION_FLAG -fexceptions)
elseif(HS_WASM_EXCEPTIONS STREQUAL "wasm")
  set(HS_WASM_EXCEPTION_FLAG -fwasm-exceptions)
else()
  message(FATAL_ERROR "HS_WASM_EXCEPTIONS must be js or wasm, not '${HS_WASM_EXCEPTIONS}'")
endif()

# The engine's own code in wasm (core/ and wasm/bindings.cpp; the test suites keep their defaults):
#  - -fno-rtti: no type information for core's types and lambdas (core/ uses no typeid or dynamic_cast;
#    a `catch` still matches, the type information of thrown types is still emitted for it);
#  - -mbulk-memory: a memcpy or memset of unknown length is one memory.copy or memory.fill instruction.
# Each alone: -fno-rtti 4.7 KB less module (1.2 KB gzip -9), -mbulk-memory 1.6 KB (0.4 KB); the calls as
# fast (docs/performance.md, "Flags of the engine's own code"). -mbulk-memory is also a link option of
# everything that links hs_core.
set(HS_WASM_ENGINE_FLAGS -fno-rtti -mbulk-memory CACHE STRING "Compile options of the engine's own code in wasm")
set(HS_WASM_LINK_FEATURES -mbulk-memory CACHE STRING "Wasm features of every module that links the engine")

# Link-time optimisation of the engine in wasm: its files compile to LLVM bitcode, and each module that links
# it is optimised whole, with Emscripten's C and C++ libraries in their bitcode builds (shipped with it), so that
# the standard library's small string and memory functions are inlined into the engine's code and code no
# call reaches is dropped. Each function keeps its file's optimisation (HS_WASM_HOT_OPT or
# HS_WASM_COLD_OPT). Against the same build without it: the .wasm 263,327 -> 246,746 B (105,901 -> 99,150 B
# gzip -9); DescribeHandshake 2.6 -> 2.4 us, a list page 21.7 -> 17.9 us, DescribeOrganization 7.0 -> 6.4 us
# (bench/wasm_bench.mjs ops on one core, three runs each, alternating; docs/performance.md, "Link-time
# optimisation"). The engine module links with the libraries' bitcode builds; the wasm test binary links the same
# bitcode of the engine, optimised whole at its link, with the usual libraries (its Catch2 streams and the
# bitcode libc++'s explicit instantiations do not agree on two signatures: wasm-ld warns).
option(HS_WASM_LTO "Link-time optimisation of the engine in wasm (-flto)" ON)
set(HS_WASM_LTO_FLAG "")
if(HS_WASM_LTO)
  set(HS_WASM_LTO_FLAG -flto)
endif()
# What every file of the engine's own code in wasm compiles with (beside its optimisation level).
set(HS_WASM_ENGINE_COMPILE_OPTIONS ${HS_WASM_ENGINE_FLAGS} ${HS_WASM_LTO_FLAG})

# Sources compiled for size in wasm (HS_WASM_COLD_OPT; see CMakeLists.txt), relative to core/. Measured with scripts/size and
# bench/wasm_bench.mjs (8 interleaved runs, best of each): all of core/ at -O3 is 174.5 KB gzip;
# this list at -Os is 133.3 KB, with Describe, Invite, Accept and list pages as fast as before
# (within the run-to-run noise) and DescribeOrganization about 25% slower. All of core/ at -Os
# (about 122 KB) makes the handshake calls about 3x slower: json_writer, handshake, handshake_ops,
# world, paging, wire and the rest of the hot path stay optimised for speed (HS_WASM_HOT_OPT, below). Since then the engine grew (CreateAccount,
# roots, tags, provenance, transfers): with those files at -Os too the module went from 183.2 to 165.9 KB
# gzip (wasm alone, scripts/size), the handshake calls no slower (bench/wasm_bench.mjs, interleaved runs
# at load average 10-12). Issue 16 (the engine under 110 KB gzip -9 as the site serves it): -Oz instead of
# -Os, and Simulator.DescribeMoves, page tokens and the id generator among the cold files (each call of
# theirs is O(1) and not on the measured calls' path), 2.3 KB gzip -9 less, the calls as fast
# (bench/wasm_bench.mjs, bench/engine_compare.mjs; docs/performance.md, "Flags of the engine's own code").
option(HS_WASM_COLD_OS "Compile the sources in HS_WASM_COLD_SOURCES for size (HS_WASM_COLD_OPT) in the wasm build" ON)
set(HS_WASM_COLD_OPT -Oz CACHE STRING "Optimisation of the engine's cold files in wasm")
set(HS_WASM_COLD_SOURCES sim/snapshot.cpp sim/simulator_controls.cpp ops/transfer_ops.cpp ops/all_features_ops.cpp
    ops/organization_ops.cpp ops/organization_view.cpp rules/lifecycle.cpp wire/errors.cpp ops/operations.cpp
    wire/request.cpp engine.cpp ops/create_account_ops.cpp ops/root_ops.cpp ops/tag_ops.cpp sim/provenance.cpp
    rules/transfer_lifecycle.cpp sim/describe_moves.cpp ops/page_token.cpp model/id_generator.cpp wire/text.cpp)

# Sources whose frames free what they hold while an exception passes through them, in wasm (relative to
# core/). An exception there means memory ran out (std::bad_alloc, std::length_error) or a bug; Engine::handle
# catches it and answers (docs/fidelity.md, "Out of memory"). The frames that can hold much memory at that
# moment are these: the request's JSON being read (wire/), a snapshot being read or written and a world
# being copied (sim/snapshot.cpp, sim/simulator_controls.cpp), the request and its answer (engine.cpp).
# Every other engine file compiles with -fignore-exceptions when HS_WASM_PASS_THROUGH is on: an exception
# still passes through its frames to that catch (the functions are not assumed not to throw), but they
# run no destructors on the way, so the few strings of one call that they hold are not freed. That is
# what the unwinding code cost: the module went from 400,042 to 346,642 B, 154.3 to 136.3 KB gzip -9
# (scripts/size), the calls no slower (bench/engine_compare.mjs; docs/performance.md). tests/unit/
# out_of_memory_test.cpp fails every allocation of a call in turn and checks the answer and the engine after it.
option(HS_WASM_PASS_THROUGH "Compile the engine files not in HS_WASM_UNWIND_SOURCES with -fignore-exceptions in wasm" ON)
set(HS_WASM_UNWIND_SOURCES engine.cpp wire/json.cpp wire/json_text.cpp wire/wire.cpp sim/snapshot.cpp
    sim/simulator_controls.cpp)

# The files not in HS_WASM_COLD_SOURCES, the hot path, compile at HS_WASM_HOT_OPT in wasm: -O2 gave a module 8 KB smaller than the
# build type's -O3 (2.8 KB gzip -9) with the calls as fast (bench/engine_compare.mjs, bench/wasm_bench.mjs;
# docs/performance.md, "The unwinding code").
set(HS_WASM_HOT_OPT -O2 CACHE STRING "Optimisation of the engine's hot files in wasm (HS_WASM_COLD_SOURCES: HS_WASM_COLD_OPT)")
