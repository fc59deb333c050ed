// World settings: quotas and the switches for behaviours AWS documents inconsistently.
#pragma once
#include <string>

namespace hs {

struct Settings {
  // Accounts per organization, pending invitations included (UG quotas page: default 10).
  int accountLimit = 10;
  // Accepting an invitation while a member of another organization: "MOVE" (leave it and join; current
  // docs) or "REJECT" (HandshakeConstraintViolation ALREADY_IN_AN_ORGANIZATION; older docs).
  std::string memberOfOtherOrganization = "MOVE";
  // Invitations while an all-features migration is pending: "ALLOW" (current docs) or "REJECT"
  // (INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES; older docs).
  std::string invitesDuringMigration = "ALLOW";
  // Seconds after CreateOrganization during which InviteAccountToOrganization and CreateAccount answer
  // FinalizingOrganizationException (the Invite documentation names it; AWS says "up to an hour").
  // 0 (the default) turns it off.
  int finalizingOrganizationSeconds = 0;

  // Invitation attempts per 24 hours: 20 or the account quota, whichever is greater (UG quotas page).
  int dailyInvitationLimit() const { return accountLimit > 20 ? accountLimit : 20; }
};

}  // namespace hs
