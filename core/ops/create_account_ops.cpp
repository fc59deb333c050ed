// CreateAccount, DescribeCreateAccountStatus, ListCreateAccountStatus: the other way an account joins
// an organization, with no handshake. A request is IN_PROGRESS for kCreateAccountDelay of simulated
// time, then SUCCEEDED (the account exists, JoinedMethod CREATED) or FAILED (docs/fidelity.md).
#include <algorithm>
#include <set>

#include "model/timestamp.h"
#include "ops/operations.h"
#include "ops/paging.h"
#include "wire/errors.h"
#include "wire/text.h"

namespace hs {
namespace {

// RoleName: [\w+=,.@-]{1,64}
bool isRoleName(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          std::string("_+=,.@-").find(c) != std::string::npos))
      return false;
  return true;
}

// ^car-[a-z0-9]{8,32}$
bool isCreateAccountRequestId(const std::string& s) {
  if (s.size() < 12 || s.size() > 36 || !startsWith(s, "car-")) return false;
  for (size_t i = 4; i < s.size(); ++i)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z'))) return false;
  return true;
}

Json statusJson(const CreateAccountRequest& r) {
  Json j{{"AccountName", r.accountName},
         {"Id", r.id},
         {"RequestedTimestamp", timestampJson(r.requested)},
         {"State", r.state}};
  if (r.state != "IN_PROGRESS") j["CompletedTimestamp"] = timestampJson(r.completed);
  if (r.state == "SUCCEEDED") j["AccountId"] = r.accountId;
  if (r.state == "FAILED") j["FailureReason"] = r.failureReason;
  return j;
}

void settle(World& w, CreateAccountRequest& r) {
  Organization* org = w.findOrganization(r.organizationId);
  auto fail = [&r](const char* reason) {
    r.state = "FAILED";
    r.failureReason = reason;
  };
  if (!org) return fail("INTERNAL_FAILURE");  // the organization was deleted meanwhile
  if (w.findAccountByEmail(r.email)) return fail("EMAIL_ALREADY_EXISTS");
  if (static_cast<int>(org->memberIds.size()) >= w.settings.accountLimit) return fail("ACCOUNT_LIMIT_EXCEEDED");
  while (w.findAccount(r.accountId)) r.accountId = w.ids.accountId();  // taken meanwhile by Simulator.CreateAccount
  Account a;
  a.id = r.accountId;
  a.name = r.accountName;
  a.email = r.email;
  a.created = r.completed;
  Account& stored = w.addAccount(std::move(a));
  w.joinOrganization(stored, *org, JoinedMethod::Created);
  stored.joined = r.completed;
  applyAccountTags(w, stored, r.tags);
  r.state = "SUCCEEDED";
}

}  // namespace

void settleCreateAccounts(World& w) {
  for (CreateAccountRequest* r : w.dueCreateAccountRequests()) settle(w, *r);
}

