// Wire-level helpers shared by the engine and the simulator controls.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "engine.h"
#include "wire/json.h"
#include "wire/result.h"

namespace hs {

constexpr const char* kAwsTargetPrefix = "AWSOrganizationsV20161128.";
constexpr const char* kSimulatorTargetPrefix = "Simulator.";
// The operation an AWS target names ("AWSOrganizationsV20161128.DescribeHandshake" -> "DescribeHandshake"), or ""
// when the target does not start with kAwsTargetPrefix. A view into `target`.
std::string_view awsOperationName(std::string_view target);
constexpr int kMaxNesting = 64;
// Request-size limits, checked before a body is parsed (docs/fidelity.md, "Hardening"): 4 MiB, as
// scripts/endpoint, for every target but Simulator.ImportWorld, whose snapshots of big worlds need more
// (73.5 MiB for the 100,000-handshake benchmark world): 128 MiB.
constexpr std::size_t kMaxRequestBytes = std::size_t{4} << 20;
constexpr std::size_t kMaxSnapshotRequestBytes = std::size_t{128} << 20;

// The request-size limit of a target (Simulator.ImportWorld or any other).
std::size_t requestLimit(const std::string& target);
// RequestEntityTooLargeException (HTTP 413) for a body over `limit` bytes.
AwsError requestTooLarge(std::size_t limit);
// RequestEntityTooLargeException (HTTP 413) for a request that needed more memory than the engine has.
AwsError outOfMemory();

// Parses a request body: empty or whitespace means {}; anything but exactly one JSON object (optionally
// surrounded by whitespace) is a SerializationException: a raw NUL byte, anything after the value, a lone
// surrogate escape (\ud800 not followed by a low-surrogate escape, or a lone \udc00), invalid UTF-8.
Result<Json> parseBody(const std::string& body);
// Any JSON text, strict (Json::parse without exceptions): a discarded value when it is not valid JSON.
Json parseJson(const std::string& text);
WireResponse errorResponse(const AwsError& e);

}  // namespace hs
