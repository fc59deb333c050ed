// InviteAccountToOrganization, Accept/Decline/Cancel/DescribeHandshake, ListHandshakesFor*.
#include <algorithm>

#include "ops/operations.h"
#include "ops/paging.h"
#include "rules/handshake_effects.h"
#include "wire/errors.h"

namespace hs {
namespace {

HandshakeResource organizationResource(const World& w, const Organization& org, bool advertiseAll) {
  const Account* mgmt = w.findAccount(org.managementAccountId);
  return {"ORGANIZATION",
          org.id,
          {{"MASTER_EMAIL", mgmt ? mgmt->email : "", {}},
           {"MASTER_NAME", mgmt ? mgmt->name : "", {}},
           {"ORGANIZATION_FEATURE_SET", toString(advertiseAll ? FeatureSet::All : org.featureSet), {}}}};
}

// An invitation addressed to the management account of another organization stays invisible to it until
// it deletes its organization (UG "Accepting or declining account invitations"; spec 5.1): Describe,
// Accept, Decline and Cancel answer as for a handshake that does not exist, and lists leave it out.
bool invisibleTo(World& w, const Handshake& h, const Account& caller) {
  if (h.action != Action::Invite || w.isSender(h, caller) || !w.isRecipient(h, caller)) return false;
  const Organization* org = w.organizationOf(caller);
  return org && org->managedBy(caller.id);
}

// Accept, Decline and Cancel: validation, then existence, then the caller's role, then the state
// (AWS-observed precedence); the role and the state are the lifecycle table's to decide.
Result<Body> respond(World& w, Account& caller, const Json& in, Trigger op) {
  auto found = handshakeToAnswer(w, caller, in);
  HS_TRY(found);
  Handshake* h = found.value();
  HS_TRY(Lifecycle::fire(w, *h, op, w.roleFor(*h, caller, op), &caller));
  return Body::raw(handshakeResponse(*h, w.now()));
}

// A validated list request: MaxResults, then the filter, then NextToken (AWS-observed reasons).
struct ListRequest {
  int limit = kDefaultPageSize;
  std::optional<Action> action;
  std::string parent;
  PageScope scope;
  std::uint64_t after = 0;
};

Result<ListRequest> readListRequest(const World& w, const Account& caller, const Json& in, const char* operation) {
  ListRequest req;
  auto maxResults = readMaxResults(in);
  HS_TRY(maxResults);
  if (maxResults.value()) req.limit = maxResults.value();
  std::string filterKey;
  if (present(in, "Filter")) {
    const Json& f = in["Filter"];
    auto actionType = optionalString(f, "ActionType");
    auto parentId = optionalString(f, "ParentHandshakeId");
    if (actionType) {
      req.action = actionFromString(*actionType);
      if (!req.action) return err::invalidInput("INVALID_ENUM:FILTER_ACTION_TYPE");
    }
    if (parentId && !isHandshakeId(*parentId)) return err::invalidInput("INVALID_PATTERN:FILTER_PARENT_HANDSHAKE_ID");
    if (actionType && parentId) return err::invalidInput("MAX_LIMIT_EXCEEDED_FILTER");
    if (parentId) req.parent = *parentId;
    filterKey = actionType ? "action=" + *actionType : parentId ? "parent=" + *parentId : "";
  }
  req.scope = PageScope{operation, caller.id, filterKey};
  auto after = resumePoint(w.tokenKey, req.scope, in);
  HS_TRY(after);
  req.after = after.value();
  return req;
}

using Sources = std::vector<const std::vector<std::uint64_t>*>;

std::string listHandshakes(World& w, const ListRequest& req, const Sources& sources,
                           FunctionRef<bool(const Handshake&)> belongs) {
  Sources from = req.parent.empty() ? sources : Sources{&w.childrenOf(req.parent)};
  Millis now = w.now();
  Page page = collectPage(from, req.after, req.limit, [&](std::uint64_t seq) {
    const Handshake& h = *w.findHandshakeBySeq(seq);
    return h.visibleAt(now) && (!req.action || h.action == *req.action) && belongs(h);
  });
  JsonWriter out(64 + 800 * page.items.size());  // a handshake is 600-800 bytes
  out.beginObject().key("Handshakes").beginArray();
  for (std::uint64_t seq : page.items) w.findHandshakeBySeq(seq)->write(out, now);
  out.endArray();
  if (page.resumeAfter) out.key("NextToken").string(encodePageToken(w.tokenKey, req.scope, *page.resumeAfter));
  out.endObject();
  return out.take();
}

}  // namespace

Result<Handshake*> handshakeToAnswer(World& w, const Account& caller, const Json& in) {
  HS_TRY(requireHandshakeId(in, "HandshakeId", "HANDSHAKE_ID"));
  Handshake* h = w.findVisibleHandshake(in["HandshakeId"].get<std::string>());
  if (!h || invisibleTo(w, *h, caller)) return err::handshakeNotFound();
  return h;
}

namespace effects {

// The caller may join the inviting organization. Checked before the move: a refusal changes nothing.
Status inviteAcceptable(Firing& f) {
  World& w = f.world;
  Account& caller = *f.caller;
  Organization* org = w.findOrganization(f.handshake.organizationId);
  if (!org) return err::invalidTransition();                // the inviting organization no longer exists
  if (caller.organizationId == org->id) return okStatus();  // consumed with an error (joinInviter)
  if (Organization* current = w.organizationOf(caller)) {
    if (current->managedBy(caller.id)) return err::masterCannotLeave();
    if (w.settings.memberOfOtherOrganization == MemberOfOtherOrganization::Reject)
      return err::handshakeConstraint("ALREADY_IN_AN_ORGANIZATION");
    if (w.inCreatedAccountWait(caller)) return err::constraint("WAIT_PERIOD_ACTIVE");  // moving is leaving
  }
  if (static_cast<int>(org->memberIds.size()) >= w.settings.accountLimit)
    return err::handshakeConstraint("ACCOUNT_NUMBER_LIMIT_EXCEEDED");
  return okStatus();
}

// AWS-observed: the EMAIL party becomes the acceptor's ACCOUNT party; the EMAIL resource stays.
Status nameAcceptor(Firing& f) {
  f.handshake.recipientAccountId = f.caller->id;
  for (auto& p : f.handshake.parties)
    if (p.type == "EMAIL") p = HandshakeParty{f.caller->id, "ACCOUNT"};
  return okStatus();
}

// AWS-observed quirk: a member of the inviting organization gets the error, yet the invitation is
// consumed (ACCEPTED).
Status joinInviterAnswer(Firing& f) {
  if (f.caller->organizationId == f.handshake.organizationId)
    return err::handshakeConstraint("ALREADY_IN_AN_ORGANIZATION");
  return okStatus();
}

Status joinInviter(Firing& f) {
  World& w = f.world;
  Account& caller = *f.caller;
  Organization& org = *w.findOrganization(f.handshake.organizationId);  // inviteAcceptable checked it
  HS_TRY(joinInviterAnswer(f));
  if (Organization* previous = w.organizationOf(caller)) {  // depart one organization, join the other
    w.leaveOrganization(caller);
    refreshAllFeatures(w, *previous);
  }
  w.joinOrganization(caller, org, JoinedMethod::Invited);
  // The invitation's tags, staged until now (BC InviteAccountToOrganization).
  applyAccountTags(w, caller, f.handshake.tags);
  return okStatus();
}

}  // namespace effects

namespace ops {

Result<Body> inviteAccountToOrganization(World& w, Account& caller, const Json& in) {
  // Validation, in the AWS-observed order.
  auto target = requireTarget(in);
  HS_TRY(target);
  const std::string* type = &target.value().type;
  const std::string* id = &target.value().id;
  auto notes = optionalString(in, "Notes");
  if (notes && awsLength(*notes) > 1024) return err::invalidInput("MAX_LENGTH_EXCEEDED:NOTES");
  HS_TRY(validateTags(in));

  // The caller: management accounts only.
  Organization* org = w.organizationOf(caller);
  if (!org) return err::notInUse();
  if (!org->managedBy(caller.id)) return err::accessDenied();
  if (stillFinalizing(w, *org)) return err::finalizingOrganization();

  // The target.
  if (*type == "ACCOUNT") {
    const Account* invited = w.findAccount(*id);
    if (invited && !invited->standalone()) return err::handshakeConstraint("ALREADY_IN_AN_ORGANIZATION");
  }
  Handshake* migration = effects::pendingAllFeatures(w, *org);
  if (migration && w.settings.invitesDuringMigration == InvitesDuringMigration::Reject)
    return err::handshakeConstraint("INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES");
  Millis now = w.now();
  const auto& sameTarget = *type == "EMAIL" ? w.addressedToEmail(*id) : w.addressedToAccount(*id);
  for (std::uint64_t seq : sameTarget) {
    const Handshake& other = *w.findHandshakeBySeq(seq);
    bool sameParty = *type == "EMAIL" ? !other.recipientEmail.empty() : other.recipientEmail.empty();
    if (other.action == Action::Invite && other.organizationId == org->id && sameParty &&
        !isTerminal(other.stateAt(now)))
      return err::duplicateHandshake();  // only live handshakes count (AWS-observed)
  }
  if (static_cast<int>(org->memberIds.size()) + w.liveInvitations(org->id) >= w.settings.accountLimit)
    return err::handshakeConstraint("ACCOUNT_NUMBER_LIMIT_EXCEEDED");
  if (w.invitationsInLastDay(org->id) >= w.settings.dailyInvitationLimit())
    return err::handshakeConstraint("HANDSHAKE_RATE_LIMIT_EXCEEDED");

  Handshake h;
  h.id = w.newHandshakeId();
  h.action = Action::Invite;  // OPEN for 15 days (the lifecycle table)
  h.organizationId = org->id;
  h.senderAccountId = caller.id;
  h.parties = {{organizationPartyId(org->id), "ORGANIZATION"}, {*id, *type}};
  // Invitations sent during a migration advertise ALL (UG all-features guide).
  h.resources = {organizationResource(w, *org, migration != nullptr), {*type, *id, {}}};
  if (notes && !notes->empty()) h.resources.push_back({"NOTES", *notes, {}});
  (*type == "EMAIL" ? h.recipientEmail : h.recipientAccountId) = *id;
  if (present(in, "Tags")) h.tags = in["Tags"];
  return Body::raw(handshakeResponse(Lifecycle::create(w, std::move(h)), now));
}

Result<Body> acceptHandshake(World& w, Account& c, const Json& in) {
  return respond(w, c, in, Trigger::AcceptHandshake);
}
Result<Body> declineHandshake(World& w, Account& c, const Json& in) {
  return respond(w, c, in, Trigger::DeclineHandshake);
}
Result<Body> cancelHandshake(World& w, Account& c, const Json& in) {
  return respond(w, c, in, Trigger::CancelHandshake);
}

Result<Body> describeHandshake(World& w, Account& caller, const Json& in) {
  HS_TRY(requireHandshakeId(in, "HandshakeId", "HANDSHAKE_ID"));
  Handshake* h = w.findVisibleHandshake(in["HandshakeId"].get<std::string>());
  if (!h || invisibleTo(w, *h, caller)) return err::handshakeNotFound();
  // Sender and recipient may describe it (AWS-observed); other accounts get AccessDenied (our choice).
  if (!w.isSender(*h, caller) && !w.isRecipient(*h, caller)) return err::accessDenied();
  return Body::raw(handshakeResponse(*h, w.now()));
}

// "The recent handshakes that you have received": those naming the caller's account or root email.
Result<Body> listHandshakesForAccount(World& w, Account& caller, const Json& in) {
  auto req = readListRequest(w, caller, in, "ListHandshakesForAccount");
  HS_TRY(req);
  const Organization* org = w.organizationOf(caller);
  bool managesOrg = org && org->managedBy(caller.id);
  return Body::raw(listHandshakes(w, req.value(), {&w.addressedToAccount(caller.id), &w.addressedToEmail(caller.email)},
                                  [&](const Handshake& h) {
                                    // Invitations to a management account stay hidden until it deletes its organization
                                    // (UG).
                                    if (managesOrg && h.action == Action::Invite) return false;
                                    return w.isRecipient(h, caller);
                                  }));
}

// "The recent handshakes that you have sent": everything the caller's organization sent.
Result<Body> listHandshakesForOrganization(World& w, Account& caller, const Json& in) {
  auto req = readListRequest(w, caller, in, "ListHandshakesForOrganization");
  HS_TRY(req);
  const Organization* org = w.organizationOf(caller);
  if (!org) return err::notInUse();
  if (!org->managedBy(caller.id)) return err::accessDenied();
  std::string orgId = org->id;
  return Body::raw(listHandshakes(w, req.value(), {&w.sentBy(orgId)},
                                  [&orgId](const Handshake& h) { return h.organizationId == orgId; }));
}

}  // namespace ops
}  // namespace hs
