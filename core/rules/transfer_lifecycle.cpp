#include "rules/transfer_lifecycle.h"

#include <iterator>

#include "ops/transfer_view.h"
#include "wire/errors.h"

namespace hs {
namespace {

const char* const kStatusNames[] = {"REQUESTED", "DECLINED", "CANCELED", "EXPIRED", "ACCEPTED", "WITHDRAWN"};
static_assert(std::size(kStatusNames) == kTransferStatusCount, "a wire name per TransferStatus");

using TS = TransferStatus;
using TT = TransferTrigger;

int index(TT trigger, TS from) { return static_cast<int>(trigger) * kTransferStatusCount + static_cast<int>(from); }

TransferRow rowFor(TT trigger, TS from) {
  switch (trigger) {
    // Accepting the handshake accepts the transfer (transferAcceptable checked the organizations).
    case TT::HandshakeAccepted: return {trigger, from, TS::Accepted};
    // Declining or canceling the handshake ends a REQUESTED transfer the same way.
    case TT::HandshakeDeclined:
      return {trigger, from, from == TS::Requested ? std::optional<TS>(TS::Declined) : std::nullopt};
    case TT::HandshakeCanceled:
      return {trigger, from, from == TS::Requested ? std::optional<TS>(TS::Canceled) : std::nullopt};
    // Either side withdraws an ACCEPTED transfer; "Withdrawal cannot be undone" (BILL).
    case TT::Terminate:
      if (from == TS::Accepted) return {trigger, from, TS::Withdrawn};
      return {trigger, from, std::nullopt,
              from == TS::Withdrawn ? TransferRefusal::AlreadyInStatus : TransferRefusal::InvalidTransition};
  }
  return {trigger, from, std::nullopt};
}

}  // namespace

const char* toString(TransferStatus s) { return kStatusNames[static_cast<int>(s)]; }

std::optional<TransferStatus> transferStatusFromString(const std::string& s) {
  for (int i = 0; i < kTransferStatusCount; ++i)
    if (s == kStatusNames[i]) return static_cast<TransferStatus>(i);
  return std::nullopt;
}

const std::vector<TransferRow>& transferRows() {
  static const std::vector<TransferRow> kRows = [] {
    std::vector<TransferRow> rows;
    for (int t = 0; t < kTransferTriggerCount; ++t)
      for (int s = 0; s < kTransferStatusCount; ++s) rows.push_back(rowFor(static_cast<TT>(t), static_cast<TS>(s)));
    return rows;
  }();
  return kRows;  // kTransferTriggerCount x kTransferStatusCount, indexed by index()
}

Status fireTransfer(const World& w, ResponsibilityTransfer& t, TransferTrigger trigger) {
  TS from = trigger == TT::Terminate ? transferStatus(w, t) : t.status;
  const TransferRow& row = transferRows()[static_cast<size_t>(index(trigger, from))];
  if (row.error == TransferRefusal::AlreadyInStatus) return err::transferAlreadyInStatus();
  if (row.error == TransferRefusal::InvalidTransition) return err::invalidTransferTransition();
  if (row.to) t.status = *row.to;  // the only write of a stored transfer's status
  return okStatus();
}

}  // namespace hs
