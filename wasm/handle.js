// --post-js of handshake-engine.mjs: Module.handle(caller, target, body) -> {status, body}, on the C
// entry points of wasm/bindings.cpp (hs_scratch, hs_handle). Runs inside the module factory; the
// factory's promise resolves once the wasm instance is ready, so handle() is never called before.
//
// Strings reach the engine as UTF-8 written by TextEncoder.encodeInto straight into wasm memory (the
// three in one call when they are ASCII, else one call each). A string with a lone surrogate has no UTF-8 form, so it is never passed on as it stands:
//   - body: replaced by a raw NUL, which the engine refuses exactly as any body that is not valid JSON
//     (after its caller and target checks, in their usual order); it must be refused, never rewritten;
//   - caller, target: encodeInto writes U+FFFD for the lone unit: no account id or operation name
//     contains it, so the engine answers as for any unknown caller or target, and its messages show
//     U+FFFD where the unrepresentable code unit was.
// Arguments that are not strings, or a count other than three, throw a TypeError (as Embind's
// std::string conversion did, with its messages).
(function () {
  var encoder = new TextEncoder();
  var decoder = new TextDecoder();
  var loneSurrogate = /\p{Cs}/u;  // in a u-mode pattern a surrogate pair is one code point, never Cs
  var keepScratchBytes = 1 << 20;  // a larger scratch buffer is released after its call
  var scratch = 0, capacity = 0;

  // Room for `bytes` bytes of arguments; false when the memory cannot grow that far.
  function reserve(bytes) {
    if (bytes <= capacity) return true;
    scratch = _hs_scratch(bytes);
    capacity = scratch ? bytes : 0;
    return capacity > 0;
  }

  // The UTF-8 lengths of the three strings written back to back into the scratch buffer, or null when
  // they do not fit in it. The usual request is ASCII, one byte per UTF-16 unit: the three go in as one
  // string, one encodeInto; when some unit took more than a byte, they are written again one by one.
  function encode(caller, target, body) {
    var end = scratch + capacity, units = caller.length + target.length + body.length;
    var done = encoder.encodeInto(caller + target + body, HEAPU8.subarray(scratch, end));
    // Every unit read and one byte each: all ASCII, so no lone surrogate either.
    if (done.read === units && done.written === units) return [caller.length, target.length, body.length];
    var strings = [caller, target, loneSurrogate.test(body) ? '\u0000' : body];
    var lengths = [0, 0, 0], at = scratch;
    for (var i = 0; i < 3; i++) {
      done = encoder.encodeInto(strings[i], HEAPU8.subarray(at, end));
      if (done.read < strings[i].length) return null;
      lengths[i] = done.written;
      at += done.written;
    }
    return lengths;
  }

  function reply(address) {
    var at = address >>> 2;
    var status = HEAP32[at], start = HEAPU32[at + 1], length = HEAPU32[at + 2];
    return { status: status, body: decoder.decode(HEAPU8.subarray(start, start + length)) };
  }

  Module['handle'] = function (caller, target, body) {
    if (arguments.length !== 3) {
      throw new TypeError('function handle called with ' + arguments.length + ' arguments, expected 3 args!');
    }
    if (typeof caller !== 'string' || typeof target !== 'string' || typeof body !== 'string') {
      throw new TypeError('Cannot pass non-string to std::string');
    }
    var units = caller.length + target.length + body.length;
    // Most requests are ASCII: one byte per UTF-16 unit; at most three bytes per unit otherwise.
    var lengths = reserve(Math.max(units, 256)) ? encode(caller, target, body) : null;
    if (!lengths) lengths = reserve(3 * units) ? encode(caller, target, body) : null;
    if (!lengths) return reply(_hs_out_of_memory());
    var result = reply(_hs_handle(lengths[0], lengths[1], lengths[2]));
    if (capacity > keepScratchBytes) {
      _hs_scratch_release();
      scratch = capacity = 0;
    }
    return result;
  };
})();
