// World settings: quotas and the switches for behaviours AWS documents inconsistently.
#pragma once
#include <optional>
#include <string>

namespace hs {

// The two switches' values. Strings only at the JSON boundary (Simulator.SetSettings, snapshots),
// through these pairs.
enum class MemberOfOtherOrganization { Move, Reject };  // MOVE | REJECT
enum class InvitesDuringMigration { Allow, Reject };    // ALLOW | REJECT

inline const char* toString(MemberOfOtherOrganization m) {
  switch (m) {
    case MemberOfOtherOrganization::Move: return "MOVE";
    case MemberOfOtherOrganization::Reject: return "REJECT";
  }
  return "";
}
inline std::optional<MemberOfOtherOrganization> memberOfOtherOrganizationFromString(const std::string& s) {
  if (s == "MOVE") return MemberOfOtherOrganization::Move;
  if (s == "REJECT") return MemberOfOtherOrganization::Reject;
  return std::nullopt;
}
inline const char* toString(InvitesDuringMigration i) {
  switch (i) {
    case InvitesDuringMigration::Allow: return "ALLOW";
    case InvitesDuringMigration::Reject: return "REJECT";
  }
  return "";
}
inline std::optional<InvitesDuringMigration> invitesDuringMigrationFromString(const std::string& s) {
  if (s == "ALLOW") return InvitesDuringMigration::Allow;
  if (s == "REJECT") return InvitesDuringMigration::Reject;
  return std::nullopt;
}

struct Settings {
  // Accounts per organization, pending invitations included (UG quotas page: default 10).
  int accountLimit = 10;
  // Accepting an invitation while a member of another organization: MOVE (leave it and join; current
  // docs) or REJECT (HandshakeConstraintViolation ALREADY_IN_AN_ORGANIZATION; older docs).
  MemberOfOtherOrganization memberOfOtherOrganization = MemberOfOtherOrganization::Move;
  // Invitations while an all-features migration is pending: ALLOW (current docs) or REJECT
  // (INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES; older docs).
  InvitesDuringMigration invitesDuringMigration = InvitesDuringMigration::Allow;
  // Seconds after CreateOrganization during which InviteAccountToOrganization and CreateAccount answer
  // FinalizingOrganizationException (the Invite documentation names it; AWS says "up to an hour").
  // 0 (the default) turns it off.
  int finalizingOrganizationSeconds = 0;

  // Invitation attempts per 24 hours: 20 or the account quota, whichever is greater (UG quotas page).
  int dailyInvitationLimit() const { return accountLimit > 20 ? accountLimit : 20; }
};

}  // namespace hs
