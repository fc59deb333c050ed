// Precompiled header of the Catch2 test TUs (CMakeLists.txt: target_precompile_headers): the two
// large third-party headers every test includes. Nothing of the project, so an edit to core/ never
// rebuilds it.
#pragma once

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
