// Two builds of the site against each other, cold loads interleaved (A, B, A, B...) in one browser so that both
// meet the same machine: for each, the medians of the page's `playground-ready` mark, of the first frame painted
// after it (a message posted from that frame's animation callback, so it runs once the frame is drawn), and of
// first-contentful-paint. For a change to the page or its start, before and after:
//
//   node bench/start_ab.mjs DIR_A DIR_B [--runs N] [--cpu 4]
//
// DIR_A and DIR_B are built sites (build/site, or copies of one). scripts/bench-page measures one site against
// the targets; this tells whether a change moved the start at all, on a machine whose loads vary more than that.
import { interleavedStarts, printStarts } from './start_loads.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const sites = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--'))).slice(0, 2);
if (sites.length !== 2) {
  console.error('usage: node bench/start_ab.mjs DIR_A DIR_B [--runs N] [--cpu 4]');
  process.exit(2);
}
printStarts(sites, await interleavedStarts(sites, { runs: option('--runs', 10), cpu: option('--cpu', 1) }));
process.exit(0);
