// The simulated world: accounts, organizations, handshakes and transfers, with the indices that keep
// lookups and list pages O(log n + page). Data members are public (the snapshot reads and writes
// them); indices are private, derived from them, and rebuilt by rebuildIndices() after an import.
//
// Invariants (each member says who may write it and which index it keeps right):
//   - a handshake's indexed fields (id, action, organizationId, recipientEmail, the recipientAccountId
//     of an ACCOUNT-addressed one, parentId, requested, expiration) never change once it is stored;
//   - a handshake's `state` and `ended` change only in Lifecycle::fire, between unkeyState and keyState.
#pragma once
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/account.h"
#include "model/account_records.h"
#include "model/clock.h"
#include "model/handshake.h"
#include "model/id_generator.h"
#include "model/organization.h"
#include "model/settings.h"
#include "model/transfer.h"
#include "rules/lifecycle.h"

namespace hs {

class World {
 public:
  World(const Clock* clock, std::uint64_t seed);

  Millis now() const { return clock_->now(); }
  void setClock(const Clock* clock) { clock_ = clock; }

  // --- state (exported by snapshots) ---
  std::uint64_t seed = 0;
  IdGenerator ids;
  Settings settings;
  std::uint64_t tokenKey = 0;  // keys NextToken authentication
  // Above every seq handed out (handshakes, account joins, CreateAccount requests); only grows.
  std::uint64_t nextSeq = 1;
  // By id. New accounts go through addAccount (which indexes the email); an email never changes.
  std::map<std::string, Account> accounts;
  // By id. allFeaturesHandshakeId is empty or names a stored ENABLE_ALL_FEATURES handshake of the
  // organization (forget() clears it when that handshake is purged).
  std::map<std::string, Organization> organizations;
  // By seq: creation order (h.seq is the key). Added only by Lifecycle::create (through addHandshake)
  // and snapshot import; removed only by purgeInvisible. Their state is written only by Lifecycle::fire.
  std::map<std::uint64_t, Handshake> handshakes;
  // By id. t.seq and t.handshakeId name its TRANSFER_RESPONSIBILITY handshake, which stays stored
  // (never purged) while the transfer exists.
  std::map<std::string, ResponsibilityTransfer> transfers;
  std::map<std::string, ResourceTags> resourceTags;  // by resource id (accounts, roots)
  // By car- id. Added only by addCreateAccountRequest and snapshot import (which rebuilds the indices); a
  // request leaves IN_PROGRESS only as one of dueCreateAccountRequests().
  std::map<std::string, CreateAccountRequest> createAccountRequests;

  // --- lookups ---
  Account* findAccount(const std::string& id);
  const Account* findAccount(const std::string& id) const;
  const Account* findAccountByEmail(const std::string& email) const;
  Organization* findOrganization(const std::string& id);
  const Organization* findOrganization(const std::string& id) const;
  Organization* organizationOf(const Account& a);
  // A handshake that exists and is still within its retention window.
  Handshake* findVisibleHandshake(const std::string& id);
  Handshake* findHandshake(const std::string& id);
  const Handshake* findHandshakeBySeq(std::uint64_t seq) const;
  ResponsibilityTransfer* findTransfer(const std::string& id);

  bool isSender(const Handshake& h, const Account& caller) const;
  bool isRecipient(const Handshake& h, const Account& caller) const;
  // The caller's role for operation `op`: the role the operation needs if the caller has it, else its
  // other role.
  Role roleFor(const Handshake& h, const Account& caller, Trigger op) const;

  // Seqs of handshakes, ascending: sent by an organization; addressed to an account id or email;
  // children of a parent handshake.
  const std::vector<std::uint64_t>& sentBy(const std::string& organizationId) const;
  const std::vector<std::uint64_t>& addressedToAccount(const std::string& accountId) const;
  const std::vector<std::uint64_t>& addressedToEmail(const std::string& email) const;
  const std::vector<std::uint64_t>& childrenOf(const std::string& parentId) const;

