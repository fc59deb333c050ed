"""The AWS error messages the Python tests expect, word for word (the engine's wording of real AWS answers:
docs/fidelity.md and tests/data/aws-capture-handshakes.json)."""

ACCESS_DENIED = "You don't have permissions to access this resource."
NOT_FOUND = "You specified a handshake that doesn't exist."
DUPLICATE = "A handshake with the specified type and parameters already exists for the given parties."
ALREADY_IN_STATE = "The handshake is already in the requested state."
INVALID_TRANSITION = (
    "You cannot perform this operation on a handshake in its current state, such as attempting to cancel a "
    "handshake that was previously accepted or attempting to accept a handshake that was declined."
)
INVALID_PATTERN = "You provided a value that does not match the required pattern."
UNRECOGNIZED = "The security token included in the request is invalid."
