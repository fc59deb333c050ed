#include "sim/snapshot.h"

#include <map>
#include <optional>
#include <set>

#include "model/timestamp.h"
#include "wire/errors.h"
#include "wire/request.h"

namespace hs {
namespace {

std::string hex(std::uint64_t v) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kHex[v & 15];
  return out;
}

// Unlike a response (Handshake::write leaves out an empty Resources list, as AWS does), a snapshot
// always holds the Resources list: its reader requires it.
void writeSnapshotResource(JsonWriter& out, const HandshakeResource& r) {
  out.beginObject().key("Resources").beginArray();
  for (const auto& c : r.children) writeSnapshotResource(out, c);
  out.endArray().key("Type").string(r.type).key("Value").string(r.value).endObject();
}

// Reads a snapshot, remembering the first problem with its path.
class Reader {
 public:
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  void fail(const std::string& path, const std::string& what) {
    if (error_.empty()) error_ = path + ": " + what;
  }

  const Json* member(const Json& obj, const char* name, const std::string& path) {
    if (!obj.is_object()) {
      fail(path, "must be an object");
      return nullptr;
    }
    auto it = obj.find(name);
    if (it == obj.end()) {
      fail(path + "." + name, "is missing");
      return nullptr;
    }
    return &*it;
  }
  std::string str(const Json& obj, const char* name, const std::string& path) {
    const Json* v = member(obj, name, path);
    if (v && !v->is_string()) fail(path + "." + name, "must be a string");
    return v && v->is_string() ? v->get<std::string>() : std::string();
  }
  std::int64_t integer(const Json& obj, const char* name, const std::string& path, std::int64_t min = 0,
                       std::int64_t max = (std::int64_t{1} << 53)) {
    const Json* v = member(obj, name, path);
    if (v && (!v->is_number_integer() ||
              (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) ||
              v->get<std::int64_t>() < min || v->get<std::int64_t>() > max))
      fail(path + "." + name, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return v && v->is_number_integer() ? v->get<std::int64_t>() : 0;
  }
  // A time in milliseconds within the engine's range: 0 to 9999-12-31T23:59:59.999Z (kLatestTime), or
  // `max` for times that may lie past the clock's end (an expiration set just before it).
  Millis time(const Json& obj, const char* name, const std::string& path, Millis max = kLatestTime) {
    const Json* v = member(obj, name, path);
    if (!v) return 0;
    bool inRange = v->is_number_integer() &&
                   (v->is_number_unsigned() ? v->get<std::uint64_t>() <= static_cast<std::uint64_t>(max)
                                            : v->get<std::int64_t>() >= 0 && v->get<std::int64_t>() <= max);
    if (!inRange) {
      fail(path + "." + name, "must be an integer from 0 to " + std::to_string(max) +
                                  (max == kLatestTime ? " (milliseconds up to 9999-12-31T23:59:59.999Z)" : ""));
      return 0;
    }
    return v->get<Millis>();
  }
  // A time of something that happened: in range and not after the snapshot's clock.
  Millis past(const Json& obj, const char* name, const std::string& path, Millis now) {
    Millis t = time(obj, name, path);
    if (ok() && t > now) fail(path + "." + name, "is after World.Now");
    return t;
  }
  std::uint64_t hex64(const Json& obj, const char* name, const std::string& path) {
    std::string s = str(obj, name, path);
    std::uint64_t v = 0;
    if (s.size() != 16) {
      fail(path + "." + name, "must be 16 hex digits");
      return 0;
    }
    for (char c : s) {
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) {
        fail(path + "." + name, "must be 16 hex digits");
        return 0;
      }
      v = (v << 4) | static_cast<std::uint64_t>(d);
    }
    return v;
  }
  bool boolean(const Json& obj, const char* name, const std::string& path) {
    const Json* v = member(obj, name, path);
    if (v && !v->is_boolean()) fail(path + "." + name, "must be true or false");
    return v && v->is_boolean() && v->get<bool>();
  }
  const Json& array(const Json& obj, const char* name, const std::string& path) {
    static const Json kEmpty = Json::array();
    const Json* v = member(obj, name, path);
    if (v && !v->is_array()) fail(path + "." + name, "must be a list");
    return v && v->is_array() ? *v : kEmpty;
  }
  void oneOf(const std::string& value, std::initializer_list<const char*> allowed, const std::string& path) {
    for (const char* a : allowed)
      if (value == a) return;
    fail(path, "has an unknown value");
  }
  // A string member read into an enum through its wire-name parser (an enum's xFromString); an unknown
  // name fails (and reads as the enum's first value).
  template <auto parse>
  auto oneOf(const Json& obj, const char* name, const std::string& path) {
    auto e = parse(str(obj, name, path));
    if (!e && ok()) fail(path + "." + name, "has an unknown value");
    return e.value_or(typename decltype(e)::value_type{});
  }

