// --post-js of handshake-engine.mjs: handle() receives only well-formed strings.
//
// Embind hands a JS string to C++ through stringToUTF8, which in this Emscripten version pairs a lone
// surrogate with whatever code unit follows it: '{"Name":"A\ud800x"}' would reach the engine as "A\u{10078}"
// and be accepted. A string with a lone surrogate has no UTF-8 form, so it must be refused, never
// rewritten. The wrapper is installed after Embind registered handle() and before the factory's promise
// resolves to the caller (postRun runs in the same turn as the resolution; awaiting code runs after it).
//   - body: replaced by a raw NUL, which the engine refuses exactly as any body that is not valid JSON
//     (after its caller and target checks, in their usual order);
//   - caller, target: lone surrogates become U+FFFD: no account id or operation name contains either, so
//     the engine answers as for any unknown caller or target, and its messages show U+FFFD where the
//     unrepresentable code unit was.
addOnPostRun(function () {
  var handle = Module['handle'];
  var loneSurrogate = /\p{Cs}/u;  // in a u-mode pattern a surrogate pair is one code point, never Cs
  var replaceLone = /\p{Cs}/gu;
  var wellFormed = function (text) {
    return typeof text !== 'string' || !loneSurrogate.test(text);
  };
  Module['handle'] = function (caller, target, body) {
    if (wellFormed(caller) && wellFormed(target) && wellFormed(body)) return handle(caller, target, body);
    return handle(
      wellFormed(caller) ? caller : caller.replace(replaceLone, '\ufffd'),
      wellFormed(target) ? target : target.replace(replaceLone, '\ufffd'),
      wellFormed(body) ? body : '\u0000');
  };
});
