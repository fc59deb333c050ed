// @ts-check
// Guided lessons: lesson files (web/lessons/*.json, listed in web/lessons/index.json; format in docs/lessons.md)
// are loaded when asked for. A lesson starts a fresh world; after every change the current step's check runs
// against the world (checks.mjs) and the step is marked done when it holds. Nothing here looks at clicks.
// The panel's toggle shows or hides the whole panel body (the lesson in progress and the catalog); the
// learner's choice is remembered (localStorage). On a first visit the body is folded, so that the request
// stays near the top, and the panel's head offers the first lesson in one click. A lesson in progress is
// also docked in the top bar's sticky context row (#lesson-dock): its step, DONE for each step done, the
// goal now; so it stays in view wherever the page is scrolled.

import { $, fill, h } from './dom.mjs';
import { LessonError, evaluate, validateIndex, validateLesson } from './checks.mjs';
import { rememberHidden, rememberedHidden } from './lessons-shown.mjs';

/**
 * @typedef {{goal: string, hint: string, success?: string, check: any}} Step
 * @typedef {{id: string, title: string, summary: string, scenario: string, seed?: number, actAs?: string,
 *   operation?: string, setup?: any[], steps: Step[], done?: string}} Lesson
 *   A checked lesson file (checks.mjs validateLesson; format in docs/lessons.md).
 * @typedef {{file: string, lesson?: Lesson, error?: string}} CatalogEntry
 * @typedef {{lesson: Lesson, index: number, done: boolean[], startSeq: number,
 *   feedback: {index: number, text: string} | null, hints: Set<number>}} Run
 */

const AWS_PREFIX = 'AWSOrganizationsV20161128.';
const INDEX_URL = new URL('./lessons/index.json', import.meta.url);

