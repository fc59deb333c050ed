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
const Guard kInviteAcceptable{"inviteAcceptable", &effects::inviteAcceptable};
const Guard kOrganizationExists{"organizationExists", &effects::organizationExists};
const Guard kTransferAcceptable{"transferAcceptable", &effects::transferAcceptable};
const Guard kEveryMemberApproved{"everyMemberApproved", &effects::everyMemberApproved};
const Effect kNameAcceptor{"nameAcceptor", &effects::nameAcceptor};
const Effect kJoinInviter{"joinInviter", &effects::joinInviter, &effects::joinInviterAnswer};
const Effect kAllFeaturesOn{"allFeaturesOn", &effects::allFeaturesOn};
const Effect kRecheckParent{"recheckParent", &effects::recheckParent};
const Effect kCancelAttempt{"cancelAttempt", &effects::cancelAttempt};
const Effect kTakeOverBill{"takeOverBill", &effects::takeOverBill};
const Effect kTransferFollows{"transferFollows", &effects::transferFollows};

// What a legal operation does besides moving the state.
struct Does {
  Trigger op;
  Guard guard;
  std::vector<Effect> effects;
};

// A published system row.
struct SystemRow {
  Trigger trigger;
  std::vector<S> from;
  S to;
  std::string note;
  Guard guard;
};

// The rules each action's rows are expanded from.
struct ActionRules {
  Action action;
  S initial;
  Millis lifetime;  // ExpirationTimestamp - RequestedTimestamp (create() may shorten it)
  std::vector<S> states;
  std::vector<std::pair<Trigger, Role>> actors;            // absent: nobody may
  std::vector<std::pair<Trigger, S>> legalFrom;            // (op, from) -> targetOf(op)
  std::vector<Does> does;                                  // guard and effects of each legal op
  std::vector<SystemRow> system;                           // in published order
  std::vector<std::pair<std::string, std::string>> roles;  // role name -> who it is
};

// Decline and Cancel of any handshake re-check its parent (a no-op without one).
const std::vector<Does> kEndsChild = {{T::DeclineHandshake, {}, {kRecheckParent}},
                                      {T::CancelHandshake, {}, {kRecheckParent}}};

