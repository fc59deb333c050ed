// List pages over seq-ordered indices: cost O(log n + page + skipped items), never O(world).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ops/page_token.h"
#include "wire/function_ref.h"
#include "wire/json.h"
#include "wire/result.h"

namespace hs {

// Default page size when MaxResults is absent (AWS: "specific to the operation"; we use the maximum, 20).
constexpr int kDefaultPageSize = 20;

struct Page {
  std::vector<std::uint64_t> items;
  std::optional<std::uint64_t> resumeAfter;  // set when more matching items follow
};

// Merges ascending seq lists (duplicates across lists are taken once), skipping seqs <= after and
// those `keep` rejects, and takes up to `limit`.
Page collectPage(const std::vector<const std::vector<std::uint64_t>*>& sources, std::uint64_t after, int limit,
                 FunctionRef<bool(std::uint64_t)> keep);

// Where a list resumes: 0 without NextToken; INVALID_NEXT_TOKEN for a token not issued for this scope.
Result<std::uint64_t> resumePoint(std::uint64_t key, const PageScope& scope, const Json& input);

// Adds "NextToken" to `body` when the page has more.
void addNextToken(Json& body, std::uint64_t key, const PageScope& scope, const Page& page);

}  // namespace hs
