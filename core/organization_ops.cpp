// CreateOrganization, DescribeOrganization, DeleteOrganization, LeaveOrganization,
// RemoveAccountFromOrganization, ListAccounts, DescribeAccount: the organization around handshakes.
#include "errors.h"
#include "handshake_effects.h"
#include "operations.h"
#include "organization_view.h"
#include "paging.h"

namespace hs {
namespace {

constexpr Millis kCreatedAccountWait = 4 * kDay;  // WAIT_PERIOD_ACTIVE (UG quotas page; BC reason text)

// The caller's organization when the caller manages it; else the error AWS returns.
Result<Organization*> managedBy(World& w, const Account& caller) {
  Organization* org = w.organizationOf(caller);
  if (!org) return err::notInUse();
  if (org->managementAccountId != caller.id) return err::accessDenied();
  return org;
}

bool inWaitPeriod(const World& w, const Account& a) {
  return a.joinedMethod == "CREATED" && w.now() - a.created < kCreatedAccountWait;
}

bool hasActiveTransfer(const World& w, const Organization& org) {
  for (const auto& [id, t] : w.transfers)
    if ((t.sourceOrganizationId == org.id || t.targetOrganizationId == org.id) &&
        (t.status == "REQUESTED" || t.status == "ACCEPTED"))
      return true;
  return false;
}

}  // namespace

namespace ops {

Result<Json> createOrganization(World& w, Account& caller, const Json& in) {
  std::string featureSet = optionalString(in, "FeatureSet").value_or("ALL");  // default ALL (BC)
  if (featureSet != "ALL" && featureSet != "CONSOLIDATED_BILLING") return err::invalidInput("INVALID_ENUM:FEATURE_SET");
  if (!caller.standalone()) return err::alreadyInOrganization();
  Organization org;
  org.id = w.ids.organizationId();
  while (w.findOrganization(org.id)) org.id = w.ids.organizationId();
  org.rootId = w.ids.rootId();
  org.featureSet = featureSet;
  org.scpEnabled = featureSet == "ALL";  // ALL enables SCPs in the root; CB has no policy types (BC examples)
  org.managementAccountId = caller.id;
  org.created = w.now();
  Organization& stored = w.organizations[org.id] = org;
  // The management account is listed as INVITED (BC ListAccounts example).
  w.joinOrganization(caller, stored, "INVITED");
  return Json{{"Organization", organizationJson(w, stored)}};
}

Result<Json> describeOrganization(World& w, Account& caller, const Json& in) {
  (void)in;
  Organization* org = w.organizationOf(caller);
  if (!org) return err::notInUse();
  return Json{{"Organization", organizationJson(w, *org)}};
}

Result<Json> deleteOrganization(World& w, Account& caller, const Json& in) {
  (void)in;
  auto org = managedBy(w, caller);
  HS_TRY(org);
  Organization& o = *org.value();
  if (o.memberIds.size() > 1) return err::organizationNotEmpty();
  if (hasActiveTransfer(w, o)) return err::constraint("ACTIVE_RESPONSIBILITY_TRANSFER_PROCESS");
  // Its live handshakes end with it (nobody can join a deleted organization); ended ones stay visible.
  for (std::uint64_t seq : w.sentBy(o.id)) {
    Handshake& h = w.handshakes.at(seq);
    if (!isTerminal(h.stateAt(w.now()))) w.finish(h, HandshakeState::Canceled);
  }
  std::string id = o.id;
  w.leaveOrganization(caller);
  w.organizations.erase(id);
  return Json::object();
}

Result<Json> leaveOrganization(World& w, Account& caller, const Json& in) {
  (void)in;
  Organization* org = w.organizationOf(caller);
  if (!org) return err::notInUse();
  if (org->managementAccountId == caller.id) return err::masterCannotLeave();
  if (inWaitPeriod(w, caller)) return err::constraint("WAIT_PERIOD_ACTIVE");
  w.leaveOrganization(caller);
  refreshAllFeatures(w, *org);
  return Json::object();
}

Result<Json> removeAccountFromOrganization(World& w, Account& caller, const Json& in) {
  HS_TRY(requireAccountId(in, "AccountId", "ACCOUNT_ID"));
  auto org = managedBy(w, caller);
  HS_TRY(org);
  Account* member = w.findAccount(in["AccountId"].get<std::string>());
  if (!member || member->organizationId != org.value()->id) return err::accountNotFound();
  if (member->id == caller.id) return err::constraint("ACCOUNT_CANNOT_LEAVE_ORGANIZATION");  // BC reason text
  if (inWaitPeriod(w, *member)) return err::constraint("WAIT_PERIOD_ACTIVE");
  w.leaveOrganization(*member);
  refreshAllFeatures(w, *org.value());
  return Json::object();
}

Result<Json> listAccounts(World& w, Account& caller, const Json& in) {
  auto maxResults = readMaxResults(in);
  HS_TRY(maxResults);
  PageScope scope{"ListAccounts", caller.id, ""};
  auto after = resumePoint(w.tokenKey, scope, in);
  HS_TRY(after);
  auto org = managedBy(w, caller);
  HS_TRY(org);
  // Members in joining order; positions are 1-based so that 0 means "from the start".
  const auto& members = org.value()->memberIds;
  std::vector<std::uint64_t> positions;
  int limit = maxResults.value() ? maxResults.value() : kDefaultPageSize;
  for (size_t i = after.value(); i < members.size() && positions.size() <= static_cast<size_t>(limit); ++i)
    positions.push_back(i + 1);
  Page page = collectPage({&positions}, after.value(), limit, [](std::uint64_t) { return true; });
  Json list = Json::array();
  for (std::uint64_t pos : page.items) list.push_back(accountJson(w, *w.findAccount(members[pos - 1])));
  Json body{{"Accounts", std::move(list)}};
  addNextToken(body, w.tokenKey, scope, page);
  return body;
}

Result<Json> describeAccount(World& w, Account& caller, const Json& in) {
  HS_TRY(requireAccountId(in, "AccountId", "ACCOUNT_ID"));
  auto org = managedBy(w, caller);
  HS_TRY(org);
  const Account* a = w.findAccount(in["AccountId"].get<std::string>());
  if (!a || a->organizationId != org.value()->id) return err::accountNotFound();
  return Json{{"Account", accountJson(w, *a)}};
}

}  // namespace ops
}  // namespace hs