  // --- changes ---
  Account& addAccount(Account a);
  CreateAccountRequest& addCreateAccountRequest(CreateAccountRequest r);
  // The IN_PROGRESS CreateAccount requests whose completion time has come, in seq order, for the caller to
  // settle. O(1) while none can be due (every call asks); a scan of the requests once one is.
  std::vector<CreateAccountRequest*> dueCreateAccountRequests();
  // A handshake id no handshake of the world has, whatever state the id generator was given.
  std::string newHandshakeId();
  // Assigns seq, indexes it. Only Lifecycle::create calls it (it sets the initial state and lifetime).
  Handshake& addHandshake(Handshake h);
  // Drops the handshakes past their retention (no call can see them again) and keeps every index
  // consistent, so memory follows what is visible. TRANSFER_RESPONSIBILITY handshakes stay while their
  // transfer exists (transfers are kept in every status), and an all-features child stays while its
  // parent does (the parent's approval reads its children). Idempotent; a no-op when nothing is due.
  void purgeInvisible();
  // The one creation path of an organization (CreateOrganization, Simulator.CreateOrganization): a new
  // root, SCPs enabled with ALL (CONSOLIDATED_BILLING has no policy types: BC examples), and the
  // standalone `management` account joined as INVITED (BC ListAccounts example). `id` empty: a
  // generated one; else an id no organization has.
  Organization& createOrganization(Account& management, FeatureSet featureSet, const std::string& id = "");
  // createOrganization and joinOrganization allocate before they change anything, so that memory running
  // out in them changes nothing (docs/fidelity.md, "Out of memory").
  void joinOrganization(Account& a, Organization& org, JoinedMethod joinedMethod);
  // Takes an account out of its organization; its open all-features child is canceled (MemberRemoved).
  void leaveOrganization(Account& a);
  // Created accounts must wait four days before leaving (WAIT_PERIOD_ACTIVE; UG quotas page, BC).
  bool inCreatedAccountWait(const Account& a) const;

  // Quotas. Live invitations count against the account quota until they end (UG quotas page).
  int liveInvitations(const std::string& organizationId);
  // Invitations sent in the last 24 hours that were not accepted (UG quotas page).
  int invitationsInLastDay(const std::string& organizationId);

  void rebuildIndices();

 private:
  // The account's side of joining: allocates nothing.
  void markJoined(Account& a, std::string organizationId, JoinedMethod joinedMethod);
  void index(const Handshake& h);
  // Lifecycle::fire's bookkeeping around the one write of a handshake's state: the indices keyed by
  // the state (the live-invitation quota, the purge queue) drop the handshake before the write and take
  // it back after.
  friend class Lifecycle;
  void unkeyState(const Handshake& h);
  void keyState(const Handshake& h);
  struct OrgQuota {
    std::set<std::pair<Millis, std::uint64_t>> live;     // (expiration, seq) of stored-OPEN invitations
    std::vector<std::pair<Millis, std::uint64_t>> sent;  // (requested, seq) of every invitation, in order
  };
  // When each stored handshake stops being visible, (the last instant it is visible, seq). The key of
  // a handshake changes only when Lifecycle::fire moves it (unkeyState/keyState around the write).
  static Millis visibleUntil(const Handshake& h) { return h.endedAt() + kRetention; }
  void forget(const std::vector<std::uint64_t>& seqs);
  const Clock* clock_;
  // Exactly one (visibleUntil(h), seq) per stored handshake: index() adds it, keyState re-adds it after
  // a state write, forget() removes it.
  std::set<std::pair<Millis, std::uint64_t>> purgeQueue_;
  // No IN_PROGRESS CreateAccount request completes before this instant (a lower bound: addCreateAccountRequest
  // lowers it, dueCreateAccountRequests sets it from a scan, rebuildIndices resets it to "scan now").
  static constexpr Millis kScanCreateAccountsNow = std::numeric_limits<Millis>::min();
  Millis createAccountsDueAt_ = kScanCreateAccountsNow;
  // id -> seq of every stored handshake (index(), forget()).
  std::unordered_map<std::string, std::uint64_t> seqById_;
  std::unordered_map<std::string, std::string> accountByEmail_;  // lowercase email -> id (addAccount)
  // Seqs, ascending, of the stored handshakes sent by an organization, addressed to an account (those
  // without an email), addressed to a lowercase email, and children of a parent id. Appended by
  // index() (seqs only grow), pruned by forget(), which drops the keys it leaves empty.
  std::unordered_map<std::string, std::vector<std::uint64_t>> sentBy_, toAccount_, toEmail_, children_;
  // Per organization: `live` holds the (expiration, seq) of its stored-OPEN invitations not yet past
  // their expiration (liveInvitations drops expired entries lazily; keyState/unkeyState follow the
  // state); `sent` holds (requested, seq) of every stored invitation in seq order (index(), forget()).
  std::unordered_map<std::string, OrgQuota> quota_;
};

}  // namespace hs
