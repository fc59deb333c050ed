// NextToken: opaque to clients, bound to the operation, the caller and the filter, and authenticated
// with the world's key, so a client cannot forge one or reuse it on another list.
// Anything else gets InvalidInputException INVALID_NEXT_TOKEN (AWS-observed).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace hs {

struct PageScope {
  std::string operation;  // e.g. "ListHandshakesForAccount"
  std::string caller;
  std::string filter;  // a canonical form of the request's filter
};

std::string encodePageToken(std::uint64_t key, const PageScope& scope, std::uint64_t after);
// The position the token resumes after, or nullopt when the token is not one of ours for this scope.
std::optional<std::uint64_t> decodePageToken(std::uint64_t key, const PageScope& scope, const std::string& token);

}  // namespace hs
