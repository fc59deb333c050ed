// A responsibility transfer's status as data, in the form of the handshake lifecycle table:
//
//   (trigger, from) -> to | error
//
// fireTransfer is the only code that writes a stored transfer's status (besides its creation as
// REQUESTED and snapshot import). Triggers are its handshake's moves (Accept, Decline, Cancel) and
// TerminateResponsibilityTransfer; EXPIRED, and CANCELED or DECLINED by a system move, are read from
// the handshake (transferStatus), never stored by an operation.
#pragma once
#include <optional>
#include <vector>

#include "model/transfer.h"
#include "wire/result.h"

namespace hs {

class World;

enum class TransferTrigger { HandshakeAccepted, HandshakeDeclined, HandshakeCanceled, Terminate };
constexpr int kTransferTriggerCount = 4;

// What a refused transfer move answers.
enum class TransferRefusal { None, AlreadyInStatus, InvalidTransition };

struct TransferRow {
  TransferTrigger trigger;
  TransferStatus from;
  std::optional<TransferStatus> to;  // set: the move happens
  TransferRefusal error = TransferRefusal::None;
};

// Every (trigger, status) pair, in enum order.
const std::vector<TransferRow>& transferRows();

// Fires `trigger` at `t`. A handshake trigger reads the stored status (the handshake has just moved,
// so the status AWS reports already follows it); Terminate reads the status AWS reports. A handshake
// trigger without a move is no error: the transfer already ended otherwise.
Status fireTransfer(const World& w, ResponsibilityTransfer& t, TransferTrigger trigger);

}  // namespace hs
