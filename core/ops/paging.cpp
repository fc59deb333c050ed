#include "ops/paging.h"

#include <algorithm>

#include "wire/errors.h"
#include "wire/request.h"

namespace hs {

Page collectPage(const std::vector<const std::vector<std::uint64_t>*>& sources, std::uint64_t after, int limit,
                 FunctionRef<bool(std::uint64_t)> keep) {
  std::vector<std::vector<std::uint64_t>::const_iterator> heads, ends;
  for (const auto* s : sources) {
    heads.push_back(std::upper_bound(s->begin(), s->end(), after));
    ends.push_back(s->end());
  }
  Page page;
  std::uint64_t last = after;
  while (true) {
    // The smallest head among the sources.
    int best = -1;
    for (size_t i = 0; i < heads.size(); ++i)
      if (heads[i] != ends[i] && (best < 0 || *heads[i] < *heads[static_cast<size_t>(best)]))
        best = static_cast<int>(i);
    if (best < 0) break;
    std::uint64_t seq = *heads[static_cast<size_t>(best)];
    for (size_t i = 0; i < heads.size(); ++i)
      if (heads[i] != ends[i] && *heads[i] == seq) ++heads[i];
    if (!keep(seq)) continue;
    if (static_cast<int>(page.items.size()) == limit) {
      page.resumeAfter = last;  // another match exists beyond this page
      break;
    }
    page.items.push_back(seq);
    last = seq;
  }
  return page;
}

Result<std::uint64_t> resumePoint(std::uint64_t key, const PageScope& scope, const Json& input) {
  auto token = optionalString(input, "NextToken");
  if (!token) return std::uint64_t{0};
  auto after = decodePageToken(key, scope, *token);
  if (!after) return err::invalidInput("INVALID_NEXT_TOKEN");  // AWS-observed for "" and garbage
  return *after;
}

void addNextToken(Json& body, std::uint64_t key, const PageScope& scope, const Page& page) {
  if (page.resumeAfter) body["NextToken"] = encodePageToken(key, scope, *page.resumeAfter);
}

}  // namespace hs
