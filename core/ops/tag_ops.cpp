// ListTagsForResource, TagResource, UntagResource for the accounts (and the root) of the caller's
// organization. Tags given on an invitation or a CreateAccount request are applied when the account
// joins; an account's tags are deleted when it leaves (BC RemoveAccountFromOrganization).
#include "ops/operations.h"
#include "ops/paging.h"
#include "wire/errors.h"
#include "wire/text.h"

namespace hs {
namespace {

constexpr size_t kTagLimit = 50;  // tags per resource (BC Tags; UG tagging quotas)

bool wordChars(const std::string& s, size_t from) {
  for (size_t i = from; i < s.size(); ++i) {
    char c = s[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) return false;
  }
  return true;
}
bool lowerAlnum(const std::string& s, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z'))) return false;
  return true;
}

// TaggableResourceId (BC): a root, an account, an OU, a policy, a resource policy or a transfer id.
bool isTaggableId(const std::string& s) {
  if (s.empty() || s.size() > 130) return false;
  if (isAccountId(s)) return true;
  if (startsWith(s, "r-")) return s.size() >= 6 && s.size() <= 34 && lowerAlnum(s, 2, s.size());
  if (startsWith(s, "ou-")) {
    size_t dash = s.find('-', 3);
    return dash != std::string::npos && dash - 3 >= 4 && dash - 3 <= 32 && s.size() - dash - 1 >= 8 &&
           s.size() - dash - 1 <= 32 && lowerAlnum(s, 3, dash) && lowerAlnum(s, dash + 1, s.size());
  }
  if (startsWith(s, "rp-")) return s.size() >= 7 && s.size() <= 131 && wordChars(s, 3);
  if (startsWith(s, "rt-")) return s.size() >= 11 && s.size() <= 35 && wordChars(s, 3);
  if (startsWith(s, "p-")) return s.size() >= 10 && s.size() <= 130 && wordChars(s, 2);
  return false;
}

Result<std::string> requireResourceId(const Json& in) {
  auto id = optionalString(in, "ResourceId");
  if (!id) return err::invalidInput("INPUT_REQUIRED:RESOURCE_ID");
  if (!isTaggableId(*id)) return err::invalidInput("INVALID_PATTERN:RESOURCE_ID");
  return *id;
}

// The caller's organization and the resource in it: validation is done; then the caller, then the
// resource (an account of the organization or its root; anything else is TargetNotFound).
Result<Organization*> resolve(World& w, const Account& caller, const std::string& resourceId) {
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  const Organization& o = *org.value();
  if (resourceId == o.rootId) return org;
  const Account* a = isAccountId(resourceId) ? w.findAccount(resourceId) : nullptr;
  if (!a || a->organizationId != o.id) return err::targetNotFound();
  return org;
}

// The resource's tags in `org` (none when recorded under another organization).
std::map<std::string, std::string> tagsOf(const World& w, const std::string& resourceId, const Organization& org) {
  auto it = w.resourceTags.find(resourceId);
  if (it == w.resourceTags.end() || it->second.organizationId != org.id) return {};
  return it->second.tags;
}

void store(World& w, const std::string& resourceId, const Organization& org, std::map<std::string, std::string> tags) {
  if (tags.empty()) {
    w.resourceTags.erase(resourceId);
    return;
  }
  w.resourceTags[resourceId] = ResourceTags{org.id, std::move(tags)};
}

}  // namespace

void applyAccountTags(World& w, const Account& a, const Json& tags) {
  std::map<std::string, std::string> m;
  if (tags.is_array())
    for (const Json& t : tags)
      if (t.is_object() && t.contains("Key") && t["Key"].is_string())
        m[t["Key"].get<std::string>()] = t.value("Value", std::string());
  w.resourceTags.erase(a.id);  // tags of an earlier membership are gone
  if (!m.empty() && !a.organizationId.empty()) w.resourceTags[a.id] = ResourceTags{a.organizationId, std::move(m)};
}

namespace ops {

Result<Body> listTagsForResource(World& w, Account& caller, const Json& in) {
  auto id = requireResourceId(in);
  HS_TRY(id);
  // Every tag fits one page (at most 50); a NextToken is therefore never issued, and any is refused.
  PageScope scope{"ListTagsForResource", caller.id, id.value()};
  auto after = resumePoint(w.tokenKey, scope, in);
  HS_TRY(after);
  auto org = resolve(w, caller, id.value());
  HS_TRY(org);
  Json tags = Json::array();
  for (const auto& [k, v] : tagsOf(w, id.value(), *org.value())) tags.push_back({{"Key", k}, {"Value", v}});
  return Json{{"Tags", tags}};
}

Result<Body> tagResource(World& w, Account& caller, const Json& in) {
  auto id = requireResourceId(in);
  HS_TRY(id);
  if (!present(in, "Tags")) return err::invalidInput("INPUT_REQUIRED:TAGS");
  HS_TRY(validateTags(in));
  if (in["Tags"].size() > kTagLimit) return err::constraint("MAX_TAG_LIMIT_EXCEEDED");
  auto org = resolve(w, caller, id.value());
  HS_TRY(org);
  auto tags = tagsOf(w, id.value(), *org.value());
  for (const Json& t : in["Tags"]) tags[t["Key"].get<std::string>()] = t["Value"].get<std::string>();
  // The resource's total after the change counts: the request fails as a whole (nothing is applied).
  if (tags.size() > kTagLimit) return err::constraint("MAX_TAG_LIMIT_EXCEEDED");
  store(w, id.value(), *org.value(), std::move(tags));
  return noOutput();
}

Result<Body> untagResource(World& w, Account& caller, const Json& in) {
  auto id = requireResourceId(in);
  HS_TRY(id);
  if (!present(in, "TagKeys")) return err::invalidInput("INPUT_REQUIRED:TAG_KEYS");
  for (const Json& k : in["TagKeys"]) {
    const std::string key = k.get<std::string>();
    if (awsLength(key) < 1) return err::invalidInput("MIN_LENGTH_EXCEEDED:TAG_KEYS");
    if (awsLength(key) > 128) return err::invalidInput("MAX_LENGTH_EXCEEDED:TAG_KEYS");
    if (!isTagText(key)) return err::invalidInput("INVALID_PATTERN:TAG_KEYS");
    if (equalsIgnoringCase(std::string_view(key).substr(0, 4), "aws:"))
      return err::invalidInput("INVALID_SYSTEM_TAGS_PARAMETER");
  }
  auto org = resolve(w, caller, id.value());
  HS_TRY(org);
  auto tags = tagsOf(w, id.value(), *org.value());
  for (const Json& k : in["TagKeys"]) tags.erase(k.get<std::string>());  // absent keys are ignored
  store(w, id.value(), *org.value(), std::move(tags));
  return noOutput();
}

}  // namespace ops
}  // namespace hs