/** @param {URL} url */
async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname.split('/').pop()} could not be loaded (HTTP ${response.status})`);
  const text = await response.text();
  try { return JSON.parse(text); } catch { throw new LessonError(`${url.pathname.split('/').pop()} is not valid JSON`); }
}

/**
 * @param {import('./actions.mjs').PageApi} api
 * @param {import('./embed.mjs').EmbedConfig} config
 */
export function initLessons(api, config) {
  const scenarios = new Set(api.scenarios.map((sc) => sc.id));
  /** @type {Promise<CatalogEntry[]> | null} */
  let catalog = null;        // Promise<[{file, lesson} | {file, error}]>
  /** @type {Run | null} */
  let active = null;         // {lesson, index, done: boolean[], startSeq, feedback, hints: Set<number>}
  let checkToken = 0;

  function loadCatalog() {
    catalog ??= (async () => {
      const index = validateIndex(await fetchJson(INDEX_URL));
      return Promise.all(index.lessons.map(async (/** @type {string} */ file) => {
        try {
          return { file, lesson: validateLesson(await fetchJson(new URL(file, INDEX_URL)), { scenarios }) };
        } catch (/** @type {any} */ err) {
          return { file, error: err.message };
        }
      }));
    })();
    catalog.catch(() => { catalog = null; });
    return catalog;
  }

  // ---- catalog ------------------------------------------------------------------------------------

  async function showCatalog() {
    const status = $('#lesson-catalog-status');
    status.textContent = 'Loading the lessons…';
    let entries;
    try {
      entries = await loadCatalog();
    } catch (/** @type {any} */ err) {
      status.textContent = `The lessons could not be loaded: ${err.message}.`;
      throw err;
    }
    status.textContent = '';
    fill($('#lesson-list'), entries.map((entry) => entry.lesson
      ? h('li', { class: 'lesson-item', dataset: { lesson: entry.lesson.id } },
        h('div', { class: 'lesson-item-text' },
          h('span', { class: 'lesson-item-title' }, entry.lesson.title),
          h('span', { class: 'lesson-item-summary' }, entry.lesson.summary)),
        h('button', {
          type: 'button', class: 'btn small writes', 'aria-label': `Start lesson: ${entry.lesson.title}`,
          onclick: () => { if (!api.state.readonly) api.track(start(/** @type {Lesson} */ (entry.lesson))); },
        }, 'Start'))
      : h('li', { class: 'lesson-item lesson-broken' }, h('span', null, `lessons/${entry.file} has a problem: ${entry.error}`))));
  }

  let catalogShown = false;
  /**
   * Show or hide the lessons (the lesson in progress and the catalog); the toggle says which.
   * @param {boolean} open
   * @param {{remember?: boolean, load?: boolean}} [options]  remember: the learner asked (kept for the next
   *   visit, not in an embed); load: fill the catalog now
   */
  function setLessonsShown(open, { remember = false, load = true } = {}) {
    $('#lessons-body').hidden = !open;
    $('#lessons-toggle').setAttribute('aria-expanded', String(open));
    $('#lessons-toggle').textContent = open ? 'Hide lessons' : 'Show lessons';
    if (remember && !config.embed) rememberHidden(!open);
    renderFirst();
    if (open && load && !catalogShown) {
      catalogShown = true;
      api.track(showCatalog().catch(() => { catalogShown = false; }));
    }
  }

  // ---- running a lesson --------------------------------------------------------------------------

  /** @param {Lesson} lesson */
  function setupCalls(lesson) {
    return (lesson.setup || []).map((/** @type {any} */ c) => (c.operation
      ? { caller: c.caller, target: AWS_PREFIX + c.operation, body: JSON.stringify(c.request || {}) }
      : { caller: null, target: `Simulator.${c.simulator}`, body: JSON.stringify(c.request || {}) }));
  }

  /** @param {Lesson} lesson @param {{focus?: boolean}} [options] */
  async function start(lesson, { focus = true } = {}) {
    /** @type {Run} */
    const run = { lesson, index: 0, done: lesson.steps.map(() => false), startSeq: Infinity, feedback: null, hints: new Set() };
    // The lesson builds its own world: work there was can be brought back with Undo (null: there was none).
    const before = await api.snapshot();
    active = run;
    setLessonsShown(true);
    render();
    run.startSeq = await api.startWith(lesson.scenario, {
      seed: lesson.seed ?? 0, calls: setupCalls(lesson), by: 'lesson', actAs: lesson.actAs || null, operation: lesson.operation || null,
    });
    if (before) api.offerUndo(before, 'Lesson started.', `"${lesson.title}" replaced the session you were working on.`);
    api.announce(`Lesson started: ${lesson.title}. Step 1: ${lesson.steps[0].goal}`);
    render();
    progress('started');
    await checkNow();
    if (focus) {
      const heading = $('#lesson-title');
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  /** @param {string} id */
  async function startById(id) {
    let entries;
    try {
      entries = await loadCatalog();
    } catch (/** @type {any} */ err) {
      api.showNotice(`${err.message}. The default scenario was started instead.`, { title: 'The lessons could not be loaded.' });
      return false;
    }
    const entry = entries.find((e) => e.lesson && e.lesson.id === id) || entries.find((e) => e.file === `${id}.json`);
    if (!entry || !entry.lesson) {
      const why = entry ? `lessons/${entry.file} has a problem: ${entry.error}` : `There is no lesson named ${JSON.stringify(String(id).slice(0, 60))}.`;
      api.showNotice(`${why} The default scenario was started instead.`, { title: 'The lesson could not be started.' });
      return false;
    }
    await start(entry.lesson, { focus: false });
    return true;
  }

  /** @param {string} [reason] */
  function leave(reason) {
    if (!active) return;
    const title = active.lesson.title;
    active = null;
    checkToken++;
    render();
    progress('left');
    if (reason) api.announce(`${reason} The lesson ${title} was left.`);
  }

  /** @param {string} event */
  function progress(event) {
    const info = active
      ? { event, lesson: active.lesson.id, step: Math.min(active.index + 1, active.lesson.steps.length), done: active.done.filter(Boolean).length, total: active.lesson.steps.length, complete: active.index >= active.lesson.steps.length }
      : { event, lesson: null };
    api.emit('lesson', info);
  }

  /** Check the current step (and the next ones while they hold). explicit: the learner asked. */
  async function checkNow({ explicit = false } = {}) {
    if (!active) return;
    const token = ++checkToken;
    const run = active;
    let changed = false;
    while (run.index < run.lesson.steps.length) {
      const step = run.lesson.steps[run.index];
      const context = {
        world: api.state.world,
        calls: api.state.log.filter((e) => e.seq > run.startSeq),
        dryRun: api.dryRun,
      };
      let result;
      try {
        result = await evaluate(step.check, context);
      } catch (/** @type {any} */ err) {
        result = { ok: false, detail: `The check could not run: ${err.message}` };
      }
      if (token !== checkToken || active !== run) return;
      if (!result.ok) {
        if (explicit) {
          run.feedback = { index: run.index, text: `Not yet. ${result.detail}` };
          changed = true;
          api.announce(`Not yet. ${result.detail}`);
        }
        break;
      }
      run.done[run.index] = true;
      run.feedback = null;
      changed = true;
      const number = run.index + 1;
      run.index += 1;
      const next = run.lesson.steps[run.index];
      api.announce(`Step ${number} done. ${step.success || ''} ${next ? `Next: ${next.goal}` : `Lesson complete. ${run.lesson.done || ''}`}`.replace(/\s+/g, ' ').trim());
      progress(next ? 'step' : 'complete');
    }
    if (changed) render();
  }

  // ---- rendering -----------------------------------------------------------------------------------

  /** "Try lesson 1" in the panel's head, while the lessons are folded and none runs. */
  function renderFirst() {
    $('#lesson-first').hidden = Boolean(active) || !$('#lessons-body').hidden;
  }

  /** The lesson in progress, docked in the sticky top bar: which step, DONE for each step done, the goal now. */
  function renderDock() {
    const dock = $('#lesson-dock');
    if (!active) {
      dock.hidden = true;
      dock.replaceChildren();
      return;
    }
    const run = active;
    const total = run.lesson.steps.length;
    const complete = run.index >= total;
    dock.hidden = false;
    fill(dock,
      h('button', {
        type: 'button', class: 'link dock-title', 'aria-label': `Lesson in progress: ${run.lesson.title}. ${complete ? 'Complete' : `Step ${run.index + 1} of ${total}`}. Show the lesson`,
        onclick: () => {
          setLessonsShown(true, { remember: true });
          $('#lessons').scrollIntoView({ block: 'start' });
          const heading = $('#lesson-title');
          heading.tabIndex = -1;
          heading.focus({ preventScroll: true });
        },
      }, complete ? 'Lesson complete' : `Lesson: step ${run.index + 1} of ${total}`),
      h('ol', { class: 'dock-steps', 'aria-label': 'Steps' }, run.lesson.steps.map((step, i) => {
        const state = run.done[i] ? 'done' : i === run.index ? 'current' : 'todo';
        return h('li', { class: `dock-step dock-${state}`, dataset: { state }, title: step.goal },
          h('span', { class: 'dock-number' }, `${i + 1}`),
          state === 'done' ? h('span', { class: 'dock-status' }, ' ✓ DONE') : state === 'current' ? h('span', { class: 'dock-status' }, ' now') : null);
      })),
      h('span', { class: 'dock-goal' }, complete ? run.lesson.title : run.lesson.steps[run.index].goal));
  }

  function render() {
    const panel = $('#lesson-active');
    const focusedId = document.activeElement && panel.contains(document.activeElement) ? document.activeElement.id : null;
    $('#lessons').dataset.active = active ? 'true' : 'false';
    $('#lesson-catalog-heading').hidden = !active;
    renderDock();
    renderFirst();
    if (!active) {
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    const run = active;
    const { lesson } = run;
    const total = lesson.steps.length;
    const complete = run.index >= total;
    $('#lesson-title').textContent = lesson.title;
    $('#lesson-progress').textContent = complete ? `Complete: ${total} of ${total} steps` : `Step ${run.index + 1} of ${total}`;
    $('#lesson-summary').textContent = lesson.summary;
    fill($('#lesson-steps'), lesson.steps.map((step, i) => {
      const state = run.done[i] ? 'done' : i === run.index ? 'current' : 'todo';
      const hintId = `lesson-hint-${i}`;
      const hintOpen = run.hints.has(i);
      const feedback = run.feedback && run.feedback.index === i ? run.feedback.text : '';
      return h('li', { class: `lesson-step step-${state}`, dataset: { state, step: String(i + 1) }, 'aria-current': state === 'current' ? 'step' : null },
        h('span', { class: 'step-marker', 'aria-hidden': 'true' }, state === 'done' ? '✓' : String(i + 1)),
        h('div', { class: 'step-body' },
          h('span', { class: `step-status status-${state}` }, state === 'done' ? 'Done' : state === 'current' ? 'Your goal now' : 'Later'),
          h('p', { class: 'step-goal' }, step.goal),
          state === 'done' && step.success ? h('p', { class: 'step-success' }, step.success) : null,
          state === 'current' ? [
            h('div', { class: 'step-actions' },
              h('button', {
                type: 'button', class: 'btn small', id: `lesson-check-${i}`,
                onclick: () => api.track(checkNow({ explicit: true })),
              }, 'Check my work'),
              h('button', {
                type: 'button', class: 'btn small', id: `lesson-hint-button-${i}`, 'aria-expanded': String(hintOpen), 'aria-controls': hintId,
                onclick: () => {
                  if (run.hints.has(i)) run.hints.delete(i); else run.hints.add(i);
                  render();
                },
              }, hintOpen ? 'Hide hint' : 'Show hint')),
            h('p', { class: 'step-hint', id: hintId, hidden: !hintOpen }, h('span', { class: 'step-hint-label' }, 'Hint: '), step.hint),
            h('p', { class: 'step-feedback', dataset: { shown: feedback ? 'true' : 'false' } }, feedback),
          ] : null));
    }));
    const doneEl = $('#lesson-done');
    doneEl.hidden = !complete;
    fill(doneEl, complete ? [h('strong', null, 'Lesson complete. '), lesson.done || ''] : null);
    $('#lesson-next').hidden = !complete;
    if (focusedId) {
      // Keep the keyboard where it was; if that button went away (its step is done), move to the next step's.
      const again = document.getElementById(focusedId);
      const next = again && panel.contains(again) ? again : /** @type {HTMLElement | null} */ (panel.querySelector('.step-current .step-actions button')) || (complete ? $('#lesson-next') : null);
      if (next) next.focus();
    }
  }

  async function nextLesson() {
    const entries = await loadCatalog();
    const lessons = entries.filter((e) => e.lesson).map((e) => e.lesson);
    const current = active;
    const at = current ? lessons.findIndex((l) => l && l.id === current.lesson.id) : -1;
    const next = lessons[at + 1];
    if (next) await start(next);
    else api.announce('That was the last lesson.');
  }

  // ---- wiring ----------------------------------------------------------------------------------------

  $('#lessons-toggle').addEventListener('click', () => setLessonsShown($('#lessons-body').hidden, { remember: true }));
  $('#lesson-first').addEventListener('click', () => {
    if (api.state.readonly) return;
    api.track((async () => {
      const entries = await loadCatalog();
      const first = entries.find((e) => e.lesson);
      if (first && first.lesson) await start(first.lesson);
    })());
  });
  // Folded on a first visit (the head offers lesson 1), then as the learner left them; an embed shows its
  // lesson whatever was chosen here, and loads the catalog only for a lesson.
  setLessonsShown(config.embed || rememberedHidden() === false, { load: !config.embed || Boolean(config.lesson) });
  $('#lesson-restart').addEventListener('click', () => { if (active && !api.state.readonly) api.track(start(active.lesson)); });
  $('#lesson-leave').addEventListener('click', () => { leave('You left the lesson.'); $('#lessons-toggle').focus(); });
  $('#lesson-next').addEventListener('click', () => api.track(nextLesson()));

  api.on('change', ({ reason, by }) => {
    if (!active || by === 'lesson') return;
    if (reason === 'scenario' || reason === 'replay' || reason === 'undo') {
      leave('A new world was loaded.');
      return;
    }
    api.track(checkNow());
  });

  return {
    startById,
    start,
    current: () => (active ? { lesson: active.lesson.id, index: active.index, done: [...active.done] } : null),
  };
}
