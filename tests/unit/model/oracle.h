// The model-based test's oracle: what AWS (and, where AWS says nothing, docs/fidelity.md) says a call
// must answer, written by hand as small tables. Nothing here reads the engine: not
// Simulator.DescribeLifecycle, not World, not core/. Keys in the comments:
//   spec §N     = ../shared/spec/aws-handshake-spec.md, section N
//   fid "topic" = the row of docs/fidelity.md with that topic
//   CAP         = a real AWS response in tests/data/aws-capture-handshakes.json
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace hs::model {

// ------------------------------------------------------------------------------------------------
// 1. Who may call AcceptHandshake / DeclineHandshake / CancelHandshake on which action.
//    Anyone else gets AccessDeniedException, in every state (fid "Wrong party vs terminal state":
//    the caller is checked before the state; CAP sender-accept, sender-decline, recipient-cancel).
enum class Party { Sender, Recipient, Nobody };

struct WhoMay {
  const char* action;
  Party accept, decline, cancel;
};

const WhoMay kWhoMay[] = {
    // spec §4.2, §5.2-5.4: the recipient accepts or declines, the sender cancels (CAP).
    {"INVITE", Party::Recipient, Party::Recipient, Party::Sender},
    // fid "Who accepts which handshake" (worked examples): the management account finalizes the parent;
    // fid "Declining the parent": nobody may; the management account cancels instead.
    {"ENABLE_ALL_FEATURES", Party::Recipient, Party::Nobody, Party::Sender},
    // fid "Who accepts which handshake": members accept their child; fid "Canceling a child": the
    // management account (the sender) may cancel it.
    {"APPROVE_ALL_FEATURES", Party::Recipient, Party::Recipient, Party::Sender},
    // spec §5.2 / §6, fid "Accepting": the invited organization's management account accepts (or
    // declines: BILL "Responding to invitations"); the inviter cancels its invitation.
    {"TRANSFER_RESPONSIBILITY", Party::Recipient, Party::Recipient, Party::Sender},
};

// The recipient of each action: INVITE and TRANSFER_RESPONSIBILITY: the target account id, or the
// account whose root email is the target email (spec §5.2, fid "Received list"); ENABLE_ALL_FEATURES:
// the management account that sent it (fid "Who accepts which handshake"); APPROVE_ALL_FEATURES: the
// member it was created for (fid "Children"). The test's world model (world_model.h) applies this.

// Invitations addressed to the management account of another organization: fid "Invitations to the
// management account of another organization" (UG-ACC, spec §5.1: invisible to it until it deletes its
// organization): Describe, Accept, Decline and Cancel by that account answer HandshakeNotFoundException;
// the sender sees them as before. (The older fid row "Invite accepted by the management account of
// another org", MasterCannotLeaveOrganizationException, no longer applies: the call never gets that far.
// false restores that older rule.)
constexpr bool kInvitesHiddenFromOtherManagementAccounts = true;

// Operations without an output shape: their success may have an empty body (fid "Success of an
// operation with no output") or `{}`.
inline bool hasNoOutput(const std::string& op) {
  return op == "DeleteOrganization" || op == "LeaveOrganization" || op == "RemoveAccountFromOrganization" ||
         op == "TagResource" || op == "UntagResource";
}

// ------------------------------------------------------------------------------------------------
// 2. What the right party's call does in each state.
struct Lifecycle {
  const char* action;
  const char* initial;              // spec §3.2 rule 1 (INVITE OPEN, CAP), §3.3 (parent), fid rows
  std::vector<const char*> states;  // BC HandshakeState values the action uses
};

const Lifecycle kLifecycles[] = {
    {"INVITE", "OPEN", {"OPEN", "ACCEPTED", "DECLINED", "CANCELED", "EXPIRED"}},
    // fid "Parent states": REQUESTED while invited members have not all accepted, OPEN when they have
    // (or at once when there are none).
    {"ENABLE_ALL_FEATURES", "REQUESTED", {"REQUESTED", "OPEN", "ACCEPTED", "CANCELED", "EXPIRED"}},
    {"APPROVE_ALL_FEATURES", "OPEN", {"OPEN", "ACCEPTED", "DECLINED", "CANCELED", "EXPIRED"}},
    // fid "Handshake shape"/"Expiry" of transfers: OPEN at once, like INVITE.
    {"TRANSFER_RESPONSIBILITY", "OPEN", {"OPEN", "ACCEPTED", "DECLINED", "CANCELED", "EXPIRED"}},
};

// The terminal states (spec §4.1).
inline bool isTerminal(const std::string& state) {
  return state == "ACCEPTED" || state == "DECLINED" || state == "CANCELED" || state == "EXPIRED";
}

// Legal moves by the right party. Every other (state, operation) is an error from kStateErrors.
struct LegalMove {
  const char* action;
  const char* op;
  const char* from;
  const char* to;
};

const LegalMove kLegalMoves[] = {
    // spec §4.2 INVITE diagram.
    {"INVITE", "AcceptHandshake", "OPEN", "ACCEPTED"},
    {"INVITE", "DeclineHandshake", "OPEN", "DECLINED"},
    {"INVITE", "CancelHandshake", "OPEN", "CANCELED"},
    // spec §4.2 parent: OPEN -Accept(mgmt)-> ACCEPTED; REQUESTED|OPEN -Cancel(mgmt)-> CANCELED.
    {"ENABLE_ALL_FEATURES", "AcceptHandshake", "OPEN", "ACCEPTED"},
    {"ENABLE_ALL_FEATURES", "CancelHandshake", "REQUESTED", "CANCELED"},
    {"ENABLE_ALL_FEATURES", "CancelHandshake", "OPEN", "CANCELED"},
    // spec §4.2 child: OPEN -Accept/Decline(member)->; fid "Canceling a child".
    {"APPROVE_ALL_FEATURES", "AcceptHandshake", "OPEN", "ACCEPTED"},
    {"APPROVE_ALL_FEATURES", "DeclineHandshake", "OPEN", "DECLINED"},
    {"APPROVE_ALL_FEATURES", "CancelHandshake", "OPEN", "CANCELED"},
    // fid "Transfer status": follows its handshake (accept, decline, cancel as for INVITE).
    {"TRANSFER_RESPONSIBILITY", "AcceptHandshake", "OPEN", "ACCEPTED"},
    {"TRANSFER_RESPONSIBILITY", "DeclineHandshake", "OPEN", "DECLINED"},
    {"TRANSFER_RESPONSIBILITY", "CancelHandshake", "OPEN", "CANCELED"},
};

// The error the right party gets when its move is not legal, by current state (spec §4.3, CAP for the
// first three rows: "the operation whose target state equals the current state ->
// HandshakeAlreadyInState; any other -> InvalidHandshakeTransition"; EXPIRED: fid "EXPIRED handshakes";
// REQUESTED: fid "Accepting the parent while REQUESTED").
struct StateErrors {
  const char* state;
  const char* accept;
  const char* decline;
  const char* cancel;
};

constexpr const char* kAlready = "HandshakeAlreadyInStateException";
constexpr const char* kInvalid = "InvalidHandshakeTransitionException";
constexpr const char* kDenied = "AccessDeniedException";

const StateErrors kStateErrors[] = {
    {"ACCEPTED", kAlready, kInvalid, kInvalid},  {"DECLINED", kInvalid, kAlready, kInvalid},
    {"CANCELED", kInvalid, kInvalid, kAlready},  {"EXPIRED", kInvalid, kInvalid, kInvalid},
    {"REQUESTED", kInvalid, kInvalid, kInvalid},
};

// ------------------------------------------------------------------------------------------------
// 3. Moves nobody calls: which call (or the clock) may move a handshake it does not name.
struct SideMove {
  const char* action;
  const char* from;
  const char* to;
  std::vector<const char*> causes;  // operations (without prefix) whose success may cause it; "CLOCK": time
};

const SideMove kSideMoves[] = {
    // Expiry: spec §4.2 (15 days), fid "When EXPIRED starts"; parent and children after 90 days (fid
    // "Parent expiry", "Child expiry"); transfers min(15 days, start - 24 h) (fid "Expiry").
    {"INVITE", "OPEN", "EXPIRED", {"CLOCK"}},
    {"ENABLE_ALL_FEATURES", "REQUESTED", "EXPIRED", {"CLOCK"}},
    {"ENABLE_ALL_FEATURES", "OPEN", "EXPIRED", {"CLOCK"}},
    {"APPROVE_ALL_FEATURES", "OPEN", "EXPIRED", {"CLOCK"}},
    {"TRANSFER_RESPONSIBILITY", "OPEN", "EXPIRED", {"CLOCK"}},
    // fid "Pending invitations at start"; "Canceling the parent" (invitations sent during the
    // attempt); "DeleteOrganization with live handshakes".
    {"INVITE", "OPEN", "CANCELED", {"EnableAllFeatures", "CancelHandshake", "DeleteOrganization"}},
    // fid "Parent states": REQUESTED -> OPEN when the last required approval arrives, or when the member
    // that had not approved leaves or is removed (fid "A declined child"), by its own leaving or by
    // moving to another organization on accepting an invitation.
    {"ENABLE_ALL_FEATURES",
     "REQUESTED",
     "OPEN",
     {"AcceptHandshake", "LeaveOrganization", "RemoveAccountFromOrganization"}},
    {"ENABLE_ALL_FEATURES", "REQUESTED", "CANCELED", {"DeleteOrganization"}},
    {"ENABLE_ALL_FEATURES", "OPEN", "CANCELED", {"DeleteOrganization"}},
    // fid "Canceling the parent", "A member leaving with an OPEN child" (leaving includes moving on
    // accepting an invitation), "DeleteOrganization with live handshakes".
    {"APPROVE_ALL_FEATURES",
     "OPEN",
     "CANCELED",
     {"CancelHandshake", "LeaveOrganization", "RemoveAccountFromOrganization", "AcceptHandshake",
      "DeleteOrganization"}},
};

// ------------------------------------------------------------------------------------------------
// 4. Lookups.
struct Outcome {
  std::string to;                // the state the handshake (or transfer) moves to, or
  std::set<std::string> errors;  // the errors, any one of which the call may answer: "Type" or "Type|Reason"
  bool consumes = false;         // the one rejected call that changes the world (CAP quirk)

  static std::string key(const std::string& type, const std::string& reason) {
    return reason.empty() ? type : type + "|" + reason;
  }
  static Outcome move(const std::string& to) { return Outcome{to, {}, false}; }
  static Outcome error(const std::string& type, const std::string& reason = "") {
    return Outcome{"", {key(type, reason)}, false};
  }
  void also(const std::string& type, const std::string& reason = "") { errors.insert(key(type, reason)); }
  bool ok() const { return !to.empty(); }
  bool matches(const std::string& type, const std::string& reason) const { return errors.count(key(type, reason)) > 0; }
  std::string describe() const {
    if (ok()) return "-> " + to;
    std::string s;
    for (const std::string& e : errors) s += (s.empty() ? "" : " or ") + e;
    return s;
  }
};

inline const WhoMay* whoMay(const std::string& action) {
  for (const WhoMay& w : kWhoMay)
    if (action == w.action) return &w;
  return nullptr;
}

inline Party partyFor(const std::string& action, const std::string& op) {
  const WhoMay* w = whoMay(action);
  if (!w) return Party::Nobody;
  if (op == "AcceptHandshake") return w->accept;
  if (op == "DeclineHandshake") return w->decline;
  if (op == "CancelHandshake") return w->cancel;
  return Party::Nobody;
}

inline const Lifecycle* lifecycle(const std::string& action) {
  for (const Lifecycle& l : kLifecycles)
    if (action == l.action) return &l;
  return nullptr;
}

inline bool isStateOf(const std::string& action, const std::string& state) {
  const Lifecycle* l = lifecycle(action);
  if (!l) return false;
  for (const char* s : l->states)
    if (state == s) return true;
  return false;
}

// The lifecycle's answer to `op` on a handshake of `action` in `state`, by a caller who is
// (`isSender`, `isRecipient`). A legal move still passes the action's own checks (acceptance below).
inline Outcome lifecycleOutcome(const std::string& action, const std::string& op, bool isSender, bool isRecipient,
                                const std::string& state) {
  Party p = partyFor(action, op);
  bool right = (p == Party::Sender && isSender) || (p == Party::Recipient && isRecipient);
  if (!right) return Outcome::error(kDenied);
  for (const LegalMove& m : kLegalMoves)
    if (action == m.action && op == m.op && state == m.from) return Outcome::move(m.to);
  for (const StateErrors& e : kStateErrors)
    if (state == e.state)
      return Outcome::error(op == "AcceptHandshake" ? e.accept : op == "DeclineHandshake" ? e.decline : e.cancel);
  return Outcome::error("(no oracle row for " + action + " " + op + " in " + state + ")");
}

// Whether a handshake it did not name may move from -> to when `cause` succeeded ("CLOCK": a clock jump).
inline bool sideMoveAllowed(const std::string& action, const std::string& from, const std::string& to,
                            const std::string& cause) {
  for (const SideMove& m : kSideMoves) {
    if (action != m.action || from != m.from || to != m.to) continue;
    for (const char* c : m.causes)
      if (cause == c) return true;
  }
  return false;
}

// ------------------------------------------------------------------------------------------------
// 5. Accepting: what the recipient's legal AcceptHandshake still checks, per action. Facts about the
//    caller come from the test's world model.
struct Acceptor {
  bool inOrganization = false;  // the caller is in some organization
  bool manages = false;         // ... as its management account
  bool inSendersOrganization = false;
  bool inCreatedWait = false;  // JoinedMethod CREATED and created less than 4 days ago
  int sendersMembers = 0;      // members of the inviting organization (the management account too)
  int accountLimit = 10;
  bool rejectMembersOfOtherOrganizations = false;  // Simulator setting MemberOfOtherOrganization REJECT
  // transfers
  bool billAlreadyMoved = false;  // the caller's organization is the source of an ACCEPTED transfer
  bool linkedToSender = false;    // an ACCEPTED transfer links the caller's and the sender's organizations
};

// INVITE (spec §5.2; fid rows cited). Where several checks fail and nothing documents their order
// (spec §13 "Exact precedence" covers validation, existence, party and state only), any of their errors
// is accepted.
inline Outcome acceptInvite(const Acceptor& a) {
  // CAP recipient-already-member: the error, yet the handshake becomes ACCEPTED.
  if (a.inSendersOrganization) {
    Outcome o = Outcome::error("HandshakeConstraintViolationException", "ALREADY_IN_AN_ORGANIZATION");
    o.consumes = true;
    return o;
  }
  Outcome o;
  bool member = a.inOrganization && !a.manages;
  // fid "Invite accepted by the management account of another org".
  if (a.inOrganization && a.manages) o.also("MasterCannotLeaveOrganizationException");
  // fid "EMAIL invite accepted by a member of another org": REJECT -> ALREADY_IN_AN_ORGANIZATION.
  if (member && a.rejectMembersOfOtherOrganizations)
    o.also("HandshakeConstraintViolationException", "ALREADY_IN_AN_ORGANIZATION");
  // fid "Created accounts leaving": under MOVE, joining the other organization is leaving this one.
  if (member && !a.rejectMembersOfOtherOrganizations && a.inCreatedWait)
    o.also("ConstraintViolationException", "WAIT_PERIOD_ACTIVE");
  // fid "Account quota": also checked on accept (the accepted invitation's own reservation becomes the
  // membership, so the members alone are compared with the limit).
  if (a.sendersMembers >= a.accountLimit)
    o.also("HandshakeConstraintViolationException", "ACCOUNT_NUMBER_LIMIT_EXCEEDED");
  if (o.errors.empty()) return Outcome::move("ACCEPTED");
  return o;
}

// TRANSFER_RESPONSIBILITY (fid "Accepting", in its order).
inline Outcome acceptTransfer(const Acceptor& a) {
  if (!a.inOrganization) return Outcome::error("AWSOrganizationsNotInUseException");
  if (!a.manages) return Outcome::error(kDenied);
  if (a.inSendersOrganization)
    return Outcome::error("HandshakeConstraintViolationException", "SOURCE_AND_TARGET_CANNOT_MATCH");
  if (a.billAlreadyMoved || a.linkedToSender)
    return Outcome::error("HandshakeConstraintViolationException", "RESPONSIBILITY_TRANSFER_ALREADY_EXISTS");
  return Outcome::move("ACCEPTED");
}

// ------------------------------------------------------------------------------------------------
// 6. Responsibility-transfer operations (spec §6; fid "Responsibility transfers").

// Transfer status from its own status and its handshake (fid "Transfer status": follows its handshake;
// computed on read).
inline std::string transferStatusFor(const std::string& ownStatus, const std::string& handshakeState) {
  if (ownStatus != "REQUESTED") return ownStatus;
  if (handshakeState == "EXPIRED" || handshakeState == "DECLINED" || handshakeState == "CANCELED")
    return handshakeState;
  return ownStatus;
}

// TerminateResponsibilityTransfer by a caller on either side (fid "Terminate").
inline Outcome terminateTransfer(const std::string& status) {
  if (status == "ACCEPTED") return Outcome::move("WITHDRAWN");
  if (status == "WITHDRAWN") return Outcome::error("ResponsibilityTransferAlreadyInStatusException");
  return Outcome::error("InvalidResponsibilityTransferTransitionException");
}

// Describe/Update/Terminate after validation and existence: the caller (fid "Describe, Update,
// Terminate": caller (NotInUse / AccessDenied), side (AccessDenied)).
inline std::string transferCallerError(bool inOrganization, bool manages, bool onASide) {
  if (!inOrganization) return "AWSOrganizationsNotInUseException";
  if (!manages || !onASide) return kDenied;
  return "";
}

// StartTimestamp rules (fid "StartTimestamp"), for starts that are the 1st of a month at 00:00 UTC:
// less than 24 h away -> START_DATE_TOO_EARLY; more than 12 calendar months after the current month ->
// START_DATE_TOO_LATE.
inline std::string startDateReason(std::int64_t startMs, std::int64_t nowMs, int monthsAfterCurrent) {
  if (startMs - nowMs < 86400000) return "START_DATE_TOO_EARLY";
  if (monthsAfterCurrent > 12) return "START_DATE_TOO_LATE";
  return "";
}

}  // namespace hs::model
