#include "lifecycle.h"

#include <map>

namespace hs {
namespace {

constexpr int kOps = 3, kRoles = 3, kStates = 6;

int index(Action a, Operation op, Role r, HandshakeState s) {
  return ((static_cast<int>(a) * kOps + static_cast<int>(op)) * kRoles + static_cast<int>(r)) * kStates +
         static_cast<int>(s);
}

HandshakeState targetOf(Operation op) {
  switch (op) {
    case Operation::Accept: return HandshakeState::Accepted;
    case Operation::Decline: return HandshakeState::Declined;
    case Operation::Cancel: return HandshakeState::Canceled;
  }
  return HandshakeState::Accepted;
}

using S = HandshakeState;

// The rules each action's table is expanded from.
struct ActionRules {
  Action action;
  S initial;
  std::vector<S> states;
  std::map<Operation, Role> actors;                        // absent: nobody may
  std::vector<std::pair<Operation, S>> legalFrom;          // (op, from) -> targetOf(op)
  std::vector<std::pair<std::string, std::string>> roles;  // role name -> who it is
};

const std::vector<ActionRules>& rules() {
  static const std::vector<ActionRules> kRules = {
      // INVITE (AWS-observed): OPEN at once; the recipient accepts or declines, the sender cancels.
      {Action::Invite,
       S::Open,
       {S::Open, S::Accepted, S::Declined, S::Canceled, S::Expired},
       {{Operation::Accept, Role::Recipient}, {Operation::Decline, Role::Recipient}, {Operation::Cancel, Role::Sender}},
       {{Operation::Accept, S::Open}, {Operation::Decline, S::Open}, {Operation::Cancel, S::Open}},
       {{"SENDER", "The management account of the inviting organization."},
        {"RECIPIENT",
         "The invited account: the target account id, or the account whose root email is the target email."},
        {"OTHER", "Any other account."}}},
      // ENABLE_ALL_FEATURES parent (UG worked examples): REQUESTED until every invited member approved,
      // then OPEN; the management account finalizes it by accepting, or cancels it. Nobody declines it.
      {Action::EnableAllFeatures,
       S::Requested,
       {S::Requested, S::Open, S::Accepted, S::Canceled, S::Expired},
       {{Operation::Accept, Role::Recipient}, {Operation::Cancel, Role::Sender}},
       {{Operation::Accept, S::Open}, {Operation::Cancel, S::Requested}, {Operation::Cancel, S::Open}},
       {{"SENDER", "The management account (it both sends and finalizes the request)."},
        {"RECIPIENT", "The management account, which finalizes the request once every member approved."},
        {"OTHER", "Any other account, members included."}}},
      // APPROVE_ALL_FEATURES child: one per invited member; the member accepts or declines.
      {Action::ApproveAllFeatures,
       S::Open,
       {S::Open, S::Accepted, S::Declined, S::Canceled, S::Expired},
       {{Operation::Accept, Role::Recipient}, {Operation::Decline, Role::Recipient}, {Operation::Cancel, Role::Sender}},
       {{Operation::Accept, S::Open}, {Operation::Decline, S::Open}, {Operation::Cancel, S::Open}},
       {{"SENDER", "The management account that started the migration."},
        {"RECIPIENT", "The invited member account asked to approve."},
        {"OTHER", "Any other account."}}},
      // ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE child: as APPROVE_ALL_FEATURES, for created members.
      {Action::AddOrganizationsServiceLinkedRole,
       S::Open,
       {S::Open, S::Accepted, S::Declined, S::Canceled, S::Expired},
       {{Operation::Accept, Role::Recipient}, {Operation::Decline, Role::Recipient}, {Operation::Cancel, Role::Sender}},
       {{Operation::Accept, S::Open}, {Operation::Decline, S::Open}, {Operation::Cancel, S::Open}},
       {{"SENDER", "The management account that started the migration."},
        {"RECIPIENT", "The created member account asked to restore its service-linked role."},
        {"OTHER", "Any other account."}}},
      // TRANSFER_RESPONSIBILITY: the other organization's management account accepts or declines.
      {Action::TransferResponsibility,
       S::Open,
       {S::Open, S::Accepted, S::Declined, S::Canceled, S::Expired},
       {{Operation::Accept, Role::Recipient}, {Operation::Decline, Role::Recipient}, {Operation::Cancel, Role::Sender}},
       {{Operation::Accept, S::Open}, {Operation::Decline, S::Open}, {Operation::Cancel, S::Open}},
       {{"SENDER", "The management account of the organization offering to take over the responsibility."},
        {"RECIPIENT", "The management account of the invited organization."},
        {"OTHER", "Any other account."}}},
  };
  return kRules;
}

const ActionRules& rulesFor(Action a) { return rules()[static_cast<size_t>(a)]; }

}  // namespace

const char* toString(Operation op) {
  switch (op) {
    case Operation::Accept: return "AcceptHandshake";
    case Operation::Decline: return "DeclineHandshake";
    case Operation::Cancel: return "CancelHandshake";
  }
  return "";
}

const char* toString(Role r) {
  switch (r) {
    case Role::Sender: return "SENDER";
    case Role::Recipient: return "RECIPIENT";
    case Role::Other: return "OTHER";
  }
  return "";
}

Lifecycle::Lifecycle() {
  moves_.resize(static_cast<size_t>(5 * kOps * kRoles * kStates));
  for (const ActionRules& ar : rules()) {
    for (Operation op : {Operation::Accept, Operation::Decline, Operation::Cancel}) {
      for (Role role : {Role::Sender, Role::Recipient, Role::Other}) {
        for (int si = 0; si < kStates; ++si) {
          S from = static_cast<S>(si);
          Move m{ar.action, op, role, from, std::nullopt, ""};
          auto actor = ar.actors.find(op);
          bool legal = false;
          for (const auto& [lop, lfrom] : ar.legalFrom) legal = legal || (lop == op && lfrom == from);
          if (actor == ar.actors.end() || actor->second != role)
            m.error = "AccessDeniedException";
          else if (legal)
            m.to = targetOf(op);
          else if (from == targetOf(op))
            m.error = "HandshakeAlreadyInStateException";
          else
            m.error = "InvalidHandshakeTransitionException";
          moves_[static_cast<size_t>(index(ar.action, op, role, from))] = m;
        }
      }
    }
  }
  auto expire = [&](Action a, std::vector<S> from, const std::string& note) {
    for (S s : from) systemMoves_.push_back({a, "Expire", s, S::Expired, note});
  };
  expire(Action::Invite, {S::Open}, "15 days after RequestedTimestamp");
  systemMoves_.push_back({Action::Invite, "EnableAllFeatures", S::Open, S::Canceled,
                          "Starting the all-features migration cancels pending invitations."});
  systemMoves_.push_back({Action::Invite, "ParentCanceled", S::Open, S::Canceled,
                          "Canceling the all-features request cancels invitations sent during it."});
  systemMoves_.push_back({Action::EnableAllFeatures, "AllApproved", S::Requested, S::Open,
                          "Every invited member accepted its APPROVE_ALL_FEATURES handshake."});
  expire(Action::EnableAllFeatures, {S::Requested, S::Open}, "90 days after RequestedTimestamp");
  for (Action child : {Action::ApproveAllFeatures, Action::AddOrganizationsServiceLinkedRole}) {
    systemMoves_.push_back(
        {child, "ParentCanceled", S::Open, S::Canceled, "The ENABLE_ALL_FEATURES request was canceled."});
    systemMoves_.push_back({child, "MemberRemoved", S::Open, S::Canceled, "The member left or was removed."});
    expire(child, {S::Open}, "With its parent, 90 days after the migration started");
  }
  // DeleteOrganization (allowed only without members) ends the live handshakes the organization sent.
  for (Action a : {Action::Invite, Action::ApproveAllFeatures, Action::AddOrganizationsServiceLinkedRole})
    systemMoves_.push_back({a, "OrganizationDeleted", S::Open, S::Canceled, "The sending organization was deleted."});
  for (S s : {S::Requested, S::Open})
    systemMoves_.push_back(
        {Action::EnableAllFeatures, "OrganizationDeleted", s, S::Canceled, "The organization was deleted."});
  expire(Action::TransferResponsibility, {S::Open},
         "15 days after RequestedTimestamp, or 24 hours before the transfer starts");
}

const Lifecycle& Lifecycle::instance() {
  static const Lifecycle kInstance;
  return kInstance;
}

const Move& Lifecycle::lookup(Action a, Operation op, Role r, HandshakeState from) const {
  return moves_[static_cast<size_t>(index(a, op, r, from))];
}

std::optional<Role> Lifecycle::actor(Action a, Operation op) const {
  const auto& actors = rulesFor(a).actors;
  auto it = actors.find(op);
  if (it == actors.end()) return std::nullopt;
  return it->second;
}

HandshakeState Lifecycle::initialState(Action a) const { return rulesFor(a).initial; }

Json Lifecycle::describe(std::optional<Action> only) const {
  Json out = Json::array();
  for (const ActionRules& ar : rules()) {
    if (only && *only != ar.action) continue;
    Json states = Json::array(), terminal = Json::array(), roles = Json::array(), transitions = Json::array();
    for (S s : ar.states) {
      states.push_back(toString(s));
      if (isTerminal(s)) terminal.push_back(toString(s));
    }
    for (const auto& [name, who] : ar.roles) roles.push_back({{"Role", name}, {"Description", who}});
    for (const Move& m : moves_) {
      if (m.action != ar.action) continue;
      bool listed = false;
      for (S s : ar.states) listed = listed || s == m.from;
      if (!listed) continue;
      Json row = {{"Operation", toString(m.operation)}, {"Role", toString(m.role)}, {"From", toString(m.from)}};
      if (m.to)
        row["To"] = toString(*m.to);
      else
        row["Error"] = m.error;
      transitions.push_back(std::move(row));
    }
    for (const SystemMove& sm : systemMoves_) {
      if (sm.action != ar.action) continue;
      transitions.push_back({{"Operation", sm.trigger},
                             {"Role", sm.trigger == "Expire" ? "CLOCK" : "SYSTEM"},
                             {"From", toString(sm.from)},
                             {"To", toString(sm.to)},
                             {"Note", sm.note}});
    }
    out.push_back({{"Action", toString(ar.action)},
                   {"Initial", toString(ar.initial)},
                   {"States", states},
                   {"Terminal", terminal},
                   {"Roles", roles},
                   {"Transitions", transitions}});
  }
  return Json{{"Lifecycles", out}};
}

}  // namespace hs