namespace ops {

Result<Body> createAccount(World& w, Account& caller, const Json& in) {
  // Validation, in the model's member order.
  auto email = optionalString(in, "Email");
  if (!email) return err::invalidInput("INPUT_REQUIRED:EMAIL");
  if (awsLength(*email) < 6) return err::invalidInput("MIN_LENGTH_EXCEEDED:EMAIL");
  if (awsLength(*email) > 64) return err::invalidInput("MAX_LENGTH_EXCEEDED:EMAIL");
  if (!isEmail(*email)) return err::invalidInput("INVALID_PATTERN:EMAIL");
  auto name = optionalString(in, "AccountName");
  if (!name) return err::invalidInput("INPUT_REQUIRED:ACCOUNT_NAME");
  if (awsLength(*name) < 1) return err::invalidInput("MIN_LENGTH_EXCEEDED:ACCOUNT_NAME");
  if (awsLength(*name) > 50) return err::invalidInput("MAX_LENGTH_EXCEEDED:ACCOUNT_NAME");
  if (!isPrintableAscii(*name)) return err::invalidInput("INVALID_PATTERN:ACCOUNT_NAME");
  if (auto role = optionalString(in, "RoleName"); role && !isRoleName(*role))
    return err::invalidInput("INVALID_PATTERN:ROLE_NAME");
  if (auto billing = optionalString(in, "IamUserAccessToBilling"); billing && *billing != "ALLOW" && *billing != "DENY")
    return err::invalidInput("INVALID_ENUM:IAM_USER_ACCESS_TO_BILLING");
  HS_TRY(validateTags(in));
  if (present(in, "Tags") && in["Tags"].size() > 50) return err::constraint("MAX_TAG_LIMIT_EXCEEDED");

  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  if (stillFinalizing(w, *org.value())) return err::finalizingOrganization();

  CreateAccountRequest r;
  r.seq = w.nextSeq++;
  do r.id = "car-" + w.ids.handshakeId().substr(2);
  while (w.createAccountRequests.count(r.id));
  r.organizationId = org.value()->id;
  r.accountName = *name;
  r.email = *email;
  r.accountId = w.ids.accountId();
  r.requested = w.now();
  r.completed = w.now() + kCreateAccountDelay;
  if (present(in, "Tags")) r.tags = in["Tags"];
  // The CreateAccountStatus shape as it stands: Id, State IN_PROGRESS (BC example), AccountName and
  // RequestedTimestamp (as ListCreateAccountStatus shows them).
  Json status = statusJson(r);
  w.addCreateAccountRequest(std::move(r));
  return Json{{"CreateAccountStatus", status}};
}

Result<Body> describeCreateAccountStatus(World& w, Account& caller, const Json& in) {
  auto id = optionalString(in, "CreateAccountRequestId");
  if (!id) return err::invalidInput("INPUT_REQUIRED:CREATE_ACCOUNT_REQUEST_ID");
  if (!isCreateAccountRequestId(*id)) return err::invalidInput("INVALID_PATTERN:CREATE_ACCOUNT_REQUEST_ID");
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  auto it = w.createAccountRequests.find(*id);
  if (it == w.createAccountRequests.end() || it->second.organizationId != org.value()->id)
    return err::createAccountStatusNotFound();
  return Json{{"CreateAccountStatus", statusJson(it->second)}};
}

Result<Body> listCreateAccountStatus(World& w, Account& caller, const Json& in) {
  std::set<std::string> states;
  std::string filter;
  if (present(in, "States")) {
    for (const Json& s : in["States"]) {
      const std::string v = s.get<std::string>();
      if (v != "IN_PROGRESS" && v != "SUCCEEDED" && v != "FAILED") return err::invalidInput("INVALID_ENUM:STATES");
      states.insert(v);
    }
    for (const auto& s : states) filter += s + ",";
  }
  auto maxResults = readMaxResults(in);
  HS_TRY(maxResults);
  PageScope scope{"ListCreateAccountStatus", caller.id, filter};
  auto after = resumePoint(w.tokenKey, scope, in);
  HS_TRY(after);
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  // The organization's requests in request order.
  std::vector<std::uint64_t> seqs;
  std::map<std::uint64_t, const CreateAccountRequest*> bySeq;
  for (const auto& [id, r] : w.createAccountRequests)
    if (r.organizationId == org.value()->id && (states.empty() || states.count(r.state))) {
      seqs.push_back(r.seq);
      bySeq[r.seq] = &r;
    }
  std::sort(seqs.begin(), seqs.end());
  int limit = maxResults.value() ? maxResults.value() : kDefaultPageSize;
  Page page = collectPage({&seqs}, after.value(), limit, [](std::uint64_t) { return true; });
  Json list = Json::array();
  for (std::uint64_t seq : page.items) list.push_back(statusJson(*bySeq[seq]));
  Json body{{"CreateAccountStatuses", list}};
  addNextToken(body, w.tokenKey, scope, page);
  return body;
}

}  // namespace ops
}  // namespace hs
