#include "rules/lifecycle.h"

#include <algorithm>
#include <iterator>
#include <type_traits>

#include "model/world.h"
#include "rules/handshake_effects.h"
#include "wire/errors.h"

namespace hs {
namespace {

using S = HandshakeState;
using T = Trigger;

constexpr int kActions = kActionCount, kStates = kHandshakeStateCount;

int index(Action a, Trigger t, Role r, S s) {
  return ((static_cast<int>(a) * kTriggerCount + static_cast<int>(t)) * kRoleCount + static_cast<int>(r)) * kStates +
         static_cast<int>(s);
}

S targetOf(Trigger op) {
  switch (op) {
    case T::AcceptHandshake: return S::Accepted;
    case T::DeclineHandshake: return S::Declined;
    default: return S::Canceled;
  }
}

// The named guards and effects the rows use (implemented with their action's operations).
constexpr Guard kInviteAcceptable{"inviteAcceptable", &effects::inviteAcceptable};
constexpr Guard kOrganizationExists{"organizationExists", &effects::organizationExists};
constexpr Guard kTransferAcceptable{"transferAcceptable", &effects::transferAcceptable};
constexpr Guard kEveryMemberApproved{"everyMemberApproved", &effects::everyMemberApproved};
constexpr Effect kNameAcceptor{"nameAcceptor", &effects::nameAcceptor};
constexpr Effect kJoinInviter{"joinInviter", &effects::joinInviter, &effects::joinInviterAnswer};
constexpr Effect kAllFeaturesOn{"allFeaturesOn", &effects::allFeaturesOn};
constexpr Effect kRecheckParent{"recheckParent", &effects::recheckParent};
constexpr Effect kCancelAttempt{"cancelAttempt", &effects::cancelAttempt};
constexpr Effect kTakeOverBill{"takeOverBill", &effects::takeOverBill};
constexpr Effect kTransferFollows{"transferFollows", &effects::transferFollows};

// The effects of a legal operation, in order.
constexpr Effect kRecheck[] = {kRecheckParent};
constexpr Effect kAcceptInvite[] = {kNameAcceptor, kJoinInviter};
constexpr Effect kFinalize[] = {kAllFeaturesOn};
constexpr Effect kCancelRequest[] = {kRecheckParent, kCancelAttempt};
constexpr Effect kAcceptTransfer[] = {kNameAcceptor, kTakeOverBill};
constexpr Effect kEndTransfer[] = {kRecheckParent, kTransferFollows};

// What a legal operation does besides moving the state.
struct Does {
  Trigger op;
  Guard guard;
  Table<Effect> effects;
};

// A published system row.
struct SystemRow {
  Trigger trigger;
  Table<S> from;
  S to;
  const char* note;
  Guard guard;
};

// Who may perform an operation; from which state an operation is legal (it moves to targetOf(op)).
struct Actor {
  Trigger op;
  Role role;
};
struct LegalMove {
  Trigger op;
  S from;
};
// A role's wire name and who it is, as DescribeLifecycle publishes it.
struct RoleText {
  const char* name;
  const char* who;
};

// The rules each action's rows are expanded from.
struct ActionRules {
  Action action;
  S initial;
  Millis lifetime;  // ExpirationTimestamp - RequestedTimestamp (create() may shorten it)
  Table<S> states;
  Table<Actor> actors;         // absent: nobody may
  Table<LegalMove> legalFrom;  // (op, from) -> targetOf(op)
  Table<Does> does;            // guard and effects of each legal op
  Table<SystemRow> system;     // in published order
  Table<RoleText> roles;
};

constexpr S kOpen[] = {S::Open};
constexpr S kRequested[] = {S::Requested};
constexpr S kRequestedOrOpen[] = {S::Requested, S::Open};
constexpr S kFiveStates[] = {S::Open, S::Accepted, S::Declined, S::Canceled, S::Expired};
constexpr Actor kUsual[] = {
    {T::AcceptHandshake, Role::Recipient}, {T::DeclineHandshake, Role::Recipient}, {T::CancelHandshake, Role::Sender}};
constexpr LegalMove kFromOpen[] = {
    {T::AcceptHandshake, S::Open}, {T::DeclineHandshake, S::Open}, {T::CancelHandshake, S::Open}};

// INVITE (AWS-observed): OPEN at once for 15 days (Expiration - Requested = 1,296,000 s); the recipient
// accepts or declines, the sender cancels. Decline and Cancel of any handshake re-check its parent (a no-op
// without one).
constexpr Does kInviteDoes[] = {{T::AcceptHandshake, kInviteAcceptable, kAcceptInvite},
                                {T::DeclineHandshake, {}, kRecheck},
                                {T::CancelHandshake, {}, kRecheck}};
constexpr SystemRow kInviteSystem[] = {
    {T::Expire, kOpen, S::Expired, "15 days after RequestedTimestamp", {}},
    {T::MigrationStarted, kOpen, S::Canceled, "Starting the all-features migration cancels pending invitations.", {}},
    {T::ParentCanceled,
     kOpen,
     S::Canceled,
     "Canceling the all-features request cancels invitations sent during it.",
     {}},
    {T::OrganizationDeleted, kOpen, S::Canceled, "The sending organization was deleted.", {}}};
constexpr RoleText kInviteRoles[] = {
    {"SENDER", "The management account of the inviting organization."},
    {"RECIPIENT", "The invited account: the target account id, or the account whose root email is the target email."},
    {"OTHER", "Any other account."}};

// ENABLE_ALL_FEATURES parent (UG worked examples): REQUESTED until every invited member approved, then OPEN;
// the management account finalizes it by accepting, or cancels it. Nobody declines it. It lives 90 days (UG
// quotas page).
constexpr S kEnableAllStates[] = {S::Requested, S::Open, S::Accepted, S::Canceled, S::Expired};
constexpr Actor kEnableAllActors[] = {{T::AcceptHandshake, Role::Recipient}, {T::CancelHandshake, Role::Sender}};
constexpr LegalMove kEnableAllLegal[] = {
    {T::AcceptHandshake, S::Open}, {T::CancelHandshake, S::Requested}, {T::CancelHandshake, S::Open}};
constexpr Does kEnableAllDoes[] = {{T::AcceptHandshake, kOrganizationExists, kFinalize},
                                   {T::CancelHandshake, {}, kCancelRequest}};
constexpr SystemRow kEnableAllSystem[] = {
    {T::AllApproved, kRequested, S::Open, "Every invited member accepted its APPROVE_ALL_FEATURES handshake.",
     kEveryMemberApproved},
    {T::Expire, kRequestedOrOpen, S::Expired, "90 days after RequestedTimestamp", {}},
    {T::OrganizationDeleted, kRequestedOrOpen, S::Canceled, "The organization was deleted.", {}}};
constexpr RoleText kEnableAllRoles[] = {
    {"SENDER", "The management account (it both sends and finalizes the request)."},
    {"RECIPIENT", "The management account, which finalizes the request once every member approved."},
    {"OTHER", "Any other account, members included."}};

// The children of an ENABLE_ALL_FEATURES request (APPROVE_ALL_FEATURES, ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE):
// one per member, which accepts or declines; any answer re-checks the parent. They expire with their
// parent (create() is given the parent's expiration). The two actions differ only in who the recipient is.
constexpr Does kChildDoes[] = {
    {T::AcceptHandshake, {}, kRecheck}, {T::DeclineHandshake, {}, kRecheck}, {T::CancelHandshake, {}, kRecheck}};
constexpr SystemRow kChildSystem[] = {
    {T::ParentCanceled, kOpen, S::Canceled, "The ENABLE_ALL_FEATURES request was canceled.", {}},
    {T::MemberRemoved, kOpen, S::Canceled, "The member left or was removed.", {}},
    {T::Expire, kOpen, S::Expired, "With its parent, 90 days after the migration started", {}},
    {T::OrganizationDeleted, kOpen, S::Canceled, "The sending organization was deleted.", {}}};
constexpr RoleText kApproveRoles[] = {{"SENDER", "The management account that started the migration."},
                                      {"RECIPIENT", "The invited member account asked to approve."},
                                      {"OTHER", "Any other account."}};
constexpr RoleText kServiceRoleRoles[] = {
    {"SENDER", "The management account that started the migration."},
    {"RECIPIENT", "The created member account asked to restore its service-linked role."},
    {"OTHER", "Any other account."}};
constexpr ActionRules childRules(Action action, Table<RoleText> roles) {
  return {action, S::Open, kAllFeaturesLifetime, kFiveStates, kUsual, kFromOpen, kChildDoes, kChildSystem, roles};
}

// TRANSFER_RESPONSIBILITY: the other organization's management account accepts or declines. It lives 15
// days, or until 24 hours before the transfer starts (BILL; create() is given that bound).
constexpr Does kTransferDoes[] = {{T::AcceptHandshake, kTransferAcceptable, kAcceptTransfer},
                                  {T::DeclineHandshake, {}, kEndTransfer},
                                  {T::CancelHandshake, {}, kEndTransfer}};
constexpr SystemRow kTransferSystem[] = {
    {T::Expire, kOpen, S::Expired, "15 days after RequestedTimestamp, or 24 hours before the transfer starts", {}}};
constexpr RoleText kTransferRoles[] = {
    {"SENDER", "The management account of the organization offering to take over the responsibility."},
    {"RECIPIENT", "The management account of the invited organization."},
    {"OTHER", "Any other account."}};

// One ActionRules per Action, in enum order.
constexpr ActionRules kRules[] = {
    {Action::Invite, S::Open, kInviteLifetime, kFiveStates, kUsual, kFromOpen, kInviteDoes, kInviteSystem,
     kInviteRoles},
    {Action::EnableAllFeatures, S::Requested, kAllFeaturesLifetime, kEnableAllStates, kEnableAllActors, kEnableAllLegal,
     kEnableAllDoes, kEnableAllSystem, kEnableAllRoles},
    childRules(Action::ApproveAllFeatures, kApproveRoles),
    childRules(Action::AddOrganizationsServiceLinkedRole, kServiceRoleRoles),
    {Action::TransferResponsibility, S::Open, kInviteLifetime, kFiveStates, kUsual, kFromOpen, kTransferDoes,
     kTransferSystem, kTransferRoles},
};
static_assert(std::extent_v<decltype(kRules)> == kActionCount, "one ActionRules per Action, in enum order");

const ActionRules& rulesFor(Action a) { return kRules[static_cast<size_t>(a)]; }

const char* const kTriggerNames[] = {"AcceptHandshake", "DeclineHandshake",  "CancelHandshake",
                                     "Expire",          "EnableAllFeatures", "ParentCanceled",
                                     "AllApproved",     "MemberRemoved",     "OrganizationDeleted"};
static_assert(std::size(kTriggerNames) == kTriggerCount, "a wire name per Trigger");
const char* const kRoleNames[] = {"SENDER", "RECIPIENT", "OTHER", "CLOCK", "SYSTEM"};
static_assert(std::size(kRoleNames) == kRoleCount, "a wire name per Role");
const char* const kRefusalNames[] = {"", "AccessDeniedException", "HandshakeAlreadyInStateException",
                                     "InvalidHandshakeTransitionException"};
static_assert(std::size(kRefusalNames) == static_cast<size_t>(Refusal::InvalidTransition) + 1, "a __type per Refusal");

AwsError errorOf(Refusal r) {
  switch (r) {
    case Refusal::AccessDenied: return err::accessDenied();
    case Refusal::AlreadyInState: return err::alreadyInState();
    default: return err::invalidTransition();
  }
}

// The operation rows of one action: every (operation, role, stored state), published for the action's
// states only.
void operationRows(const ActionRules& ar, std::vector<Row>& out) {
  for (Trigger op : {T::AcceptHandshake, T::DeclineHandshake, T::CancelHandshake}) {
    for (Role role : {Role::Sender, Role::Recipient, Role::Other}) {
      for (int si = 0; si < kStates; ++si) {
        S from = static_cast<S>(si);
        Row row{ar.action, op, role, from, std::nullopt, Refusal::None, {}, {}, "", true};
        row.published = std::find(ar.states.begin(), ar.states.end(), from) != ar.states.end();
        auto actor = std::find_if(ar.actors.begin(), ar.actors.end(), [&](const Actor& a) { return a.op == op; });
        bool legal = std::any_of(ar.legalFrom.begin(), ar.legalFrom.end(),
                                 [&](const LegalMove& m) { return m.op == op && m.from == from; });
        if (actor == ar.actors.end() || actor->role != role) {
          row.error = Refusal::AccessDenied;
        } else if (legal) {
          row.to = targetOf(op);
          for (const Does& d : ar.does)
            if (d.op == op) row.guard = d.guard, row.effects = d.effects;
        } else {
          row.error = from == targetOf(op) ? Refusal::AlreadyInState : Refusal::InvalidTransition;
        }
        out.push_back(std::move(row));
      }
    }
  }
}

}  // namespace

const char* toString(Trigger t) { return kTriggerNames[static_cast<int>(t)]; }
const char* toString(Role r) { return kRoleNames[static_cast<int>(r)]; }
const char* toString(Refusal r) { return kRefusalNames[static_cast<int>(r)]; }
bool isOperation(Trigger t) { return static_cast<int>(t) < kOperationCount; }

Lifecycle::Lifecycle() : index_(static_cast<size_t>(kActions * kTriggerCount * kRoleCount * kStates), -1) {
  for (int ai = 0; ai < kActions; ++ai) {
    const ActionRules& ar = kRules[ai];
    operationRows(ar, rows_);
    for (const SystemRow& sr : ar.system)
      for (S from : sr.from) {
        Role role = sr.trigger == T::Expire ? Role::Clock : Role::System;
        rows_.push_back({ar.action, sr.trigger, role, from, sr.to, Refusal::None, sr.guard, {}, sr.note, true});
      }
    // The cascades that cancel reach any live handshake (a canceled parent's children, a deleted
    // organization's handshakes) or any OPEN one (a removed member's child): the states and actions they
    // reach only in imported worlds get unpublished rows.
    const std::pair<T, Table<S>> kCancels[] = {
        {T::ParentCanceled, kRequestedOrOpen}, {T::MemberRemoved, kOpen}, {T::OrganizationDeleted, kRequestedOrOpen}};
    for (const auto& [t, live] : kCancels)
      for (S from : live) {
        bool listed = false;
        for (const Row& r : rows_) listed = listed || (r.action == ar.action && r.trigger == t && r.from == from);
        if (!listed)
          rows_.push_back({ar.action,
                           t,
                           Role::System,
                           from,
                           S::Canceled,
                           Refusal::None,
                           {},
                           {},
                           "Reached only in imported worlds.",
                           false});
      }
  }
  for (size_t i = 0; i < rows_.size(); ++i) {
    const Row& r = rows_[i];
    index_[static_cast<size_t>(index(r.action, r.trigger, r.role, r.from))] = static_cast<int>(i);
  }
}

const Lifecycle& Lifecycle::instance() {
  static const Lifecycle kInstance;
  return kInstance;
}

const Row* Lifecycle::find(Action a, Trigger t, Role r, HandshakeState from) const {
  int i = index_[static_cast<size_t>(index(a, t, r, from))];
  return i < 0 ? nullptr : &rows_[static_cast<size_t>(i)];
}

std::optional<Role> Lifecycle::actor(Action a, Trigger t) const {
  for (const Actor& actor : rulesFor(a).actors)
    if (actor.op == t) return actor.role;
  return std::nullopt;
}

HandshakeState Lifecycle::initialState(Action a) const { return rulesFor(a).initial; }

namespace {

// The row a move takes once its refusal and its guard let it; else the caller's error. Changes nothing.
Result<const Row*> admit(World& w, Handshake& h, Trigger t, Role r, Account* caller) {
  const Row* row = Lifecycle::instance().find(h.action, t, r, h.stateAt(w.now()));
  if (!row || t == T::Expire) return err::invalidTransition();  // no move
  if (!row->to) return errorOf(row->error);
  Firing f{w, h, caller};
  if (row->guard.fn) HS_TRY(row->guard.fn(f));
  return row;
}

}  // namespace

Lifecycle::Preview Lifecycle::preview(World& w, Handshake& h, Trigger t, Role r, Account* caller) {
  Result<const Row*> admitted = admit(w, h, t, r, caller);
  if (!admitted.ok()) return {admitted.error(), std::nullopt};
  const Row* row = admitted.value();
  Firing f{w, h, caller};
  for (const Effect& e : row->effects)
    if (e.answer) {
      Status answer = e.answer(f);
      if (!answer.ok()) return {answer, row->to};
    }
  return {okStatus(), row->to};
}

Status Lifecycle::fire(World& w, Handshake& h, Trigger t, Role r, Account* caller) {
  Result<const Row*> admitted = admit(w, h, t, r, caller);
  HS_TRY(admitted);
  const Row* row = admitted.value();
  Firing f{w, h, caller};
  // The only write of a stored handshake's state. The indices keyed by it drop the handshake first.
  w.unkeyState(h);
  h.state = *row->to;
  if (isTerminal(h.state)) h.ended = w.now();
  w.keyState(h);
  for (const Effect& e : row->effects) HS_TRY(e.fn(f));
  return okStatus();
}

Handshake& Lifecycle::create(World& w, Handshake h, std::optional<Millis> expiresBy) {
  const ActionRules& ar = rulesFor(h.action);
  h.state = ar.initial;
  h.requested = w.now();
  h.expiration = h.requested + ar.lifetime;
  if (expiresBy) h.expiration = std::min(h.expiration, *expiresBy);
  return w.addHandshake(std::move(h));
}

Json Lifecycle::describe(std::optional<Action> only) const {
  Json out = Json::array();
  for (int ai = 0; ai < kActions; ++ai) {
    const ActionRules& ar = kRules[ai];
    if (only && *only != ar.action) continue;
    Json states = Json::array(), terminal = Json::array(), roles = Json::array(), transitions = Json::array();
    for (S s : ar.states) {
      states.push_back(toString(s));
      if (isTerminal(s)) terminal.push_back(toString(s));
    }
    for (const RoleText& role : ar.roles) roles.push_back({{"Role", role.name}, {"Description", role.who}});
    for (const Row& row : rows_) {
      if (row.action != ar.action || !row.published) continue;
      Json j = {{"Operation", toString(row.trigger)}, {"Role", toString(row.role)}, {"From", toString(row.from)}};
      if (row.to)
        j["To"] = toString(*row.to);
      else
        j["Error"] = toString(row.error);
      if (!isOperation(row.trigger)) j["Note"] = row.note;
      transitions.push_back(std::move(j));
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