std::vector<Does> with(std::vector<Does> a, const std::vector<Does>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const std::vector<std::pair<Trigger, Role>> kUsual = {
    {T::AcceptHandshake, Role::Recipient}, {T::DeclineHandshake, Role::Recipient}, {T::CancelHandshake, Role::Sender}};
const std::vector<std::pair<Trigger, S>> kFromOpen = {
    {T::AcceptHandshake, S::Open}, {T::DeclineHandshake, S::Open}, {T::CancelHandshake, S::Open}};
const std::vector<S> kFiveStates = {S::Open, S::Accepted, S::Declined, S::Canceled, S::Expired};
// The children of an ENABLE_ALL_FEATURES request (APPROVE_ALL_FEATURES, ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE):
// one per member, which accepts or declines; any answer re-checks the parent. They expire with their
// parent (create() is given the parent's expiration). The two actions differ only in who the recipient is.
ActionRules childRules(Action action, std::string recipient) {
  return {action,
          S::Open,
          kAllFeaturesLifetime,
          kFiveStates,
          kUsual,
          kFromOpen,
          with({{T::AcceptHandshake, {}, {kRecheckParent}}}, kEndsChild),
          {{T::ParentCanceled, {S::Open}, S::Canceled, "The ENABLE_ALL_FEATURES request was canceled.", {}},
           {T::MemberRemoved, {S::Open}, S::Canceled, "The member left or was removed.", {}},
           {T::Expire, {S::Open}, S::Expired, "With its parent, 90 days after the migration started", {}},
           {T::OrganizationDeleted, {S::Open}, S::Canceled, "The sending organization was deleted.", {}}},
          {{"SENDER", "The management account that started the migration."},
           {"RECIPIENT", std::move(recipient)},
           {"OTHER", "Any other account."}}};
}

const ActionRules* rules() {
  static const ActionRules kRules[] = {
      // INVITE (AWS-observed): OPEN at once for 15 days (Expiration - Requested = 1,296,000 s); the
      // recipient accepts or declines, the sender cancels.
      {Action::Invite,
       S::Open,
       kInviteLifetime,
       kFiveStates,
       kUsual,
       kFromOpen,
       with({{T::AcceptHandshake, kInviteAcceptable, {kNameAcceptor, kJoinInviter}}}, kEndsChild),
       {{T::Expire, {S::Open}, S::Expired, "15 days after RequestedTimestamp", {}},
        {T::MigrationStarted,
         {S::Open},
         S::Canceled,
         "Starting the all-features migration cancels pending invitations.",
         {}},
        {T::ParentCanceled,
         {S::Open},
         S::Canceled,
         "Canceling the all-features request cancels invitations sent during it.",
         {}},
        {T::OrganizationDeleted, {S::Open}, S::Canceled, "The sending organization was deleted.", {}}},
       {{"SENDER", "The management account of the inviting organization."},
        {"RECIPIENT",
         "The invited account: the target account id, or the account whose root email is the target email."},
        {"OTHER", "Any other account."}}},
      // ENABLE_ALL_FEATURES parent (UG worked examples): REQUESTED until every invited member approved,
      // then OPEN; the management account finalizes it by accepting, or cancels it. Nobody declines it.
      // It lives 90 days (UG quotas page).
      {Action::EnableAllFeatures,
       S::Requested,
       kAllFeaturesLifetime,
       {S::Requested, S::Open, S::Accepted, S::Canceled, S::Expired},
       {{T::AcceptHandshake, Role::Recipient}, {T::CancelHandshake, Role::Sender}},
       {{T::AcceptHandshake, S::Open}, {T::CancelHandshake, S::Requested}, {T::CancelHandshake, S::Open}},
       {{T::AcceptHandshake, kOrganizationExists, {kAllFeaturesOn}},
        {T::CancelHandshake, {}, {kRecheckParent, kCancelAttempt}}},
       {{T::AllApproved,
         {S::Requested},
         S::Open,
         "Every invited member accepted its APPROVE_ALL_FEATURES handshake.",
         kEveryMemberApproved},
        {T::Expire, {S::Requested, S::Open}, S::Expired, "90 days after RequestedTimestamp", {}},
        {T::OrganizationDeleted, {S::Requested, S::Open}, S::Canceled, "The organization was deleted.", {}}},
       {{"SENDER", "The management account (it both sends and finalizes the request)."},
        {"RECIPIENT", "The management account, which finalizes the request once every member approved."},
        {"OTHER", "Any other account, members included."}}},
      // APPROVE_ALL_FEATURES: one per invited member.
      childRules(Action::ApproveAllFeatures, "The invited member account asked to approve."),
      // ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE: one per created member.
      childRules(Action::AddOrganizationsServiceLinkedRole,
                 "The created member account asked to restore its service-linked role."),
      // TRANSFER_RESPONSIBILITY: the other organization's management account accepts or declines. It
      // lives 15 days, or until 24 hours before the transfer starts (BILL; create() is given that bound).
      {Action::TransferResponsibility,
       S::Open,
       kInviteLifetime,
       kFiveStates,
       kUsual,
       kFromOpen,
       {{T::AcceptHandshake, kTransferAcceptable, {kNameAcceptor, kTakeOverBill}},
        {T::DeclineHandshake, {}, {kRecheckParent, kTransferFollows}},
        {T::CancelHandshake, {}, {kRecheckParent, kTransferFollows}}},
       {{T::Expire,
         {S::Open},
         S::Expired,
         "15 days after RequestedTimestamp, or 24 hours before the transfer starts",
         {}}},
       {{"SENDER", "The management account of the organization offering to take over the responsibility."},
        {"RECIPIENT", "The management account of the invited organization."},
        {"OTHER", "Any other account."}}},
  };
  static_assert(std::extent_v<decltype(kRules)> == kActionCount, "one ActionRules per Action, in enum order");
  return kRules;
}

const ActionRules& rulesFor(Action a) { return rules()[static_cast<size_t>(a)]; }

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
        auto actor = std::find_if(ar.actors.begin(), ar.actors.end(), [&](const auto& a) { return a.first == op; });
        bool legal =
            std::find(ar.legalFrom.begin(), ar.legalFrom.end(), std::make_pair(op, from)) != ar.legalFrom.end();
        if (actor == ar.actors.end() || actor->second != role) {
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
    const ActionRules& ar = rules()[ai];
    operationRows(ar, rows_);
    for (const SystemRow& sr : ar.system)
      for (S from : sr.from) {
        Role role = sr.trigger == T::Expire ? Role::Clock : Role::System;
        rows_.push_back({ar.action, sr.trigger, role, from, sr.to, Refusal::None, sr.guard, {}, sr.note, true});
      }
    // The cascades that cancel reach any live handshake (a canceled parent's children, a deleted
    // organization's handshakes) or any OPEN one (a removed member's child): the states and actions they
    // reach only in imported worlds get unpublished rows.
    const std::pair<T, std::vector<S>> kCancels[] = {{T::ParentCanceled, {S::Requested, S::Open}},
                                                     {T::MemberRemoved, {S::Open}},
                                                     {T::OrganizationDeleted, {S::Requested, S::Open}}};
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
  for (const auto& [op, role] : rulesFor(a).actors)
    if (op == t) return role;
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
    const ActionRules& ar = rules()[ai];
    if (only && *only != ar.action) continue;
    Json states = Json::array(), terminal = Json::array(), roles = Json::array(), transitions = Json::array();
    for (S s : ar.states) {
      states.push_back(toString(s));
      if (isTerminal(s)) terminal.push_back(toString(s));
    }
    for (const auto& [name, who] : ar.roles) roles.push_back({{"Role", name}, {"Description", who}});
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
