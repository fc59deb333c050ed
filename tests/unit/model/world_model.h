// The model-based test's own model of the world: accounts, organizations, the handshakes and transfers
// its calls created (who sent them, whom they address), membership and transfer status. It is updated
// from the calls the test makes and whether they succeeded, never from the engine's view of itself, and
// answers the questions the oracle (oracle.h) needs: is the caller the sender, the recipient, a
// management account, on which side of a transfer.
#pragma once
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "oracle.h"

namespace hs::model {

constexpr std::int64_t kDayMs = 86400000;

inline std::string lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Account {
  std::string id, email;
  std::string org;           // "" when standalone
  std::string joinedMethod;  // INVITED | CREATED while in an organization
  std::int64_t created = 0;
  std::uint64_t joinOrder = 0;  // when it last joined (model counter)
};

struct Organization {
  std::string id, management;
  std::vector<std::string> members;  // the management account too
};

struct Handshake {
  std::string id, action;
  std::string sender, senderOrg;     // the account whose call created it, and its organization
  std::string targetType, targetId;  // INVITE / TRANSFER_RESPONSIBILITY: the request's Target
  std::string recipient;             // ENABLE_ALL_FEATURES / APPROVE_ALL_FEATURES: the account named
  std::string parent;                // APPROVE_ALL_FEATURES: its ENABLE_ALL_FEATURES
  std::string transfer;              // TRANSFER_RESPONSIBILITY: its rt- id
  std::uint64_t order = 0;           // model counter at creation
};

struct Transfer {
  std::string id, handshake, name;
  std::string targetOrg, targetAccount;  // the inviter (fid "Who invites": the Target, inbound side)
  std::string invitedType, invitedId;    // what the invitation named (the Source until accepted)
  std::string sourceOrg, sourceAccount;  // set on acceptance
  std::string status = "REQUESTED";      // as last set by a call: REQUESTED ACCEPTED DECLINED CANCELED WITHDRAWN
  std::int64_t start = 0, end = 0, expiration = 0;
};

class WorldModel {
 public:
  std::int64_t now = 0;
  int accountLimit = 10;
  bool rejectMembersOfOtherOrganizations = false;
  std::map<std::string, Account> accounts;
  std::map<std::string, Organization> organizations;
  std::map<std::string, Handshake> handshakes;
  std::map<std::string, Transfer> transfers;
  std::vector<std::string> transferOrder;  // creation order

  // ---- questions -------------------------------------------------------------------------------
  const Account* account(const std::string& id) const {
    auto it = accounts.find(id);
    return it == accounts.end() ? nullptr : &it->second;
  }
  const Account* accountByEmail(const std::string& email) const {
    std::string e = lowercase(email);
    for (const auto& [id, a] : accounts)
      if (lowercase(a.email) == e) return &a;
    return nullptr;
  }
  std::string orgOf(const std::string& id) const {
    const Account* a = account(id);
    return a ? a->org : "";
  }
  bool manages(const std::string& id) const {
    std::string org = orgOf(id);
    return !org.empty() && organizations.at(org).management == id;
  }
  const Handshake* handshake(const std::string& id) const {
    auto it = handshakes.find(id);
    return it == handshakes.end() ? nullptr : &it->second;
  }
  // The account a target names: the id itself (even if unknown) or the owner of the email.
  std::string named(const std::string& type, const std::string& id) const {
    if (type == "ACCOUNT") return id;
    const Account* a = accountByEmail(id);
    return a ? a->id : "";
  }
  // The recipient (oracle.h "The recipient of each action").
  std::string recipientOf(const Handshake& h) const {
    if (h.action == "INVITE" || h.action == "TRANSFER_RESPONSIBILITY") return named(h.targetType, h.targetId);
    return h.recipient;
  }
  bool isSender(const Handshake& h, const std::string& caller) const { return caller == h.sender; }
  bool isRecipient(const Handshake& h, const std::string& caller) const {
    std::string r = recipientOf(h);
    return !r.empty() && r == caller;
  }
  // An invitation the caller may not see (oracle.h kInvitesHiddenFromOtherManagementAccounts).
  bool hiddenFrom(const Handshake& h, const std::string& caller) const {
    return kInvitesHiddenFromOtherManagementAccounts && h.action == "INVITE" && !isSender(h, caller) &&
           isRecipient(h, caller) && manages(caller);
  }
  // The accounts that may describe it: sender and recipient (fid "DescribeHandshake by a non-party").
  std::set<std::string> parties(const Handshake& h) const {
    std::set<std::string> p{h.sender};
    std::string r = recipientOf(h);
    if (!r.empty() && !hiddenFrom(h, r)) p.insert(r);
    return p;
  }

