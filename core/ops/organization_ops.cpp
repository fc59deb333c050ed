// CreateOrganization, DescribeOrganization, DeleteOrganization, LeaveOrganization,
// RemoveAccountFromOrganization, ListAccounts, DescribeAccount: the organization around handshakes.
#include <algorithm>

#include "ops/operations.h"
#include "ops/organization_view.h"
#include "ops/paging.h"
#include "ops/transfer_view.h"
#include "rules/handshake_effects.h"
#include "wire/errors.h"
#include "wire/text.h"

namespace hs {
namespace {

// A transfer in progress blocks deleting either organization (ACTIVE_RESPONSIBILITY_TRANSFER_PROCESS):
// a pending invitation sent by it or addressed to its management account, an accepted transfer, or a
// withdrawn one that has not reached its end date.
bool hasActiveTransfer(const World& w, const Organization& org) {
  const Account* mgmt = w.findAccount(org.managementAccountId);
  for (const auto& [id, t] : w.transfers) {
    TransferStatus status = transferStatus(w, t);
    bool addressed =
        status == TransferStatus::Requested && mgmt &&
        (t.sourceAccountId == mgmt->id || (!t.sourceEmail.empty() && equalsIgnoringCase(t.sourceEmail, mgmt->email)));
    bool ours = t.sourceOrganizationId == org.id || t.targetOrganizationId == org.id || addressed;
    bool active = status == TransferStatus::Requested || status == TransferStatus::Accepted ||
                  (status == TransferStatus::Withdrawn && t.end >= w.now());
    if (ours && active) return true;
  }
  return false;
}

}  // namespace

// Operations without an output shape answer 200 with an empty body (content-length 0), as AWS does
// (docs/fidelity.md, "Fidelity fixes"); every AWS SDK reads an empty body as an empty result.
Body noOutput() { return Body::raw(std::string()); }

Result<Organization*> managedOrganization(World& w, const Account& caller) {
  Organization* org = w.organizationOf(caller);
  if (!org) return err::notInUse();
  if (!org->managedBy(caller.id)) return err::accessDenied();
  return org;
}

bool stillFinalizing(const World& w, const Organization& org) {
  const int seconds = w.settings.finalizingOrganizationSeconds;
  return seconds > 0 && w.now() - org.created < seconds * kSecond;
}

namespace ops {

Result<Body> createOrganization(World& w, Account& caller, const Json& in) {
  auto featureSet = featureSetFromString(optionalString(in, "FeatureSet").value_or("ALL"));  // default ALL (BC)
  if (!featureSet) return err::invalidInput("INVALID_ENUM:FEATURE_SET");
  if (!caller.standalone()) return err::alreadyInOrganization();
  return Json{{"Organization", organizationJson(w, w.createOrganization(caller, *featureSet))}};
}

Result<Body> describeOrganization(World& w, Account& caller, const Json& in) {
  (void)in;
  Organization* org = w.organizationOf(caller);
  if (!org) return err::notInUse();
  return Json{{"Organization", organizationJson(w, *org)}};
}

Result<Body> deleteOrganization(World& w, Account& caller, const Json& in) {
  (void)in;
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  Organization& o = *org.value();
  if (o.memberIds.size() > 1) return err::organizationNotEmpty();
  if (hasActiveTransfer(w, o)) return err::constraint("ACTIVE_RESPONSIBILITY_TRANSFER_PROCESS");
  // Its live handshakes end with it (nobody can join a deleted organization); ended ones stay visible.
  for (std::uint64_t seq : w.sentBy(o.id)) {
    Handshake& h = w.handshakes.at(seq);
    if (!isTerminal(h.stateAt(w.now()))) (void)Lifecycle::fire(w, h, Trigger::OrganizationDeleted, Role::System);
  }
  std::string id = o.id;
  w.resourceTags.erase(o.rootId);
  w.resourceTags.erase(caller.id);
  w.leaveOrganization(caller);
  w.organizations.erase(id);
  return noOutput();
}

Result<Body> leaveOrganization(World& w, Account& caller, const Json& in) {
  (void)in;
  Organization* org = w.organizationOf(caller);
  if (!org) return err::notInUse();
  if (org->managedBy(caller.id)) return err::masterCannotLeave();
  if (w.inCreatedAccountWait(caller)) return err::constraint("WAIT_PERIOD_ACTIVE");
  w.resourceTags.erase(caller.id);  // an account's tags are deleted when it leaves (BC)
  w.leaveOrganization(caller);
  refreshAllFeatures(w, *org);
  return noOutput();
}

Result<Body> removeAccountFromOrganization(World& w, Account& caller, const Json& in) {
  HS_TRY(requireAccountId(in, "AccountId", "ACCOUNT_ID"));
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  Account* member = w.findAccount(in["AccountId"].get<std::string>());
  if (!member || member->organizationId != org.value()->id) return err::accountNotFound();
  if (member->id == caller.id) return err::constraint("ACCOUNT_CANNOT_LEAVE_ORGANIZATION");  // BC reason text
  if (w.inCreatedAccountWait(*member)) return err::constraint("WAIT_PERIOD_ACTIVE");
  w.resourceTags.erase(member->id);  // "all tags that were attached to the account ... are deleted" (BC)
  w.leaveOrganization(*member);
  refreshAllFeatures(w, *org.value());
  return noOutput();
}

Result<Body> listAccounts(World& w, Account& caller, const Json& in) {
  auto maxResults = readMaxResults(in);
  HS_TRY(maxResults);
  PageScope scope{"ListAccounts", caller.id, ""};
  auto after = resumePoint(w.tokenKey, scope, in);
  HS_TRY(after);
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  // Members in joining order, paged by their join sequence: stable when members leave between pages.
  const auto& members = org.value()->memberIds;
  int limit = maxResults.value() ? maxResults.value() : kDefaultPageSize;
  auto first =
      std::upper_bound(members.begin(), members.end(), after.value(),
                       [&](std::uint64_t seq, const std::string& id) { return seq < w.findAccount(id)->joinSeq; });
  std::vector<std::uint64_t> joinSeqs;
  for (auto it = first; it != members.end() && joinSeqs.size() <= static_cast<size_t>(limit); ++it)
    joinSeqs.push_back(w.findAccount(*it)->joinSeq);
  Page page = collectPage({&joinSeqs}, after.value(), limit, [](std::uint64_t) { return true; });
  Json list = Json::array();
  for (size_t i = 0; i < page.items.size(); ++i)
    list.push_back(accountJson(w, *w.findAccount(*(first + static_cast<long>(i)))));
  Json body{{"Accounts", std::move(list)}};
  addNextToken(body, w.tokenKey, scope, page);
  return body;
}

Result<Body> describeAccount(World& w, Account& caller, const Json& in) {
  HS_TRY(requireAccountId(in, "AccountId", "ACCOUNT_ID"));
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  const Account* a = w.findAccount(in["AccountId"].get<std::string>());
  if (!a || a->organizationId != org.value()->id) return err::accountNotFound();
  return Json{{"Account", accountJson(w, *a)}};
}

}  // namespace ops
}  // namespace hs
