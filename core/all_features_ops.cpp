// EnableAllFeatures and the all-features migration: the ENABLE_ALL_FEATURES parent handshake and its
// APPROVE_ALL_FEATURES children (UG "Enabling all features", worked CLI examples; spec 5.8).
#include "errors.h"
#include "handshake_effects.h"
#include "operations.h"

namespace hs {
namespace {

// Every child whose member is still in the organization has been accepted.
bool allApproved(World& w, const Handshake& parent) {
  for (std::uint64_t seq : w.childrenOf(parent.id)) {
    const Handshake& child = *w.findHandshakeBySeq(seq);
    const Account* member = w.findAccount(child.recipientAccountId);
    // Members who (re)joined after the migration started accepted an invitation advertising ALL: no approval needed.
    bool required = member && member->organizationId == parent.organizationId && member->joinSeq < parent.seq;
    if (required && child.stateAt(w.now()) != HandshakeState::Accepted) return false;
  }
  return true;
}

// System move AllApproved: REQUESTED -> OPEN once every required approval is in.
void refresh(World& w, Handshake& parent) {
  if (parent.stateAt(w.now()) == HandshakeState::Requested && allApproved(w, parent))
    parent.state = HandshakeState::Open;
}

}  // namespace

namespace effects {

Handshake* pendingAllFeatures(World& w, const Organization& org) {
  if (org.allFeaturesHandshakeId.empty()) return nullptr;
  Handshake* p = w.findHandshake(org.allFeaturesHandshakeId);
  return p && !isTerminal(p->stateAt(w.now())) ? p : nullptr;
}

Status acceptApproval(World& w, Handshake& child, Account& caller) {
  (void)caller;
  w.finish(child, HandshakeState::Accepted);
  childEnded(w, child);
  return okStatus();
}

void childEnded(World& w, Handshake& child) {
  if (Handshake* parent = w.findHandshake(child.parentId)) refresh(w, *parent);
}

Status acceptAllFeatures(World& w, Handshake& parent, Account& caller) {
  (void)caller;
  Organization* org = w.findOrganization(parent.organizationId);
  if (!org) return err::invalidTransition();
  w.finish(parent, HandshakeState::Accepted);
  org->featureSet = "ALL";  // one-way; policy types are then enabled separately (BC EnableAllFeatures)
  return okStatus();
}

void cancelAllFeatures(World& w, Handshake& parent) {
  Millis now = w.now();
  for (std::uint64_t seq : w.childrenOf(parent.id)) {
    Handshake& child = w.handshakes.at(seq);
    if (!isTerminal(child.stateAt(now))) w.finish(child, HandshakeState::Canceled);
  }
  // Invitations sent during the attempt advertised ALL; they are canceled with it (UG-AF-2022).
  for (std::uint64_t seq : w.sentBy(parent.organizationId)) {
    Handshake& h = w.handshakes.at(seq);
    if (h.action == Action::Invite && h.requested >= parent.requested && h.stateAt(now) == HandshakeState::Open)
      w.finish(h, HandshakeState::Canceled);
  }
}

}  // namespace effects

// Re-checks the pending migration of `org` after membership changed (a member left or was removed).
void refreshAllFeatures(World& w, const Organization& org) {
  if (Handshake* parent = effects::pendingAllFeatures(w, org)) refresh(w, *parent);
}

namespace ops {

Result<Body> enableAllFeatures(World& w, Account& caller, const Json& in) {
  (void)in;  // EnableAllFeaturesRequest has no members; unknown ones are ignored (AWS-observed)
  Organization* org = w.organizationOf(caller);
  if (!org) return err::notInUse();
  if (!org->managedBy(caller.id)) return err::accessDenied();                                        // AWS-observed
  if (org->allFeatures()) return err::handshakeConstraint("ORGANIZATION_ALREADY_HAS_ALL_FEATURES");  // AWS-observed
  if (effects::pendingAllFeatures(w, *org))
    return err::handshakeConstraint("ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION");
  if (org->memberIds.size() > 5000) return err::constraint("ALL_FEATURES_MIGRATION_ORGANIZATION_SIZE_LIMIT_EXCEEDED");

  Millis now = w.now();
  std::vector<std::string> invited;
  for (const std::string& id : org->memberIds) {
    const Account* a = w.findAccount(id);
    if (!org->managedBy(id) && a && a->joinedMethod == "INVITED") invited.push_back(id);
  }
  // Pending invitations are canceled when the migration starts (both guide versions).
  for (std::uint64_t seq : w.sentBy(org->id)) {
    Handshake& h = w.handshakes.at(seq);
    if (h.action == Action::Invite && h.stateAt(now) == HandshakeState::Open) w.finish(h, HandshakeState::Canceled);
  }

  Handshake parent;
  parent.id = w.newHandshakeId();
  parent.action = Action::EnableAllFeatures;
  parent.organizationId = org->id;
  parent.senderAccountId = caller.id;
  parent.recipientAccountId = caller.id;  // the management account finalizes it
  parent.parties = {{organizationPartyId(org->id), "ORGANIZATION"}};
  parent.resources = {{"ORGANIZATION", org->id, {}}};
  // With no invited members there is nothing to wait for: it can be finalized at once (UG).
  parent.state = invited.empty() ? HandshakeState::Open : HandshakeState::Requested;
  parent.requested = now;
  parent.expiration = now + kAllFeaturesLifetime;
  Handshake& stored = w.addHandshake(std::move(parent));
  org->allFeaturesHandshakeId = stored.id;

  for (const std::string& member : invited) {
    Handshake child;
    child.id = w.newHandshakeId();
    child.action = Action::ApproveAllFeatures;
    child.organizationId = org->id;
    child.senderAccountId = caller.id;
    child.recipientAccountId = member;
    child.parentId = stored.id;
    child.parties = {{organizationPartyId(org->id), "ORGANIZATION"}, {member, "ACCOUNT"}};
    // UG example: PARENT_HANDSHAKE carries the parent id without its "h-" prefix.
    child.resources = {
        {"PARENT_HANDSHAKE", stored.id.substr(2), {}}, {"ORGANIZATION", org->id, {}}, {"ACCOUNT", member, {}}};
    child.state = HandshakeState::Open;
    child.requested = now;
    child.expiration = stored.expiration;  // the children live and expire with their parent
    w.addHandshake(std::move(child));
  }
  return Body::raw(handshakeResponse(*w.findHandshake(org->allFeaturesHandshakeId), now));
}

}  // namespace ops
}  // namespace hs
