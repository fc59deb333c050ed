// Responsibility transfers (billing transfers): InviteOrganizationToTransferResponsibility,
// List{Inbound,Outbound}ResponsibilityTransfers, Describe/Update/TerminateResponsibilityTransfer, and what
// accepting, declining or canceling a TRANSFER_RESPONSIBILITY handshake does to its transfer.
// Shapes and reasons from the botocore model (BC); behaviour from the AWS Billing guide's billing-transfer
// pages (BILL: sending, responding, withdrawing).
#include <algorithm>

#include "model/timestamp.h"
#include "ops/operations.h"
#include "ops/paging.h"
#include "ops/transfer_view.h"
#include "rules/handshake_effects.h"
#include "rules/transfer_lifecycle.h"
#include "wire/errors.h"
#include "wire/function_ref.h"
#include "wire/text.h"

namespace hs {
namespace {

constexpr const char* kBilling = "BILLING";  // the only ResponsibilityTransferType (BC)
constexpr size_t kMaxNameLength = 128;       // ResponsibilityTransferName: 1..128, ^[ -~]+$ (BC)
constexpr size_t kMaxNotesLength = 1024;     // HandshakeNotes (BC)
constexpr int kMaxMonthsAhead = 12;          // START_DATE_TOO_LATE beyond this (our decision)

using Sources = std::vector<const std::vector<std::uint64_t>*>;
using TransferTest = FunctionRef<bool(const ResponsibilityTransfer&)>;

// ---------------------------------------------------------------------------------------------
// A transfer and its handshake.

// The transfer a handshake proposes; nullptr for other handshakes.
const ResponsibilityTransfer* transferOf(const World& w, const Handshake& h) {
  if (h.action != Action::TransferResponsibility) return nullptr;
  auto it = w.transfers.find(h.transferId);
  return it == w.transfers.end() ? nullptr : &it->second;
}

// The handshake that proposed a transfer: the one with the transfer's seq (nullptr only for a snapshot
// that does not keep the two together).
const Handshake* handshakeOf(const World& w, const ResponsibilityTransfer& t) {
  const Handshake* h = w.findHandshakeBySeq(t.seq);
  return h && h->id == t.handshakeId ? h : nullptr;
}

bool isAccepted(const World& w, const ResponsibilityTransfer& t) {
  return transferStatus(w, t) == TransferStatus::Accepted;
}

// Whether a transfer proposed by one of the handshakes `seqs` (an index of the world) passes `test`.
bool anyTransfer(const World& w, const std::vector<std::uint64_t>& seqs, TransferTest test) {
  for (std::uint64_t seq : seqs) {
    const Handshake* h = w.findHandshakeBySeq(seq);
    const ResponsibilityTransfer* t = h ? transferOf(w, *h) : nullptr;
    if (t && test(*t)) return true;
  }
  return false;
}

// An ACCEPTED transfer between organizations `a` and `b`, in either direction. A transfer's target
// organization is the one that sent its handshake, so each direction is one sentBy index.
bool linked(const World& w, const std::string& a, const std::string& b) {
  auto oneWay = [&](const std::string& target, const std::string& source) {
    return anyTransfer(w, w.sentBy(target), [&](const ResponsibilityTransfer& t) {
      return t.targetOrganizationId == target && t.sourceOrganizationId == source && isAccepted(w, t);
    });
  };
  return oneWay(a, b) || oneWay(b, a);
}

// The organization managed by `manager` already has its bill taken over (an ACCEPTED outbound
// transfer). Its management account accepted it, so the handshake is addressed to that account.
bool hasAcceptedOutbound(const World& w, const Organization& org, const Account& manager) {
  auto test = [&](const ResponsibilityTransfer& t) { return t.sourceOrganizationId == org.id && isAccepted(w, t); };
  return anyTransfer(w, w.addressedToAccount(manager.id), test) ||
         anyTransfer(w, w.addressedToEmail(manager.email), test);
}

// ---------------------------------------------------------------------------------------------
// The caller. Every transfer operation is for management accounts only (managedOrganization; BC; BILL
// "Invitations can only be sent between management accounts").

// Whether the caller's organization is the transfer's source: once accepted, by organization; before
// that, the caller is the account the invitation names (its id, or its root email).
bool isSource(const World& w, const ResponsibilityTransfer& t, const Account& caller, const Organization& org) {
  if (t.targetOrganizationId == org.id) return false;  // never both sides
  if (!t.sourceOrganizationId.empty()) return t.sourceOrganizationId == org.id;
  if (const Handshake* h = handshakeOf(w, t)) return w.isRecipient(*h, caller);
  return t.sourceAccountId == caller.id || (!t.sourceEmail.empty() && equalsIgnoringCase(t.sourceEmail, caller.email));
}

// The caller's view: "inbound" (the organization taking over), "outbound" (the organization whose
// responsibility moves), or "" for anyone else.
std::string directionFor(const World& w, const ResponsibilityTransfer& t, const Account& caller,
                         const Organization& org) {
  if (t.targetOrganizationId == org.id) return "inbound";
  return isSource(w, t, caller, org) ? "outbound" : "";
}

// ---------------------------------------------------------------------------------------------
// Request members.

// Type: required, BILLING only.
Status requireType(const Json& in) {
  auto type = optionalString(in, "Type");
  if (!type) return err::invalidInput("INPUT_REQUIRED:TYPE");
  if (*type != kBilling) return err::invalidInput("INVALID_ENUM:TYPE");  // "" too
  return okStatus();
}

// Id: required, ^rt-[0-9a-z]{8,32}$ ("" is a pattern failure, as for HandshakeId).
Status requireTransferId(const Json& in) {
  auto id = optionalString(in, "Id");
  if (!id) return err::invalidInput("INPUT_REQUIRED:ID");
  if (!isTransferId(*id)) return err::invalidInput("INVALID_PATTERN:ID");
  return okStatus();
}

// A ResponsibilityTransferName member: required, length before pattern (as for tags).
Result<std::string> requireName(const Json& in, const char* member, const std::string& field) {
  auto name = optionalString(in, member);
  if (!name) return err::invalidInput("INPUT_REQUIRED:" + field);
  size_t length = awsLength(*name);
  if (length < 1) return err::invalidInput("MIN_LENGTH_EXCEEDED:" + field);
  if (length > kMaxNameLength) return err::invalidInput("MAX_LENGTH_EXCEEDED:" + field);
  if (!isPrintableAscii(*name)) return err::invalidInput("INVALID_PATTERN:" + field);
  return *name;
}

int monthIndex(const CivilTime& c) { return c.year * 12 + c.month - 1; }

// The last millisecond of the month of `t` (UTC).
Millis endOfMonth(Millis t) {
  CivilTime c = toCivil(t);
  return fromCivil(c.year, c.month, daysInMonth(c.year, c.month)) + kDay - 1;
}

// StartTimestamp: 00:00:00.000 UTC (BC reason text) on the 1st of a month (BILL "Transfers start at the
// beginning of month"), at least 24 hours ahead (BILL "Invites must be accepted 24 hours before the
// billing transfer start date"), and at most 12 months after the current month (our decision).
Result<Millis> requireStart(const World& w, const Json& in) {
  if (!present(in, "StartTimestamp")) return err::invalidInput("INPUT_REQUIRED:START_TIMESTAMP");
  const Json& value = in["StartTimestamp"];
  auto start = millisFromJson(value);
  if (!start) return err::invalidInput(value.get<double>() < 0 ? "START_DATE_TOO_EARLY" : "START_DATE_TOO_LATE");
  CivilTime c = toCivil(*start);
  if (c.hour || c.minute || c.second || c.millis) return err::invalidInput("START_DATE_NOT_BEGINNING_OF_DAY");
  if (c.day != 1) return err::invalidInput("START_DATE_NOT_BEGINNING_OF_MONTH");
  if (*start - w.now() < kDay) return err::invalidInput("START_DATE_TOO_EARLY");
  if (monthIndex(c) - monthIndex(toCivil(w.now())) > kMaxMonthsAhead) return err::invalidInput("START_DATE_TOO_LATE");
  return *start;
}

// EndTimestamp: the end of the last day of a month, 23:59:59.999 UTC (BC reason text; BILL says
// 23:59:59, so a whole second is accepted too and stored as .999), not in the past. Absent: the end of
// the current month.
Result<Millis> readEnd(const World& w, const Json& in) {
  if (!present(in, "EndTimestamp")) return endOfMonth(w.now());
  const Json& value = in["EndTimestamp"];
  auto end = millisFromJson(value);
  if (!end) return err::invalidInput(value.get<double>() < 0 ? "END_DATE_TOO_EARLY" : "END_DATE_NOT_END_OF_MONTH");
  CivilTime c = toCivil(*end);
  bool lastSecond = c.hour == 23 && c.minute == 59 && c.second == 59 && (c.millis == 0 || c.millis == 999);
  if (!lastSecond || c.day != daysInMonth(c.year, c.month)) return err::invalidInput("END_DATE_NOT_END_OF_MONTH");
  if (endOfMonth(*end) < w.now()) return err::invalidInput("END_DATE_TOO_EARLY");
  return endOfMonth(*end);
}

// ---------------------------------------------------------------------------------------------
// InviteOrganizationToTransferResponsibility.

struct Invitation {
  HandshakeParty target;
  std::string notes;
  Millis start = 0;
  std::string name;
};

// Validation in model member order (Type, Target, Notes, StartTimestamp, SourceName, Tags), which the
// AWS-observed order of InviteAccountToOrganization (Target, Notes, Tags) also follows.
Result<Invitation> readInvitation(const World& w, const Json& in) {
  HS_TRY(requireType(in));
  auto target = requireTarget(in);
  HS_TRY(target);
  auto notes = optionalString(in, "Notes");
  if (notes && awsLength(*notes) > kMaxNotesLength) return err::invalidInput("MAX_LENGTH_EXCEEDED:NOTES");
  auto start = requireStart(w, in);
  HS_TRY(start);
  auto name = requireName(in, "SourceName", "SOURCE_NAME");
  HS_TRY(name);
  HS_TRY(validateTags(in));
  return Invitation{target.value(), notes.value_or(""), start.value(), name.value()};
}

// A live TRANSFER_RESPONSIBILITY handshake from `org` to the same target (only live ones count, as
// for invitations, AWS-observed).
bool liveInvitation(const World& w, const Organization& org, const HandshakeParty& target) {
  bool byEmail = target.type == "EMAIL";
  for (std::uint64_t seq : byEmail ? w.addressedToEmail(target.id) : w.addressedToAccount(target.id)) {
    const Handshake& h = *w.findHandshakeBySeq(seq);
    if (h.action == Action::TransferResponsibility && h.organizationId == org.id &&
        byEmail == !h.recipientEmail.empty() && !isTerminal(h.stateAt(w.now())))
      return true;
  }
  return false;
}

// Checks on the target. As for invitations, AWS does not resolve an EMAIL target at invite time: the
// organization behind an email is checked when someone accepts.
Status checkTarget(const World& w, const Account& caller, const Organization& org, const HandshakeParty& target) {
  const Account* invited = target.type == "ACCOUNT" ? w.findAccount(target.id) : nullptr;
  bool ownOrganization =
      target.type == "ACCOUNT" && (target.id == caller.id || (invited && invited->organizationId == org.id));
  if (ownOrganization) return err::handshakeConstraint("SOURCE_AND_TARGET_CANNOT_MATCH");
  if (liveInvitation(w, org, target)) return err::duplicateHandshake();
  if (invited && !invited->standalone() && linked(w, org.id, invited->organizationId))
    return err::handshakeConstraint("RESPONSIBILITY_TRANSFER_ALREADY_EXISTS");
  return okStatus();
}

std::string newTransferId(World& w) {
  std::string id = w.ids.transferId();
  while (w.findTransfer(id)) id = w.ids.transferId();
  return id;
}

// The transfer as invited: the caller's organization is the target (it will manage the bill); the
// source is known only as the invitation names it.
ResponsibilityTransfer newTransfer(World& w, const Account& caller, const Organization& org, const Invitation& inv) {
  ResponsibilityTransfer t;
  t.id = newTransferId(w);
  t.name = inv.name;
  t.type = kBilling;
  t.status = TransferStatus::Requested;  // its initial status
  (inv.target.type == "EMAIL" ? t.sourceEmail : t.sourceAccountId) = inv.target.id;
  t.targetAccountId = caller.id;
  t.targetEmail = caller.email;
  t.targetOrganizationId = org.id;
  t.start = inv.start;
  return t;
}

// The handshake's resources (spec 3.4; AWS shows no example): the transfer with its type, its start
// (epoch seconds printed as wire timestamps are) and the inviting management account; the target; NOTES
// only when given.
std::vector<HandshakeResource> invitationResources(const Account& caller, const ResponsibilityTransfer& t,
                                                   const Invitation& inv) {
  std::vector<HandshakeResource> resources = {{"RESPONSIBILITY_TRANSFER",
                                               t.id,
                                               {{"TRANSFER_TYPE", t.type, {}},
                                                {"TRANSFER_START_TIMESTAMP", timestampJson(t.start).dump(), {}},
                                                {"MANAGEMENT_ACCOUNT", caller.id, {}},
                                                {"MANAGEMENT_EMAIL", caller.email, {}},
                                                {"MANAGEMENT_NAME", caller.name, {}}}},
                                              {inv.target.type, inv.target.id, {}}};
  if (!inv.notes.empty()) resources.push_back({"NOTES", inv.notes, {}});
  return resources;
}

// OPEN at once, like INVITE (Lifecycle::create gives it its state and lifetime).
Handshake newHandshake(World& w, const Account& caller, const Organization& org, const ResponsibilityTransfer& t,
                       const Invitation& inv, const Json& in) {
  Handshake h;
  h.id = w.newHandshakeId();
  h.action = Action::TransferResponsibility;
  h.organizationId = org.id;
  h.senderAccountId = caller.id;
  h.parties = {{organizationPartyId(org.id), "ORGANIZATION"}, inv.target};
  h.resources = invitationResources(caller, t, inv);
  (inv.target.type == "EMAIL" ? h.recipientEmail : h.recipientAccountId) = inv.target.id;
  h.transferId = t.id;
  if (present(in, "Tags")) h.tags = in["Tags"];  // staged like invite tags; never echoed
  return h;
}

// ---------------------------------------------------------------------------------------------
// Lists.

struct TransferList {
  int limit = kDefaultPageSize;
  std::string id;  // ListInbound's Id: only that transfer
  PageScope scope;
  std::uint64_t after = 0;
};

// Type, Id, MaxResults, then NextToken, whose scope includes the operation, the caller and the filter.
Result<TransferList> readTransferList(const World& w, const Account& caller, const Json& in, const char* operation,
                                      bool takesId) {
  TransferList req;
  HS_TRY(requireType(in));
  if (takesId && present(in, "Id")) {
    req.id = in["Id"].get<std::string>();
    if (!isTransferId(req.id)) return err::invalidInput("INVALID_PATTERN:ID");
  }
  auto maxResults = readMaxResults(in);
  HS_TRY(maxResults);
  if (maxResults.value()) req.limit = maxResults.value();
  req.scope =
      PageScope{operation, caller.id, std::string("type=") + kBilling + (req.id.empty() ? "" : ";id=" + req.id)};
  auto after = resumePoint(w.tokenKey, req.scope, in);
  HS_TRY(after);
  req.after = after.value();
  return req;
}

// A page of the transfers proposed by the handshakes of `sources` that pass `belongs`, in creation order.
Json listTransfers(const World& w, const TransferList& req, const Sources& sources, const std::string& direction,
                   TransferTest belongs) {
  auto at = [&w](std::uint64_t seq) { return transferOf(w, *w.findHandshakeBySeq(seq)); };
  Page page = collectPage(sources, req.after, req.limit, [&](std::uint64_t seq) {
    const ResponsibilityTransfer* t = at(seq);
    return t && (req.id.empty() || t->id == req.id) && belongs(*t);
  });
  Json list = Json::array();
  for (std::uint64_t seq : page.items) list.push_back(transferJson(w, *at(seq), direction));
  Json body{{"ResponsibilityTransfers", std::move(list)}};
  addNextToken(body, w.tokenKey, req.scope, page);
  return body;
}

// ---------------------------------------------------------------------------------------------
// Describe, Update, Terminate: one transfer, either side.

struct Viewed {
  ResponsibilityTransfer* transfer;
  std::string direction;
};

// After validation: existence, then the caller (the precedence of the handshake operations). Only the
// two management accounts may see a transfer (BC: "an arrangement between two management accounts").
Result<Viewed> findForCaller(World& w, const Account& caller, const Json& in) {
  ResponsibilityTransfer* t = w.findTransfer(in["Id"].get<std::string>());
  if (!t) return err::transferNotFound();
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  std::string direction = directionFor(w, *t, caller, *org.value());
  if (direction.empty()) return err::accessDenied();
  return Viewed{t, direction};
}

Json transferResponse(const World& w, const Viewed& v) {
  return Json{{"ResponsibilityTransfer", transferJson(w, *v.transfer, v.direction)}};
}

// ---------------------------------------------------------------------------------------------
// The JSON form.

Json participant(const std::string& accountId, const std::string& email) {
  Json p = Json::object();
  if (!accountId.empty()) p["ManagementAccountId"] = accountId;
  if (!email.empty()) p["ManagementAccountEmail"] = email;
  return p;
}

// For the outbound ARN of a pending transfer: the named account and its organization as they are now
// (the only caller who gets that view is that account, as a management account).
ResponsibilityTransfer withSourceResolved(const World& w, ResponsibilityTransfer t) {
  const Account* a = t.sourceAccountId.empty() ? w.findAccountByEmail(t.sourceEmail) : w.findAccount(t.sourceAccountId);
  if (a && t.sourceAccountId.empty()) t.sourceAccountId = a->id;
  if (a && t.sourceOrganizationId.empty()) t.sourceOrganizationId = a->organizationId;
  return t;
}

}  // namespace

TransferStatus transferStatus(const World& w, const ResponsibilityTransfer& t) {
  if (t.status != TransferStatus::Requested) return t.status;
  const Handshake* h = handshakeOf(w, t);
  if (!h) return t.status;
  switch (h->stateAt(w.now())) {
    case HandshakeState::Expired: return TransferStatus::Expired;
    case HandshakeState::Canceled: return TransferStatus::Canceled;
    case HandshakeState::Declined: return TransferStatus::Declined;
    default: return t.status;
  }
}

Json transferJson(const World& w, const ResponsibilityTransfer& t, const std::string& direction) {
  TransferStatus status = transferStatus(w, t);
  std::string arn = direction == "outbound" ? withSourceResolved(w, t).arn(direction) : t.arn(direction);
  Json j{{"Arn", arn},
         {"Name", t.name},
         {"Id", t.id},
         {"Type", t.type},
         {"Status", toString(status)},
         {"Source", participant(t.sourceAccountId, t.sourceEmail)},
         {"Target", participant(t.targetAccountId, t.targetEmail)},
         {"StartTimestamp", timestampJson(t.start)}};
  if (t.end) j["EndTimestamp"] = timestampJson(t.end);
  if (status == TransferStatus::Requested) j["ActiveHandshakeId"] = t.handshakeId;  // only while its handshake is OPEN
  return j;
}

namespace effects {

// The recipient accepts: the management account of another organization whose bill has not moved
// yet (BC AcceptHandshake: "Only the management account can accept ... TRANSFER_RESPONSIBILITY").
// Checked before the move; on success handshake and transfer change together (takeOverBill).
Status transferAcceptable(Firing& f) {
  World& w = f.world;
  const Handshake& h = f.handshake;
  if (!w.findTransfer(h.transferId) || !w.findOrganization(h.organizationId))
    return err::invalidTransition();  // inconsistent snapshot
  auto org = managedOrganization(w, *f.caller);
  HS_TRY(org);
  const Organization& source = *org.value();
  if (source.id == h.organizationId) return err::handshakeConstraint("SOURCE_AND_TARGET_CANNOT_MATCH");
  if (hasAcceptedOutbound(w, source, *f.caller) || linked(w, source.id, h.organizationId))
    return err::handshakeConstraint("RESPONSIBILITY_TRANSFER_ALREADY_EXISTS");
  return okStatus();
}

Status takeOverBill(Firing& f) {
  ResponsibilityTransfer& t = *f.world.findTransfer(f.handshake.transferId);  // transferAcceptable checked it
  const Account& caller = *f.caller;
  (void)fireTransfer(f.world, t, TransferTrigger::HandshakeAccepted);
  t.sourceAccountId = caller.id;
  t.sourceEmail = caller.email;
  t.sourceOrganizationId = caller.organizationId;
  return okStatus();
}

Status transferFollows(Firing& f) {
  const Handshake& h = f.handshake;
  ResponsibilityTransfer* t = f.world.findTransfer(h.transferId);
  if (!t) return okStatus();
  if (h.state == HandshakeState::Declined) (void)fireTransfer(f.world, *t, TransferTrigger::HandshakeDeclined);
  if (h.state == HandshakeState::Canceled) (void)fireTransfer(f.world, *t, TransferTrigger::HandshakeCanceled);
  return okStatus();
}

}  // namespace effects

namespace ops {

// The caller's organization invites another organization's management account to let the caller manage
// its bill. The caller becomes the transfer's Target; the invited organization is its Source.
Result<Body> inviteOrganizationToTransferResponsibility(World& w, Account& caller, const Json& in) {
  auto read = readInvitation(w, in);
  HS_TRY(read);
  const Invitation& inv = read.value();
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  const Organization& inviter = *org.value();
  HS_TRY(checkTarget(w, caller, inviter, inv.target));

  // Every check passed: ids are drawn only now, so a rejected call changes nothing.
  ResponsibilityTransfer t = newTransfer(w, caller, inviter, inv);
  // It expires after 15 days, or 24 hours before the start if that is sooner (BILL: "Invites must be
  // accepted 24 hours before the billing transfer start date").
  Handshake& h = Lifecycle::create(w, newHandshake(w, caller, inviter, t, inv, in), t.start - kDay);
  t.handshakeId = h.id;
  t.seq = h.seq;
  w.transfers[t.id] = std::move(t);
  return Body::raw(handshakeResponse(h, w.now()));
}

// "Transfers that allow you to manage the specified responsibilities for another organization"
// (BC): those the caller's organization is the target of, invitations included.
Result<Body> listInboundResponsibilityTransfers(World& w, Account& caller, const Json& in) {
  auto req = readTransferList(w, caller, in, "ListInboundResponsibilityTransfers", true);
  HS_TRY(req);
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  std::string orgId = org.value()->id;
  auto inbound = [&orgId](const ResponsibilityTransfer& t) { return t.targetOrganizationId == orgId; };
  Sources sources{&w.sentBy(orgId)};
  std::vector<std::uint64_t> only;
  if (!req.value().id.empty()) {
    const ResponsibilityTransfer* t = w.findTransfer(req.value().id);
    if (!t || !inbound(*t) || !handshakeOf(w, *t)) return err::transferNotFound();
    only.push_back(t->seq);
    sources = {&only};
  }
  return listTransfers(w, req.value(), sources, "inbound", inbound);
}

// "Transfers that allow an account outside your organization to manage the specified responsibilities
// for your organization" (BC): those the caller's organization is the source of, and the invitations
// addressed to the caller (by account id or root email).
Result<Body> listOutboundResponsibilityTransfers(World& w, Account& caller, const Json& in) {
  auto req = readTransferList(w, caller, in, "ListOutboundResponsibilityTransfers", false);
  HS_TRY(req);
  auto org = managedOrganization(w, caller);
  HS_TRY(org);
  const Organization& source = *org.value();
  return listTransfers(w, req.value(), {&w.addressedToAccount(caller.id), &w.addressedToEmail(caller.email)},
                       "outbound", [&](const ResponsibilityTransfer& t) { return isSource(w, t, caller, source); });
}

Result<Body> describeResponsibilityTransfer(World& w, Account& caller, const Json& in) {
  HS_TRY(requireTransferId(in));
  auto viewed = findForCaller(w, caller, in);
  HS_TRY(viewed);
  return transferResponse(w, viewed.value());
}

// Renames the transfer, in any status, from either side (BC: "You can update the name assigned to a
// transfer"; no transition errors are declared).
Result<Body> updateResponsibilityTransfer(World& w, Account& caller, const Json& in) {
  HS_TRY(requireTransferId(in));
  auto name = requireName(in, "Name", "NAME");
  HS_TRY(name);
  auto viewed = findForCaller(w, caller, in);
  HS_TRY(viewed);
  viewed.value().transfer->name = name.value();
  return transferResponse(w, viewed.value());
}

// Withdraws an ACCEPTED transfer, from either side (BILL: "Either account involved in a transfer can
// withdraw the transfer at any time"; "Withdrawal cannot be undone"). It runs until EndTimestamp.
Result<Body> terminateResponsibilityTransfer(World& w, Account& caller, const Json& in) {
  HS_TRY(requireTransferId(in));
  auto end = readEnd(w, in);
  HS_TRY(end);
  auto viewed = findForCaller(w, caller, in);
  HS_TRY(viewed);
  ResponsibilityTransfer& t = *viewed.value().transfer;
  HS_TRY(fireTransfer(w, t, TransferTrigger::Terminate));  // ACCEPTED -> WITHDRAWN
  t.end = end.value();
  return transferResponse(w, viewed.value());
}

}  // namespace ops
}  // namespace hs
