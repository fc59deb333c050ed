// Share links and session files: "Copy link", "Export JSON", "Import JSON…", and opening a link's fragment.
// Formats and checks: session.mjs. A link or file that fails a check shows why and runs nothing.

import { $ } from './dom.mjs';
import {
  LIMITS, SessionError, decodeLink, encodeLink, isSessionFragment, parseSessionFile, toSessionFile,
} from './session.mjs';

const FILE_NAME = 'handshake-session.json';

/** The page's address without query or fragment: a share link always opens the full playground. */
function baseUrl() {
  return `${window.location.origin}${window.location.pathname}`;
}

function clearFragment() {
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
}

export function initShare(api, config) {
  const scenarios = new Set(api.scenarios.map((sc) => sc.id));

  async function linkForSession() {
    const session = await api.currentSession();
    const fragment = await encodeLink(session);
    return { url: `${baseUrl()}#${fragment}`, session };
  }

  function reportProblem(err, what) {
    const message = err instanceof SessionError ? err.message : `Something went wrong while reading it (${err && err.message ? err.message : err}).`;
    api.showNotice(`${message} The default scenario was started instead.`, { title: `${what} could not be opened.` });
  }

  async function replay(session, what) {
    const report = await api.replay(session);
    const problems = [];
    if (report.differences.length) {
      const d = report.differences[0];
      problems.push(`${report.differences.length} call(s) answered differently than when the session was recorded (first: call ${d.index}, ${d.expected} then, ${d.got} now).`);
    }
    if (!report.clockMatches) problems.push('The clock differs from the recorded one.');
    if (!report.worldMatches) problems.push('The world differs from the recorded one.');
    if (problems.length) {
      api.showNotice(`${problems.join(' ')} The session was probably recorded with another version of the engine.`, { kind: 'warning', title: `${what} was replayed, with differences.` });
    } else {
      api.hideNotice();
    }
    api.announce(`${what} replayed: ${report.calls} call${report.calls === 1 ? '' : 's'}${problems.length ? ', with differences' : ', same world'}.`);
    $('#main').dataset.replayed = problems.length ? 'different' : 'same';
    return report;
  }

  /** Open the session in the address's fragment, if any. Returns true when a session was replayed. */
  async function openFromLocation() {
    const fragment = window.location.hash.slice(1);
    if (fragment === '') return false;
    if (!isSessionFragment(fragment)) {
      // An in-page anchor (the skip link) is fine; anything else is a link this page does not understand.
      let isAnchor = false;
      try { isAnchor = /^[A-Za-z][\w-]*$/.test(fragment) && document.getElementById(fragment) !== null; } catch { isAnchor = false; }
      if (isAnchor) return false;
      clearFragment();
      api.showNotice('Its fragment (the part after #) is not a playground session. The default scenario was started instead.', { title: 'This link could not be opened.' });
      return false;
    }
    let session;
    try {
      session = await decodeLink(fragment, { scenarios });
    } catch (err) {
      clearFragment();
      reportProblem(err, 'This link');
      return false;
    }
    await replay(session, 'The shared session');
    return true;
  }

  async function copyLink() {
    const { url, session } = await linkForSession();
    const output = $('#share-output');
    const input = $('#share-link');
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

  async function importFile(file) {
    if (!file) return;
    let session;
    try {
      if (file.size > LIMITS.file) throw new SessionError(`The file is larger than ${LIMITS.file.toLocaleString('en-US')} bytes; it is not a session this page opens.`);
      session = parseSessionFile(await file.text(), { scenarios });
    } catch (err) {
      const message = err instanceof SessionError ? err.message : `It could not be read (${err && err.message ? err.message : err}).`;
      api.showNotice(`${message} Nothing was changed.`, { title: 'This file could not be imported.' });
      return;
    }
    clearFragment();
    await replay(session, 'The imported session');
  }

  $('#copy-link').addEventListener('click', () => api.track(copyLink()));
  $('#export-session').addEventListener('click', () => api.track(exportFile()));
  $('#import-session').addEventListener('click', () => {
    if (api.state.readonly) return;
    const input = $('#import-file');
    input.value = '';
    input.click();
  });
  $('#import-file').addEventListener('change', (e) => api.track(importFile(e.target.files && e.target.files[0])));
  $('#open-full').addEventListener('click', () => api.track((async () => {
    const { url } = await linkForSession();
    window.open(url, '_blank', 'noopener');
  })()));

  // A link pasted into the address bar of an open page changes only the fragment.
  window.addEventListener('hashchange', () => {
    if (isSessionFragment(window.location.hash.slice(1)) && !config.readonly) {
      api.track((async () => {
        if (!(await openFromLocation())) await api.loadScenario('docs', { seed: 0 });
      })());
    }
  });

  return { openFromLocation, copyLink, linkForSession };
}
