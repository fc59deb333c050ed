// @ts-check
// Share links and session files: "Copy link", "Export JSON", "Import JSON…", and opening a link's fragment.
// Formats and checks: session.mjs. A link or file that fails a check shows why and runs nothing.
//
// A session that passes those checks is first replayed on a scratch engine (a worker of its own, see
// checkOnScratch): if the engine refuses one of its Simulator controls, or the world it reaches is not sound
// (a clock the page cannot show, two handshakes with one id, a world the engine cannot export), the session
// is refused with the reason and the page's world is never touched.

import { $, $input } from './dom.mjs';
import { EngineClient } from './engine-client.mjs';
import { engineModule } from './engine-boot.mjs';
import { buildScenario } from './scenarios.mjs';
import { PREBUILT_WORLDS } from './start-world.mjs';
import {
  LIMITS, SessionError, decodeLink, encodeLink, isSessionFragment, isValidClock, parseSessionFile, toSessionFile,
} from './session.mjs';

/**
 * @typedef {import('./session.mjs').Session} Session
 * @typedef {import('./actions.mjs').PageApi} PageApi
 * @typedef {import('./embed.mjs').EmbedConfig} EmbedConfig
 */

const FILE_NAME = 'handshake-session.json';
const DEFAULT_INSTEAD = 'The default scenario was started instead.';

/** The page's address without query or fragment: a share link always opens the full playground. */
function baseUrl() {
  return `${window.location.origin}${window.location.pathname}`;
}

function clearFragment() {
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
}

/** @param {string} text @returns {any} */
function parseBody(text) {
  try { return JSON.parse(text); } catch { return null; }
}

/** @param {string} body */
function errorText(body) {
  const p = parseBody(body) || {};
  const type = typeof p.__type === 'string' ? p.__type.slice(0, 80) : 'an error';
  const message = typeof p.Message === 'string' && p.Message ? `: ${p.Message.slice(0, 200)}` : '';
  return `${type}${message}`;
}

/**
 * Replay a checked session on a scratch engine and check what it reaches. Throws a SessionError (code
 * 'refused') saying why the engine refused it; the page's own engine is not used.
 * @param {Session} session
 * @param {import('./scenarios.mjs').Scenario[]} scenarios
 */
export async function checkOnScratch(session, scenarios) {
  const scenario = scenarios.find((sc) => sc.id === session.scenario);
  if (!scenario) throw new SessionError('The session starts from a scenario this page does not have.', 'refused');
  /** @type {EngineClient | undefined} */
  let scratch;
  try {
    scratch = new EngineClient(undefined, { module: engineModule });
    await scratch.ready;
  } catch (/** @type {any} */ err) {
    scratch?.worker?.terminate();
    throw new SessionError(`It could not be checked before replaying it (${err && err.message ? err.message : err}).`, 'refused');
  }
  const engine = /** @type {EngineClient} */ (scratch);
  try {
    // The scenario's world: prebuilt (one call, as the page loads it), else built step by step.
    const prebuilt = PREBUILT_WORLDS.find((w) => w.scenario === scenario.id && w.seed === session.seed);
    const imported = prebuilt ? await engine.call('', 'Simulator.ImportWorld', prebuilt.snapshot) : null;
    if (!imported || imported.status !== 200) await buildScenario(async (control, request) => {
      const r = await engine.call('', `Simulator.${control}`, JSON.stringify(request));
      if (r.status !== 200) throw new SessionError(`The engine could not build the scenario "${scenario.id}" with seed ${session.seed} (${errorText(r.body)}).`, 'refused');
    }, scenario, { seed: session.seed });
    for (const [i, call] of session.calls.entries()) {
      const r = await engine.call(call.caller ?? '', call.target, call.body);
      // A Simulator control builds the world: if the engine refuses one the session did not record as refused,
      // the world it describes cannot be reached.
      if (call.target.startsWith('Simulator.') && r.status !== 200 && r.status !== call.status) {
        throw new SessionError(`The engine refused call ${i + 1} (${call.target.slice(0, 60)}) with HTTP ${r.status} ${errorText(r.body)}.`, 'refused');
      }
    }
    const described = await engine.call('', 'Simulator.DescribeWorld', '{}');
    const world = described.status === 200 ? parseBody(described.body) : null;
    if (!world || typeof world !== 'object') throw new SessionError(`The engine cannot describe the world it reaches (${errorText(described.body)}).`, 'refused');
    if (!isValidClock(world.Now)) throw new SessionError('The world it reaches has a clock outside the range the playground shows (1970 to 9999).', 'refused');
    const ids = (Array.isArray(world.Handshakes) ? world.Handshakes : []).map((/** @type {any} */ hs) => hs && hs.Id);
    const twice = ids.find((/** @type {unknown} */ id, /** @type {number} */ i) => ids.indexOf(id) !== i);
    if (twice !== undefined) throw new SessionError(`The world it reaches has two handshakes with the id ${JSON.stringify(String(twice).slice(0, 80))}.`, 'refused');
    const exported = await engine.call('', 'Simulator.ExportWorld', '{}');
    if (exported.status !== 200) throw new SessionError(`The engine cannot export the world it reaches (${errorText(exported.body)}).`, 'refused');
  } catch (/** @type {any} */ err) {
    if (err instanceof SessionError) throw err;
    throw new SessionError(`Replaying it failed (${err && err.message ? err.message : err}).`, 'refused');
  } finally {
    engine.worker.terminate();
  }
}

