// EnableAllFeatures and the all-features migration: the ENABLE_ALL_FEATURES parent handshake and its
// APPROVE_ALL_FEATURES children (UG "Enabling all features", worked CLI examples; spec 5.8).
#include "ops/operations.h"
#include "rules/handshake_effects.h"
#include "wire/errors.h"

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

}  // namespace

namespace effects {

Handshake* pendingAllFeatures(World& w, const Organization& org) {
  if (org.allFeaturesHandshakeId.empty()) return nullptr;
  Handshake* p = w.findHandshake(org.allFeaturesHandshakeId);
  return p && !isTerminal(p->stateAt(w.now())) ? p : nullptr;
}

Status organizationExists(Firing& f) {
  return f.world.findOrganization(f.handshake.organizationId) ? okStatus() : Status(err::invalidTransition());
}

// One-way; policy types are then enabled separately (BC EnableAllFeatures).
Status allFeaturesOn(Firing& f) {
  f.world.findOrganization(f.handshake.organizationId)->featureSet = FeatureSet::All;  // organizationExists checked it
  return okStatus();
}

Status everyMemberApproved(Firing& f) {
  return allApproved(f.world, f.handshake) ? okStatus() : Status(err::invalidTransition());
}

Status recheckParent(Firing& f) {
  if (f.handshake.parentId.empty()) return okStatus();
  if (Handshake* parent = f.world.findHandshake(f.handshake.parentId))
    (void)Lifecycle::fire(f.world, *parent, Trigger::AllApproved, Role::System);
  return okStatus();
}

Status cancelAttempt(Firing& f) {
  World& w = f.world;
  const Handshake& parent = f.handshake;
  for (std::uint64_t seq : w.childrenOf(parent.id))
    (void)Lifecycle::fire(w, w.handshakes.at(seq), Trigger::ParentCanceled, Role::System);
  // Invitations sent during the attempt advertised ALL; they are canceled with it (UG-AF-2022).
  for (std::uint64_t seq : w.sentBy(parent.organizationId)) {
    Handshake& h = w.handshakes.at(seq);
    if (h.action == Action::Invite && h.requested >= parent.requested && h.stateAt(w.now()) == HandshakeState::Open)
      (void)Lifecycle::fire(w, h, Trigger::ParentCanceled, Role::System);
  }
  return okStatus();
}

}  // namespace effects

// Re-checks the pending migration of `org` after membership changed (a member left or was removed).
void refreshAllFeatures(World& w, const Organization& org) {
  if (Handshake* parent = effects::pendingAllFeatures(w, org))
    (void)Lifecycle::fire(w, *parent, Trigger::AllApproved, Role::System);
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
    if (!org->managedBy(id) && a && a->joinedMethod == JoinedMethod::Invited) invited.push_back(id);
  }
  // Pending invitations are canceled when the migration starts (both guide versions).
  for (std::uint64_t seq : w.sentBy(org->id)) {
    Handshake& h = w.handshakes.at(seq);
    if (h.action == Action::Invite && h.stateAt(now) == HandshakeState::Open)
      (void)Lifecycle::fire(w, h, Trigger::MigrationStarted, Role::System);
  }

  Handshake parent;
  parent.id = w.newHandshakeId();
  parent.action = Action::EnableAllFeatures;
  parent.organizationId = org->id;
  parent.senderAccountId = caller.id;
  parent.recipientAccountId = caller.id;  // the management account finalizes it
  parent.parties = {{organizationPartyId(org->id), "ORGANIZATION"}};
  parent.resources = {{"ORGANIZATION", org->id, {}}};
  Handshake& stored = Lifecycle::create(w, std::move(parent));  // REQUESTED, 90 days
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
    Lifecycle::create(w, std::move(child), stored.expiration);  // OPEN; lives and expires with its parent
  }
  // With no invited members there is nothing to wait for: AllApproved fires at once (UG).
  (void)Lifecycle::fire(w, stored, Trigger::AllApproved, Role::System);
  return Body::raw(handshakeResponse(stored, now));
}

}  // namespace ops
}  // namespace hs