  // Transfer status now (oracle transferStatusFor; the handshake's state follows from the model: it
  // ends only by the calls the model saw, or by expiry).
  std::string statusOf(const Transfer& t) const {
    if (t.status == "REQUESTED" && now > t.expiration) return "EXPIRED";
    return t.status;
  }
  bool accepted(const Transfer& t) const { return statusOf(t) == "ACCEPTED"; }
  bool linked(const std::string& a, const std::string& b) const {
    for (const auto& [id, t] : transfers)
      if (accepted(t) && ((t.targetOrg == a && t.sourceOrg == b) || (t.targetOrg == b && t.sourceOrg == a)))
        return true;
    return false;
  }
  bool billMoved(const std::string& org) const {
    for (const auto& [id, t] : transfers)
      if (accepted(t) && t.sourceOrg == org) return true;
    return false;
  }
  // The caller's side of a transfer (fid "Who invites", "Inbound / outbound lists"): "inbound" for the
  // inviting organization, "outbound" for the invited one (by organization once accepted, before that
  // the account the invitation names), "" otherwise. The caller must manage an organization.
  std::string sideOf(const Transfer& t, const std::string& caller) const {
    std::string org = orgOf(caller);
    if (org.empty()) return "";
    if (t.targetOrg == org) return "inbound";
    if (!t.sourceOrg.empty()) return t.sourceOrg == org ? "outbound" : "";
    return named(t.invitedType, t.invitedId) == caller ? "outbound" : "";
  }
  // fid "DeleteOrganization": blocked by a pending invitation sent by it or addressed to its management
  // account, an accepted transfer, or a withdrawn one before its end date.
  bool activeTransfer(const std::string& org) const {
    const std::string& mgmt = organizations.at(org).management;
    for (const auto& [id, t] : transfers) {
      std::string s = statusOf(t);
      bool ours =
          t.targetOrg == org || t.sourceOrg == org || (s == "REQUESTED" && named(t.invitedType, t.invitedId) == mgmt);
      if (ours && (s == "REQUESTED" || s == "ACCEPTED" || (s == "WITHDRAWN" && t.end >= now))) return true;
    }
    return false;
  }

  Acceptor acceptor(const Handshake& h, const std::string& caller) const {
    Acceptor a;
    const Account* c = account(caller);
    std::string org = c ? c->org : "";
    a.inOrganization = !org.empty();
    a.manages = manages(caller);
    a.inSendersOrganization = !org.empty() && org == h.senderOrg;
    a.inCreatedWait = c && c->joinedMethod == "CREATED" && now - c->created < 4 * kDayMs;
    auto sender = organizations.find(h.senderOrg);
    a.sendersMembers = sender == organizations.end() ? 0 : static_cast<int>(sender->second.members.size());
    a.accountLimit = accountLimit;
    a.rejectMembersOfOtherOrganizations = rejectMembersOfOtherOrganizations;
    a.billAlreadyMoved = !org.empty() && billMoved(org);
    a.linkedToSender = !org.empty() && linked(org, h.senderOrg);
    return a;
  }

  // ---- changes ---------------------------------------------------------------------------------
  void createAccount(const std::string& id, const std::string& email) {
    accounts[id] = Account{id, email, "", "", now, 0};
  }
  void createOrganization(const std::string& orgId, const std::string& management) {
    organizations[orgId] = Organization{orgId, management, {}};
    join(management, orgId, "INVITED");  // fid "Management account JoinedMethod"
  }
  void join(const std::string& id, const std::string& org, const std::string& method) {
    Account& a = accounts.at(id);
    a.org = org;
    a.joinedMethod = method;
    a.joinOrder = ++counter_;
    organizations.at(org).members.push_back(id);
  }
  void leave(const std::string& id) {
    Account& a = accounts.at(id);
    auto& m = organizations.at(a.org).members;
    m.erase(std::remove(m.begin(), m.end(), id), m.end());
    a.org.clear();
    a.joinedMethod.clear();
  }
  void deleteOrganization(const std::string& org) {
    leave(organizations.at(org).management);
    organizations.erase(org);
  }
  Handshake& addHandshake(Handshake h) {
    h.order = ++counter_;
    std::string id = h.id;
    return handshakes[id] = std::move(h);
  }
  std::uint64_t counter() const { return counter_; }

 private:
  std::uint64_t counter_ = 0;
};

}  // namespace hs::model