/**
 * @param {PageApi} api
 * @param {EmbedConfig} config
 * @param {{current?: () => string}} [options]  current: the fragment of the session the page shows (persist.mjs)
 */
export function initShare(api, config, { current = () => '' } = {}) {
  const scenarios = new Set(api.scenarios.map((sc) => sc.id));

  async function linkForSession() {
    const session = await api.currentSession();
    const fragment = await encodeLink(session);
    return { url: `${baseUrl()}#${fragment}`, session };
  }

  /** @param {any} err */
  function problemText(err) {
    return err instanceof SessionError ? err.message : `Something went wrong while reading it (${err && err.message ? err.message : err}).`;
  }

  /** @param {any} err @param {string} what @param {{keepWorld?: boolean, instead?: string}} [options] */
  function reportProblem(err, what, { keepWorld = false, instead = DEFAULT_INSTEAD } = {}) {
    const outcome = keepWorld ? 'Nothing was replayed: your world was not changed.' : instead;
    api.showNotice(`${problemText(err)} ${outcome}`, { title: `${what} could not be opened.` });
  }

  /** @param {Session} session @param {string} what */
  async function replay(session, what) {
    /** @type {Awaited<ReturnType<PageApi['replay']>> & {problems?: boolean}} */
    const report = await api.replay(session);
    const problems = [];
    if (report.differences.length) {
      const d = report.differences[0];
      problems.push(`${report.differences.length} call(s) answered differently than when the session was recorded (first: call ${d.index}, ${d.expected} then, ${d.got} now).`);
    }
    if (!report.clockMatches) problems.push('The clock differs from the recorded one.');
    if (!report.worldMatches) problems.push('The world differs from the recorded one.');
    report.problems = problems.length > 0;
    if (problems.length) {
      api.showNotice(`${problems.join(' ')} The session was probably recorded with another version of the engine.`, { kind: 'warning', title: `${what} was replayed, with differences.` });
    } else {
      api.hideNotice();
    }
    api.announce(`${what} replayed: ${report.calls} call${report.calls === 1 ? '' : 's'}${problems.length ? ', with differences' : ', same world'}.`);
    $('#main').dataset.replayed = problems.length ? 'different' : 'same';
    return report;
  }

  /**
   * Open the session in the address's fragment, if any. Returns true when a session was replayed.
   * keepWorld: the page already shows a world (a link pasted into an open page, Back to an earlier session):
   * a refused link keeps it, and work the link replaces can be brought back with Undo.
   * instead: what the page does when the link is refused at the start (said in the notice).
   * @param {{keepWorld?: boolean, instead?: string}} [options]
   */
  async function openFromLocation({ keepWorld = false, instead = DEFAULT_INSTEAD } = {}) {
    const fragment = window.location.hash.slice(1);
    if (fragment === '') return false;
    if (!isSessionFragment(fragment)) {
      // An in-page anchor (the skip link) is fine; anything else is a link this page does not understand.
      let isAnchor = false;
      try { isAnchor = /^[A-Za-z][\w-]*$/.test(fragment) && document.getElementById(fragment) !== null; } catch { isAnchor = false; }
      if (isAnchor) return false;
      clearFragment();
      reportProblem(new SessionError('Its fragment (the part after #) is not a playground session.'), 'This link', { keepWorld, instead });
      return false;
    }
    let session;
    try {
      session = await decodeLink(fragment, { scenarios });
      await checkOnScratch(session, api.scenarios);
    } catch (err) {
      // Removed from the address bar too, so that a reload does not meet the same link again.
      clearFragment();
      reportProblem(err, 'This link', { keepWorld, instead });
      return false;
    }
    const before = keepWorld ? await api.snapshot() : null;
    const report = await replay(session, 'The shared session');
    if (before && !report.problems) api.offerUndo(before, 'The shared session was opened.', 'It replaced the session you were working on.');
    return true;
  }

  /**
   * Restore the session a reload or a new visit finds in localStorage (persist.mjs), with the same checks as
   * a link. Returns null when it was replayed, else why not (a sentence).
   * @param {string} fragment
   * @returns {Promise<string | null>}
   */
  async function openStored(fragment) {
    let session;
    try {
      session = await decodeLink(fragment, { scenarios });
      await checkOnScratch(session, api.scenarios);
    } catch (err) {
      return problemText(err);
    }
    const report = await api.replay(session);
    if (report.differences.length || !report.clockMatches || !report.worldMatches) {
      api.showNotice('It answered differently when replayed: it was probably saved by another version of the engine.', { kind: 'warning', title: 'Your last session was restored, with differences.' });
    }
    api.announce(`Your last session was restored: ${report.calls} call${report.calls === 1 ? '' : 's'}.`);
    return null;
  }

  async function copyLink() {
    const { url, session } = await linkForSession();
    const output = $('#share-output');
    const input = $input('#share-link');
    output.hidden = false;
    input.value = url;
    const calls = session.calls.length;
    $('#share-info').textContent = `${url.length.toLocaleString('en-US')} characters; ${calls} call${calls === 1 ? '' : 's'} after the scenario "${session.scenario}", seed ${session.seed}.`;
    try {
      await navigator.clipboard.writeText(url);
      api.announce('Link copied to the clipboard.');
    } catch {
      input.focus();
      input.select();
      api.announce('Could not use the clipboard; the link is selected in the field below the buttons: copy it from there.');
    }
    return url;
  }

  async function exportFile() {
    const session = await api.currentSession();
    const text = `${JSON.stringify(toSessionFile(session), null, 2)}\n`;
    const blob = new Blob([text], { type: 'application/json' });
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = FILE_NAME;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10000);
    api.announce(`Session exported as ${FILE_NAME}.`);
  }

  /** @param {File | null | undefined} file */
  async function importFile(file) {
    if (!file) return;
    let session;
    try {
      if (file.size > LIMITS.file) throw new SessionError(`The file is larger than ${LIMITS.file.toLocaleString('en-US')} bytes; it is not a session this page opens.`);
      session = parseSessionFile(await file.text(), { scenarios });
      await checkOnScratch(session, api.scenarios);
    } catch (/** @type {any} */ err) {
      const message = err instanceof SessionError ? err.message : `It could not be read (${err && err.message ? err.message : err}).`;
      api.showNotice(`${message} Nothing was changed.`, { title: 'This file could not be imported.' });
      return;
    }
    clearFragment();
    const before = await api.snapshot();
    const report = await replay(session, 'The imported session');
    if (before && !report.problems) api.offerUndo(before, 'The imported session was opened.', 'It replaced the session you were working on.');
  }

  $('#copy-link').addEventListener('click', () => api.track(copyLink()));
  $('#export-session').addEventListener('click', () => api.track(exportFile()));
  $('#import-session').addEventListener('click', () => {
    if (api.state.readonly) return;
    const input = $input('#import-file');
    input.value = '';
    input.click();
  });
  const fileInput = $input('#import-file');
  fileInput.addEventListener('change', () => api.track(importFile(fileInput.files && fileInput.files[0])));
  $('#open-full').addEventListener('click', () => api.track((async () => {
    const { url } = await linkForSession();
    window.open(url, '_blank', 'noopener');
  })()));

  // A link pasted into the address bar of an open page changes only the fragment.
  // Back or Forward to an entry of this very session (the skip link's #composer came between) opens nothing.
  window.addEventListener('hashchange', () => {
    const fragment = window.location.hash.slice(1);
    if (isSessionFragment(fragment) && fragment !== current() && !config.readonly) {
      api.track(openFromLocation({ keepWorld: true }));
    }
  });

  return { openFromLocation, openStored, copyLink, linkForSession };
}
