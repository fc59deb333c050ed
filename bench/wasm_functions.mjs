// What the engine's wasm code is made of: the code section's function bodies by name (the module must carry
// a name section: scripts/size --functions links one with --profiling-funcs), grouped, then the largest.
//
//   node bench/wasm_functions.mjs FILE.wasm [top]
import fs from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/wasm_functions.mjs FILE.wasm [top]');
  process.exit(2);
}
const bytes = fs.readFileSync(file);
let at = 8; // after the magic number and the version
const uleb = () => {
  let result = 0, shift = 0, byte;
  do { byte = bytes[at++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return result;
};
const skipLimits = () => { const flags = uleb(); uleb(); if (flags & 1) uleb(); };

let imported = 0;
const bodies = []; // code-section sizes, by defined function
const names = new Map(); // function index -> name
const sections = new Map(); // section id -> bytes
while (at < bytes.length) {
  const id = bytes[at++];
  const size = uleb();
  const end = at + size;
  sections.set(id, (sections.get(id) ?? 0) + size);
  if (id === 2) { // imports: functions among them come first in the index space
    for (let n = uleb(); n > 0; n--) {
      for (let part = 0; part < 2; part++) { const length = uleb(); at += length; } // module, field
      const kind = bytes[at++];
      if (kind === 0) { uleb(); imported++; } else if (kind === 1) { at++; skipLimits(); } else if (kind === 2) skipLimits(); else if (kind === 3) at += 2; else if (kind === 4) { at++; uleb(); }
    }
  } else if (id === 10) {
    for (let n = uleb(); n > 0; n--) { const length = uleb(); bodies.push(length); at += length; }
  } else if (id === 0) {
    const nameLength = uleb();
    const name = bytes.subarray(at, at + nameLength).toString(); at += nameLength;
    while (name === 'name' && at < end) {
      const sub = bytes[at++]; const subSize = uleb(); const subEnd = at + subSize;
      if (sub === 1) for (let n = uleb(); n > 0; n--) { const index = uleb(); const l = uleb(); names.set(index, bytes.subarray(at, at + l).toString()); at += l; }
      at = subEnd;
    }
  }
  at = end;
}
if (names.size === 0) {
  console.error(`${file} has no function names: link it with --profiling-funcs (scripts/size --functions does)`);
  process.exit(1);
}

const functions = bodies.map((size, i) => ({ size, name: names.get(imported + i) ?? `function ${imported + i}` }));
const group = (name) => (/\bhs::Json\b/.test(name) ? 'engine: takes or builds a hs::Json'
  : /^hs::/.test(name) ? 'engine: the rest' : /std::/.test(name) ? 'C++ standard library' : 'C library, runtime, other');
const groups = new Map();
for (const f of functions) {
  const g = groups.get(group(f.name)) ?? { bytes: 0, count: 0 };
  g.bytes += f.size; g.count++;
  groups.set(group(f.name), g);
}
const total = functions.reduce((sum, f) => sum + f.size, 0);
console.log(`${file}: code section ${sections.get(10)} B (${functions.length} functions), data section ${sections.get(11) ?? 0} B`);
console.log('| part | bytes of code | functions |\n|---|---:|---:|');
for (const [name, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) console.log(`| ${name} | ${g.bytes.toLocaleString('en-US')} | ${g.count} |`);
console.log(`| all | ${total.toLocaleString('en-US')} | ${functions.length} |\n`);
console.log('| largest functions | bytes |\n|---|---:|');
const short = (name) => name.replace(/std::__2::basic_string<char, std::__2::char_traits<char>, std::__2::allocator<char> >/g, 'std::string').slice(0, 110);
for (const f of [...functions].sort((a, b) => b.size - a.size).slice(0, Number(topArg ?? 15))) console.log(`| \`${short(f.name)}\` | ${f.size.toLocaleString('en-US')} |`);