 private:
  std::string error_;
};

// Stored tags passed a request's tag checks: at most 50, each a valid Key and Value, no aws: key, no
// key twice. `tags` is a list.
void checkStoredTags(Reader& r, const Json& tags, const std::string& path) {
  if (tags.size() > kMaxTagsPerResource) return r.fail(path, "holds more than 50 tags");
  Status valid = validateTags(Json{{"Tags", tags}});
  if (!valid.ok()) r.fail(path, "breaks a tag rule (" + valid.error().reason + ")");
}

HandshakeResource readResource(Reader& r, const Json& j, const std::string& path, int depth) {
  HandshakeResource res{r.str(j, "Type", path), r.str(j, "Value", path), {}};
  const Json& kids = r.array(j, "Resources", path);
  if (depth > 4 && !kids.empty()) r.fail(path, "nests too deeply");
  for (size_t i = 0; i < kids.size() && r.ok() && depth <= 4; ++i)
    res.children.push_back(readResource(r, kids[i], path + ".Resources[" + std::to_string(i) + "]", depth + 1));
  return res;
}

}  // namespace

// Streamed: a 100,000-handshake world is 70 MB of snapshot, which a Json DOM would hold about 15
// times over. Keys come in sorted order, so the text is exactly dumpJson() of the same value
// (tests/unit/snapshot_test.cpp re-serializes an export to check).
void writeWorld(JsonWriter& out, const World& w) {
  out.beginObject().key("Accounts").beginArray();
  for (const auto& [id, a] : w.accounts)
    out.beginObject()
        .key("Created")
        .integer(a.created)
        .key("Email")
        .string(a.email)
        .key("Id")
        .string(a.id)
        .key("JoinSeq")
        .unsignedInteger(a.joinSeq)
        .key("Joined")
        .integer(a.joined)
        .key("JoinedMethod")
        .string(toString(a.joinedMethod))
        .key("Name")
        .string(a.name)
        .key("OrganizationId")
        .string(a.organizationId)
        .endObject();
  out.endArray();
  // CreateAccount requests and resource tags: written only when there are some, so that snapshots of
  // worlds without them stay as they were (and older snapshots, which lack them, still import).
  if (!w.createAccountRequests.empty()) {
    out.key("CreateAccountRequests").beginArray();
    for (const auto& [id, c] : w.createAccountRequests)
      out.beginObject()
          .key("AccountId")
          .string(c.accountId)
          .key("AccountName")
          .string(c.accountName)
          .key("Completed")
          .integer(c.completed)
          .key("Email")
          .string(c.email)
          .key("FailureReason")
          .string(c.failureReason)
          .key("Id")
          .string(c.id)
          .key("OrganizationId")
          .string(c.organizationId)
          .key("Requested")
          .integer(c.requested)
          .key("Seq")
          .unsignedInteger(c.seq)
          .key("State")
          .string(c.state)
          .key("Tags")
          .raw(dumpJson(c.tags))
          .endObject();
    out.endArray();
  }
  out.key("Handshakes").beginArray();
  for (const auto& [seq, h] : w.handshakes) {
    out.beginObject()
        .key("Action")
        .string(toString(h.action))
        .key("Ended")
        .integer(h.ended)
        .key("Expiration")
        .integer(h.expiration)
        .key("Id")
        .string(h.id)
        .key("OrganizationId")
        .string(h.organizationId)
        .key("ParentId")
        .string(h.parentId)
        .key("Parties")
        .beginArray();
    for (const auto& p : h.parties) out.beginObject().key("Id").string(p.id).key("Type").string(p.type).endObject();
    out.endArray()
        .key("RecipientAccountId")
        .string(h.recipientAccountId)
        .key("RecipientEmail")
        .string(h.recipientEmail)
        .key("Requested")
        .integer(h.requested)
        .key("Resources")
        .beginArray();
    for (const auto& r : h.resources) writeSnapshotResource(out, r);
    out.endArray()
        .key("SenderAccountId")
        .string(h.senderAccountId)
        .key("Seq")
        .unsignedInteger(h.seq)
        .key("State")
        .string(toString(h.state))
        .key("Tags")
        .raw(dumpJson(h.tags))
        .key("TransferId")
        .string(h.transferId)
        .endObject();
  }
  out.endArray()
      .key("IdState")
      .string(hex(w.ids.state()))
      .key("NextSeq")
      .unsignedInteger(w.nextSeq)
      .key("Now")
      .integer(w.now())
      .key("Organizations")
      .beginArray();
  for (const auto& [id, o] : w.organizations) {
    out.beginObject()
        .key("AllFeaturesHandshakeId")
        .string(o.allFeaturesHandshakeId)
        .key("Created")
        .integer(o.created)
        .key("FeatureSet")
        .string(toString(o.featureSet))
        .key("Id")
        .string(o.id)
        .key("ManagementAccountId")
        .string(o.managementAccountId)
        .key("MemberIds")
        .beginArray();
    for (const auto& m : o.memberIds) out.string(m);
    out.endArray().key("RootId").string(o.rootId).key("ScpEnabled").boolean(o.scpEnabled).endObject();
  }
  out.endArray();
  if (!w.resourceTags.empty()) {
    out.key("ResourceTags").beginArray();
    for (const auto& [id, t] : w.resourceTags) {
      out.beginObject()
          .key("OrganizationId")
          .string(t.organizationId)
          .key("ResourceId")
          .string(id)
          .key("Tags")
          .beginArray();
      for (const auto& [k, v] : t.tags) out.beginObject().key("Key").string(k).key("Value").string(v).endObject();
      out.endArray().endObject();
    }
    out.endArray();
  }
  out.key("Seed")
      .string(hex(w.seed))
      .key("Settings")
      .beginObject()
      .key("AccountLimit")
      .integer(w.settings.accountLimit);
  // Written only when set, so that snapshots of worlds without it stay as they were.
  if (w.settings.finalizingOrganizationSeconds > 0)
    out.key("FinalizingOrganizationSeconds").integer(w.settings.finalizingOrganizationSeconds);
  out.key("InvitesDuringMigration")
      .string(toString(w.settings.invitesDuringMigration))
      .key("MemberOfOtherOrganization")
      .string(toString(w.settings.memberOfOtherOrganization))
      .endObject()
      .key("TokenKey")
      .string(hex(w.tokenKey))
      .key("Transfers")
      .beginArray();
  for (const auto& [id, t] : w.transfers)
    out.beginObject()
        .key("End")
        .integer(t.end)
        .key("HandshakeId")
        .string(t.handshakeId)
        .key("Id")
        .string(t.id)
        .key("Name")
        .string(t.name)
        .key("Seq")
        .unsignedInteger(t.seq)
        .key("SourceAccountId")
        .string(t.sourceAccountId)
        .key("SourceEmail")
        .string(t.sourceEmail)
        .key("SourceOrganizationId")
        .string(t.sourceOrganizationId)
        .key("Start")
        .integer(t.start)
        .key("Status")
        .string(toString(t.status))
        .key("TargetAccountId")
        .string(t.targetAccountId)
        .key("TargetEmail")
        .string(t.targetEmail)
        .key("TargetOrganizationId")
        .string(t.targetOrganizationId)
        .key("Type")
        .string(t.type)
        .endObject();
  out.endArray().key("Version").integer(kSnapshotVersion).endObject();
}

