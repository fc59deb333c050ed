// ListRoots, ListParents, ListChildren, ListAccountsForParent: the organization's one root, under which
// every account sits (organizational units are not simulated, so no OU ever exists).
#include <algorithm>

#include "ops/operations.h"
#include "ops/organization_view.h"
#include "ops/paging.h"
#include "wire/errors.h"
#include "wire/text.h"

namespace hs {
namespace {

bool allLowerAlnum(const std::string& s, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z'))) return false;
  return true;
}

// ^r-[0-9a-z]{4,32}$
bool isRootId(const std::string& s) {
  return s.size() >= 6 && s.size() <= 34 && startsWith(s, "r-") && allLowerAlnum(s, 2, s.size());
}
// ^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$
bool isOuId(const std::string& s) {
  if (s.size() > 100 || !startsWith(s, "ou-")) return false;
  size_t dash = s.find('-', 3);
  if (dash == std::string::npos) return false;
  size_t a = dash - 3, b = s.size() - dash - 1;
  return a >= 4 && a <= 32 && b >= 8 && b <= 32 && allLowerAlnum(s, 3, dash) && allLowerAlnum(s, dash + 1, s.size());
}

// A required id member: INPUT_REQUIRED when absent, INVALID_PATTERN when it does not match.
Result<std::string> requireId(const Json& in, const char* name, const char* field, bool (*valid)(const std::string&)) {
  auto v = optionalString(in, name);
  if (!v) return err::invalidInput(std::string("INPUT_REQUIRED:") + field);
  if (v->size() > 100 || !valid(*v)) return err::invalidInput(std::string("INVALID_PATTERN:") + field);
  return *v;
}
bool isParentId(const std::string& s) { return isRootId(s) || isOuId(s); }
bool isChildId(const std::string& s) { return isAccountId(s) || isOuId(s); }

struct ListPaging {
  int limit = kDefaultPageSize;
  PageScope scope;
  std::uint64_t after = 0;
};

// MaxResults, then NextToken (the order AWS checks them on the handshake lists).
Result<ListPaging> readPaging(const World& w, const Account& caller, const Json& in, const char* operation,
                              const std::string& filter) {
  ListPaging p;
  auto maxResults = readMaxResults(in);
  HS_TRY(maxResults);
  if (maxResults.value()) p.limit = maxResults.value();
  p.scope = PageScope{operation, caller.id, filter};
  auto after = resumePoint(w.tokenKey, p.scope, in);
  HS_TRY(after);
  p.after = after.value();
  return p;
}

// A page of the organization's members in joining order, paged by join sequence (stable when members
// leave between pages, as ListAccounts).
std::vector<const Account*> memberPage(World& w, const Organization& org, ListPaging& p, Json& body) {
  std::vector<std::uint64_t> seqs;
  std::map<std::uint64_t, const Account*> bySeq;
  for (const std::string& id : org.memberIds) {
    const Account* a = w.findAccount(id);
    if (!a) continue;
    seqs.push_back(a->joinSeq);
    bySeq[a->joinSeq] = a;
  }
  std::sort(seqs.begin(), seqs.end());
  Page page = collectPage({&seqs}, p.after, p.limit, [](std::uint64_t) { return true; });
  std::vector<const Account*> out;
  for (std::uint64_t seq : page.items) out.push_back(bySeq[seq]);
  addNextToken(body, w.tokenKey, p.scope, page);
  return out;
}

}  // namespace

namespace ops {

Result<Body> listRoots(World& w, Account& caller, const Json& in) {
  auto paging = readPaging(w, caller, in, "ListRoots", "");
  HS_TRY(paging);
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  // One root per organization; it is item 1 of a one-item list.
  std::vector<std::uint64_t> only{1};
  Page page = collectPage({&only}, paging.value().after, paging.value().limit, [](std::uint64_t) { return true; });
  Json roots = Json::array();
  if (!page.items.empty()) roots.push_back(rootJson(*org.value()));
  Json body{{"Roots", roots}};
  addNextToken(body, w.tokenKey, paging.value().scope, page);
  return body;
}

Result<Body> listParents(World& w, Account& caller, const Json& in) {
  auto child = requireId(in, "ChildId", "CHILD_ID", isChildId);
  HS_TRY(child);
  auto paging = readPaging(w, caller, in, "ListParents", child.value());
  HS_TRY(paging);
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  const Account* a = w.findAccount(child.value());
  if (!a || a->organizationId != org.value()->id) return err::childNotFound();  // OUs are not simulated
  std::vector<std::uint64_t> only{1};
  Page page = collectPage({&only}, paging.value().after, paging.value().limit, [](std::uint64_t) { return true; });
  Json parents = Json::array();
  if (!page.items.empty()) parents.push_back({{"Id", org.value()->rootId}, {"Type", "ROOT"}});
  Json body{{"Parents", parents}};
  addNextToken(body, w.tokenKey, paging.value().scope, page);
  return body;
}

Result<Body> listChildren(World& w, Account& caller, const Json& in) {
  auto parent = requireId(in, "ParentId", "PARENT_ID", isParentId);
  HS_TRY(parent);
  auto type = optionalString(in, "ChildType");
  if (!type) return err::invalidInput("INPUT_REQUIRED:CHILD_TYPE");
  if (*type != "ACCOUNT" && *type != "ORGANIZATIONAL_UNIT") return err::invalidInput("INVALID_ENUM:CHILD_TYPE");
  auto paging = readPaging(w, caller, in, "ListChildren", parent.value() + "/" + *type);
  HS_TRY(paging);
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  if (parent.value() != org.value()->rootId) return err::parentNotFound();
  Json body{{"Children", Json::array()}};
  if (*type == "ACCOUNT")
    for (const Account* a : memberPage(w, *org.value(), paging.value(), body))
      body["Children"].push_back({{"Id", a->id}, {"Type", "ACCOUNT"}});
  return body;
}

Result<Body> listAccountsForParent(World& w, Account& caller, const Json& in) {
  auto parent = requireId(in, "ParentId", "PARENT_ID", isParentId);
  HS_TRY(parent);
  auto paging = readPaging(w, caller, in, "ListAccountsForParent", parent.value());
  HS_TRY(paging);
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  if (parent.value() != org.value()->rootId) return err::parentNotFound();
  Json body{{"Accounts", Json::array()}};
  for (const Account* a : memberPage(w, *org.value(), paging.value(), body))
    body["Accounts"].push_back(accountJson(w, *a));
  return body;
}

}  // namespace ops
}  // namespace hs
