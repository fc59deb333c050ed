// What a legal Accept/Decline/Cancel does besides changing the handshake's state, per action.
// Each effect either refuses before changing anything (returning the error) or completes the move.
#pragma once
#include "result.h"
#include "world.h"

namespace hs::effects {

// INVITE (handshake_ops.cpp): the recipient joins the organization.
Status acceptInvite(World& w, Handshake& h, Account& caller);
// ENABLE_ALL_FEATURES / APPROVE_ALL_FEATURES (all_features_ops.cpp).
Status acceptAllFeatures(World& w, Handshake& parent, Account& caller);
Status acceptApproval(World& w, Handshake& child, Account& caller);
void childEnded(World& w, Handshake& child);          // after a child's decline or cancel
void cancelAllFeatures(World& w, Handshake& parent);  // after the parent's cancel: cascade
}  // namespace hs::effects

namespace hs {
// Re-checks a pending migration after membership changed (system move AllApproved).
void refreshAllFeatures(World& w, const Organization& org);
}  // namespace hs

namespace hs::effects {
// TRANSFER_RESPONSIBILITY (transfer_ops.cpp).
Status acceptTransfer(World& w, Handshake& h, Account& caller);
void transferHandshakeEnded(World& w, Handshake& h);  // after decline or cancel

// The ENABLE_ALL_FEATURES request of the organization while it is pending, else nullptr.
Handshake* pendingAllFeatures(World& w, const Organization& org);

}  // namespace hs::effects