Result<std::unique_ptr<World>> importWorld(const Json& s, const Clock* clock, Millis& now) {
  auto fail = [](const std::string& why) {
    return err::simulator("InvalidWorldSnapshotException", "The world snapshot is invalid: " + why);
  };
  if (!s.is_object()) return fail("World must be an object.");
  Reader r;
  std::int64_t version = r.integer(s, "Version", "World");
  if (r.ok() && version != kSnapshotVersion)
    return fail("World.Version " + std::to_string(version) + " is not supported (this engine reads version " +
                std::to_string(kSnapshotVersion) + ").");
  auto w = std::make_unique<World>(clock, 0);
  // The clock's range: SetTime and AdvanceTime work from any clock a snapshot may carry.
  now = r.time(s, "Now", "World");
  w->seed = r.hex64(s, "Seed", "World");
  w->ids.setState(r.hex64(s, "IdState", "World"));
  w->tokenKey = r.hex64(s, "TokenKey", "World");
  w->nextSeq = static_cast<std::uint64_t>(r.integer(s, "NextSeq", "World", 1));
  if (const Json* st = r.member(s, "Settings", "World")) {
    w->settings.accountLimit = static_cast<int>(r.integer(*st, "AccountLimit", "World.Settings", 1, 10000000));
    w->settings.memberOfOtherOrganization =
        r.oneOf<memberOfOtherOrganizationFromString>(*st, "MemberOfOtherOrganization", "World.Settings");
    w->settings.invitesDuringMigration =
        r.oneOf<invitesDuringMigrationFromString>(*st, "InvitesDuringMigration", "World.Settings");
    if (st->is_object() && st->contains("FinalizingOrganizationSeconds"))  // optional (absent in older snapshots)
      w->settings.finalizingOrganizationSeconds =
          static_cast<int>(r.integer(*st, "FinalizingOrganizationSeconds", "World.Settings", 0, 86400));
  }
  const Json& accounts = r.array(s, "Accounts", "World");
  std::set<std::string> emails;
  for (size_t i = 0; i < accounts.size() && r.ok(); ++i) {
    std::string p = "World.Accounts[" + std::to_string(i) + "]";
    const Json& j = accounts[i];
    Account a;
    a.id = r.str(j, "Id", p);
    a.name = r.str(j, "Name", p);
    a.email = r.str(j, "Email", p);
    a.organizationId = r.str(j, "OrganizationId", p);
    a.joinedMethod = r.oneOf<joinedMethodFromString>(j, "JoinedMethod", p);  // "" while standalone
    a.joined = r.past(j, "Joined", p, now);
    a.joinSeq = static_cast<std::uint64_t>(r.integer(j, "JoinSeq", p));
    a.created = r.past(j, "Created", p, now);
    if (r.ok() && !isAccountId(a.id)) r.fail(p + ".Id", "must be 12 digits");
    if (r.ok() && w->accounts.count(a.id)) r.fail(p + ".Id", "is a duplicate");
    if (r.ok() && !emails.insert(lowercase(a.email)).second) r.fail(p + ".Email", "is a duplicate");
    if (r.ok()) w->addAccount(std::move(a));
  }
  const Json& orgs = r.array(s, "Organizations", "World");
  for (size_t i = 0; i < orgs.size() && r.ok(); ++i) {
    std::string p = "World.Organizations[" + std::to_string(i) + "]";
    const Json& j = orgs[i];
    Organization o;
    o.id = r.str(j, "Id", p);
    o.rootId = r.str(j, "RootId", p);
    o.featureSet = r.oneOf<featureSetFromString>(j, "FeatureSet", p);
    o.managementAccountId = r.str(j, "ManagementAccountId", p);
    const Json& members = r.array(j, "MemberIds", p);
    std::set<std::string> seen;
    for (const Json& m : members) {
      if (!m.is_string()) {
        r.fail(p + ".MemberIds", "must hold strings");
        break;
      }
      if (!seen.insert(m.get<std::string>()).second) {
        r.fail(p + ".MemberIds", m.get<std::string>() + " is listed twice");
        break;
      }
      o.memberIds.push_back(m.get<std::string>());
    }
    o.allFeaturesHandshakeId = r.str(j, "AllFeaturesHandshakeId", p);
    o.scpEnabled = r.boolean(j, "ScpEnabled", p);
    o.created = r.past(j, "Created", p, now);
    if (r.ok() && !isOrganizationId(o.id)) r.fail(p + ".Id", "must match o-[a-z0-9]{10,32}");
    if (r.ok() && w->organizations.count(o.id)) r.fail(p + ".Id", "is a duplicate");
    if (r.ok()) w->organizations[o.id] = std::move(o);
  }
  // Membership must agree both ways.
  for (const auto& [id, o] : w->organizations) {
    if (!r.ok()) break;
    const Account* m = w->findAccount(o.managementAccountId);
    if (!m || m->organizationId != o.id) r.fail("World.Organizations." + id, "its management account is not a member");
    std::uint64_t lastJoin = 0;
    for (const std::string& mid : o.memberIds) {
      const Account* a = w->findAccount(mid);
      if (!a || a->organizationId != o.id)
        r.fail("World.Organizations." + id + ".MemberIds", mid + " is not an account of it");
      else if (a->joinSeq <= lastJoin || a->joinSeq >= w->nextSeq)
        r.fail("World.Accounts." + mid + ".JoinSeq",
               "must follow the organization's joining order and stay below NextSeq");
      else
        lastJoin = a->joinSeq;
    }
  }
  for (const auto& [id, a] : w->accounts) {
    if (!r.ok() || a.organizationId.empty()) continue;
    const Organization* o = w->findOrganization(a.organizationId);
    bool listed = false;
    if (o)
      for (const auto& m : o->memberIds) listed = listed || m == id;
    if (!listed) r.fail("World.Accounts." + id + ".OrganizationId", "names an organization that does not list it");
  }
  const Json& hs = r.array(s, "Handshakes", "World");
  std::set<std::string> ids;
  std::uint64_t lastSeq = 0;
  for (size_t i = 0; i < hs.size() && r.ok(); ++i) {
    std::string p = "World.Handshakes[" + std::to_string(i) + "]";
    const Json& j = hs[i];
    Handshake h;
    h.seq = static_cast<std::uint64_t>(r.integer(j, "Seq", p, 1));
    h.id = r.str(j, "Id", p);
    auto action = actionFromString(r.str(j, "Action", p));
    auto state = stateFromString(r.str(j, "State", p));
    h.organizationId = r.str(j, "OrganizationId", p);
    h.senderAccountId = r.str(j, "SenderAccountId", p);
    const Json& parties = r.array(j, "Parties", p);
    for (size_t k = 0; k < parties.size() && r.ok(); ++k)
      h.parties.push_back({r.str(parties[k], "Id", p + ".Parties"), r.str(parties[k], "Type", p + ".Parties")});
    const Json& resources = r.array(j, "Resources", p);
    for (size_t k = 0; k < resources.size() && r.ok(); ++k)
      h.resources.push_back(readResource(r, resources[k], p + ".Resources[" + std::to_string(k) + "]", 1));
    h.requested = r.past(j, "Requested", p, now);
    // An invitation sent just before the clock's end expires after it (up to the 90-day lifetime).
    h.expiration = r.time(j, "Expiration", p, kLatestTime + kAllFeaturesLifetime);
    h.ended = r.past(j, "Ended", p, now);
    h.parentId = r.str(j, "ParentId", p);
    h.recipientAccountId = r.str(j, "RecipientAccountId", p);
    h.recipientEmail = r.str(j, "RecipientEmail", p);
    h.transferId = r.str(j, "TransferId", p);
    const Json* tags = r.member(j, "Tags", p);
    if (tags && !tags->is_array()) r.fail(p + ".Tags", "must be a list");
    if (r.ok()) checkStoredTags(r, *tags, p + ".Tags");
    if (!r.ok()) break;
    if (!action) {
      r.fail(p + ".Action", "has an unknown value");
      break;
    }
    if (!state) {
      r.fail(p + ".State", "has an unknown value");
      break;
    }
    if (!isHandshakeId(h.id) || !ids.insert(h.id).second) {
      r.fail(p + ".Id", "must be a unique handshake id");
      break;
    }
    if (h.seq <= lastSeq || h.seq >= w->nextSeq) {
      r.fail(p + ".Seq", "must increase and stay below NextSeq");
      break;
    }
    h.action = *action;
    h.state = *state;
    h.tags = *tags;
    lastSeq = h.seq;
    w->handshakes[h.seq] = std::move(h);
  }
  const Json& ts = r.array(s, "Transfers", "World");
  for (size_t i = 0; i < ts.size() && r.ok(); ++i) {
    std::string p = "World.Transfers[" + std::to_string(i) + "]";
    const Json& j = ts[i];
    ResponsibilityTransfer t;
    t.seq = static_cast<std::uint64_t>(r.integer(j, "Seq", p, 1));
    t.id = r.str(j, "Id", p);
    t.name = r.str(j, "Name", p);
    t.type = r.str(j, "Type", p);
    t.status = r.oneOf<transferStatusFromString>(j, "Status", p);
    t.sourceAccountId = r.str(j, "SourceAccountId", p);
    t.sourceEmail = r.str(j, "SourceEmail", p);
    t.sourceOrganizationId = r.str(j, "SourceOrganizationId", p);
    t.targetAccountId = r.str(j, "TargetAccountId", p);
    t.targetEmail = r.str(j, "TargetEmail", p);
    t.targetOrganizationId = r.str(j, "TargetOrganizationId", p);
    t.start = r.time(j, "Start", p);
    t.end = r.time(j, "End", p);
    t.handshakeId = r.str(j, "HandshakeId", p);
    if (r.ok() && (!isTransferId(t.id) || w->transfers.count(t.id))) r.fail(p + ".Id", "must be a unique transfer id");
    if (r.ok()) {  // a transfer and its handshake name each other and share a seq
      auto h = w->handshakes.find(t.seq);
      if (h == w->handshakes.end() || h->second.id != t.handshakeId || h->second.transferId != t.id ||
          h->second.action != Action::TransferResponsibility)
        r.fail(p + ".HandshakeId", "must name the TRANSFER_RESPONSIBILITY handshake of this transfer (same Seq)");
    }
    if (r.ok()) w->transfers[t.id] = std::move(t);
  }
  // Optional members (absent in snapshots of worlds that never used them, and in older snapshots).
  if (s.contains("CreateAccountRequests")) {
    const Json& cs = r.array(s, "CreateAccountRequests", "World");
    for (size_t i = 0; i < cs.size() && r.ok(); ++i) {
      std::string p = "World.CreateAccountRequests[" + std::to_string(i) + "]";
      const Json& j = cs[i];
      CreateAccountRequest c;
      c.id = r.str(j, "Id", p);
      c.seq = static_cast<std::uint64_t>(r.integer(j, "Seq", p, 1));
      c.organizationId = r.str(j, "OrganizationId", p);
      c.accountName = r.str(j, "AccountName", p);
      c.email = r.str(j, "Email", p);
      c.accountId = r.str(j, "AccountId", p);
      c.state = r.str(j, "State", p);
      r.oneOf(c.state, {"IN_PROGRESS", "SUCCEEDED", "FAILED"}, p + ".State");
      c.failureReason = r.str(j, "FailureReason", p);
      c.requested = r.past(j, "Requested", p, now);
      c.completed = r.time(j, "Completed", p, kLatestTime + kCreateAccountDelay);  // requested + the delay
      const Json* tags = r.member(j, "Tags", p);
      if (tags && !tags->is_array()) r.fail(p + ".Tags", "must be a list");
      if (r.ok()) checkStoredTags(r, *tags, p + ".Tags");
      if (r.ok() && (c.id.compare(0, 4, "car-") != 0 || w->createAccountRequests.count(c.id)))
        r.fail(p + ".Id", "must be a unique car- id");
      if (r.ok() && c.seq >= w->nextSeq) r.fail(p + ".Seq", "must stay below NextSeq");
      if (r.ok() && !isAccountId(c.accountId)) r.fail(p + ".AccountId", "must be 12 digits");
      if (r.ok()) {
        c.tags = *tags;
        w->createAccountRequests[c.id] = std::move(c);
      }
    }
  }
  if (s.contains("ResourceTags")) {
    const Json& ts = r.array(s, "ResourceTags", "World");
    for (size_t i = 0; i < ts.size() && r.ok(); ++i) {
      std::string p = "World.ResourceTags[" + std::to_string(i) + "]";
      const Json& j = ts[i];
      ResourceTags t;
      std::string id = r.str(j, "ResourceId", p);
      t.organizationId = r.str(j, "OrganizationId", p);
      const Json& tags = r.array(j, "Tags", p);
      if (r.ok()) checkStoredTags(r, tags, p + ".Tags");
      for (size_t k = 0; k < tags.size() && r.ok(); ++k) {
        std::string key = r.str(tags[k], "Key", p + ".Tags");
        std::string value = r.str(tags[k], "Value", p + ".Tags");
        if (r.ok() && !t.tags.emplace(key, value).second) r.fail(p + ".Tags", "repeats the key " + key);
      }
      if (r.ok() && w->resourceTags.count(id)) r.fail(p + ".ResourceId", "is a duplicate");
      if (r.ok()) w->resourceTags[id] = std::move(t);
    }
  }
  std::map<std::string, const Handshake*> parents;
  for (const auto& [seq, h] : w->handshakes)
    if (h.action == Action::EnableAllFeatures) parents[h.id] = &h;
  for (const auto& [id, o] : w->organizations) {
    if (!r.ok() || o.allFeaturesHandshakeId.empty()) continue;
    auto parent = parents.find(o.allFeaturesHandshakeId);
    if (parent == parents.end() || parent->second->organizationId != id)
      r.fail("World.Organizations." + id + ".AllFeaturesHandshakeId", "names no ENABLE_ALL_FEATURES handshake of it");
  }
  if (!r.ok()) return fail(r.error());
  w->rebuildIndices();
  return w;
}

}  // namespace hs
