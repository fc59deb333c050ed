// The named guards and effects of the lifecycle table (core/rules/lifecycle.cpp), implemented next to their
// action's operations. A guard refuses before anything changes; an effect runs after Lifecycle::fire
// wrote the new state. None of them writes a handshake's state: cascades fire the table.
#pragma once
#include "model/world.h"
#include "rules/lifecycle.h"
#include "wire/result.h"

namespace hs::effects {

// INVITE (handshake_ops.cpp).
Status inviteAcceptable(Firing& f);   // guard of Accept: the inviter exists, the caller may join it
Status nameAcceptor(Firing& f);       // the acceptor becomes the ACCOUNT party (EMAIL targets)
Status joinInviter(Firing& f);        // the acceptor moves into the inviting organization
Status joinInviterAnswer(Firing& f);  // pure: joinInviter's error while the move stands (Effect::answer)

// ENABLE_ALL_FEATURES and its children (all_features_ops.cpp).
Status organizationExists(Firing& f);   // guard of the parent's Accept
Status allFeaturesOn(Firing& f);        // the organization's FeatureSet becomes ALL
Status everyMemberApproved(Firing& f);  // guard of AllApproved
Status recheckParent(Firing& f);        // a child ended or was approved: fire AllApproved at its parent
Status cancelAttempt(Firing& f);        // the parent was canceled: fire ParentCanceled at its children and
                                        // at the invitations sent during the attempt

// TRANSFER_RESPONSIBILITY (transfer_ops.cpp).
Status transferAcceptable(Firing& f);  // guard of Accept: another organization whose bill has not moved
Status takeOverBill(Firing& f);        // the transfer becomes ACCEPTED with its source known
Status transferFollows(Firing& f);     // after Decline or Cancel: the transfer's status follows

// The ENABLE_ALL_FEATURES request of the organization while it is pending, else nullptr.
Handshake* pendingAllFeatures(World& w, const Organization& org);

}  // namespace hs::effects

namespace hs {
// Re-checks a pending migration after membership changed (fires AllApproved).
void refreshAllFeatures(World& w, const Organization& org);
}  // namespace hs
