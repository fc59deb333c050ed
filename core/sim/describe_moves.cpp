#include "sim/describe_moves.h"

#include "ops/operations.h"
#include "rules/lifecycle.h"
#include "wire/errors.h"
#include "wire/json_writer.h"
#include "wire/wire.h"

namespace hs {
namespace {

// The caller as Engine::handle resolves it, or the error it answers every AWS operation with.
Result<Account*> resolveCaller(World& w, const std::string& caller) {
  // No caller at all: the control's input error (a call without one is refused before AWS reads it).
  if (caller.empty()) return err::invalidInput("MIN_LENGTH_EXCEEDED:CALLER");
  Account* account = isAccountId(caller) ? w.findAccount(caller) : nullptr;
  if (!account) return err::unrecognizedClient();
  return account;
}

// The handshake as Accept, Decline and Cancel find it for the caller.
Result<Handshake*> findFor(World& w, const Account& caller, const std::string& id) {
  return handshakeToAnswer(w, caller, Json{{"HandshakeId", id}});
}

// The moves of one found handshake, keys in sorted order.
void writeMoves(JsonWriter& out, World& w, Account& caller, Handshake& h) {
  out.beginObject().key("Action").string(toString(h.action)).key("HandshakeId").string(h.id);
  out.key("Moves").beginArray();
  for (Trigger op : kMoveOperations) {
    const Role role = w.roleFor(h, caller, op);
    const Lifecycle::Preview p = Lifecycle::preview(w, h, op, role, &caller);
    out.beginObject();
    if (!p.answer.ok()) out.key("Error").raw(errorResponse(p.answer.error()).body);
    out.key("Operation").string(toString(op)).key("Role").string(toString(role));
    out.key("Status").integer(p.answer.ok() ? 200 : p.answer.error().status);
    if (p.to) out.key("To").string(toString(*p.to));
    out.endObject();
  }
  out.endArray().key("State").string(toString(h.stateAt(w.now()))).endObject();
}

}  // namespace

Result<Body> describeMoves(World& w, const std::string& caller, const std::string& handshakeId) {
  auto account = resolveCaller(w, caller);
  HS_TRY(account);
  auto h = findFor(w, *account.value(), handshakeId);
  HS_TRY(h);
  JsonWriter out(512);
  writeMoves(out, w, *account.value(), *h.value());
  return Body::raw(out.take());
}

Result<Body> describeMovesOf(World& w, const std::string& caller, const std::vector<std::string>& handshakeIds) {
  auto account = resolveCaller(w, caller);
  HS_TRY(account);
  JsonWriter out(64 + 512 * handshakeIds.size());
  out.beginObject().key("Handshakes").beginArray();
  for (const std::string& id : handshakeIds) {
    auto h = findFor(w, *account.value(), id);
    if (h.ok()) {
      writeMoves(out, w, *account.value(), *h.value());
      continue;
    }
    out.beginObject().key("Error").raw(errorResponse(h.error()).body);
    out.key("HandshakeId").string(id).key("Status").integer(h.error().status).endObject();
  }
  out.endArray().endObject();
  return Body::raw(out.take());
}

}  // namespace hs
