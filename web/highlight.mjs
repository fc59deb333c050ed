// @ts-check
// Syntax highlighting without HTML parsing: text is cut into tokens and each token becomes a
// <span class="tok-TYPE"> whose textContent is the token text. Also a JSON re-indenter that keeps
// every token exactly as it was sent (numbers are never re-printed).

/**
 * @typedef {{type: string, text: string}} Token
 * @type {Record<string, [string, RegExp][]>}
 */
const RULES = {
  json: [
    ['string', /"(?:[^"\\]|\\.)*"?/y],
    ['number', /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y],
    ['literal', /\b(?:true|false|null)\b/y],
    ['punct', /[{}[\]:,]/y],
    ['space', /\s+/y],
  ],
  python: [
    ['comment', /#[^\n]*/y],
    ['string', /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/y],
    ['number', /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y],
    ['literal', /\b(?:True|False|None)\b/y],
    ['keyword', /\b(?:import|from|as|print|try|except|raise)\b/y],
    ['fn', /\b[A-Za-z_][\w.]*(?=\()/y],
    ['name', /[A-Za-z_][\w.]*/y],
    ['punct', /[{}[\]():,=.]/y],
    ['space', /\s+/y],
  ],
  shell: [
    ['comment', /(?:^|(?<=\s))#[^\n]*/y],
    ['string', /'[^']*'|"(?:[^"\\]|\\.)*"/y],
    ['option', /--?[A-Za-z][\w-]*/y],
    ['name', /[^\s'"]+/y],
    ['space', /\s+/y],
  ],
  http: [
    ['keyword', /^(?:POST|GET|PUT|DELETE) /my],
    ['key', /^[A-Za-z][\w-]*(?=:)/my],
    ['name', /[^\n]+/y],
    ['space', /\s+/y],
  ],
  javascript: [
    ['comment', /\/\/[^\n]*|\/\*[\s\S]*?\*\//y],
    ['string', /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/y],
    ['number', /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y],
    ['keyword', /\b(?:import|from|const|let|new|await|async|try|catch|console|return)\b/y],
    ['literal', /\b(?:true|false|null|undefined)\b/y],
    ['fn', /\b[A-Za-z_$][\w$]*(?=\()/y],
    ['name', /[A-Za-z_$][\w$]*/y],
    ['punct', /[{}[\]():;,=.]/y],
    ['space', /\s+/y],
  ],
};

/**
 * Cut text into [{type, text}] with the rules of a language; unknown characters become 'plain'.
 * @param {string} text
 * @param {string} language
 * @returns {Token[]}
 */
export function tokenize(text, language) {
  const rules = RULES[language];
  const tokens = [];
  let pos = 0;
  if (!rules) return [{ type: 'plain', text }];
  while (pos < text.length) {
    let matched = false;
    for (const [type, re] of rules) {
      re.lastIndex = pos;
      const m = re.exec(text);
      if (m && m[0].length > 0) {
        tokens.push({ type, text: m[0] });
        pos += m[0].length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      const last = tokens[tokens.length - 1];
      if (last && last.type === 'plain') last.text += text[pos];
      else tokens.push({ type: 'plain', text: text[pos] });
      pos += 1;
    }
  }
  if (language === 'json') markKeys(tokens);
  return tokens;
}

/** @param {Token[]} tokens */
function markKeys(tokens) {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'string') continue;
    let j = i + 1;
    while (j < tokens.length && tokens[j].type === 'space') j++;
    if (j < tokens.length && tokens[j].text === ':') tokens[i].type = 'key';
  }
}

/**
 * Re-indent a JSON text, keeping each token's text. Returns null when text is not valid JSON.
 * @param {string} text
 * @param {number} [indent]
 */
export function prettyJson(text, indent = 2) {
  try { JSON.parse(text); } catch { return null; }
  const tokens = tokenize(text, 'json').filter((t) => t.type !== 'space');
  let out = '';
  let depth = 0;
  const pad = (/** @type {number} */ n) => ' '.repeat(n * indent);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].text;
    const next = tokens[i + 1];
    if (t === '{' || t === '[') {
      const closer = t === '{' ? '}' : ']';
      if (next && next.text === closer) { out += t + closer; i++; continue; }
      depth++;
      out += `${t}\n${pad(depth)}`;
    } else if (t === '}' || t === ']') {
      depth--;
      out += `\n${pad(depth)}${t}`;
    } else if (t === ',') {
      out += `,\n${pad(depth)}`;
    } else if (t === ':') {
      out += ': ';
    } else {
      out += t;
    }
  }
  return out;
}

/**
 * What each element was last filled with, and its first and last child then: the same text again is not
 * tokenized and drawn again while those children are still the element's (a caller that emptied or
 * refilled the element in between gets a fresh drawing).
 * @type {WeakMap<HTMLElement, {text: string, language: string, first: ChildNode | null, last: ChildNode | null}>}
 */
const drawn = new WeakMap();

/**
 * Highlighted at most: the first HIGHLIGHT_LIMIT characters of a text (cut at the end of a line), the rest one
 * plain text node. A world of 1,000 handshakes, imported, is echoed as 1.4 million characters of JSON: as one
 * span per token it took over a second to draw, and about 100 ms to take away when the next answer replaced it.
 */
export const HIGHLIGHT_LIMIT = 20000;

/**
 * The text cut where highlighting stops: [highlighted, plain]; the plain part is empty for a short text.
 * @param {string} text
 * @returns {[string, string]}
 */
function cutForHighlight(text) {
  if (text.length <= HIGHLIGHT_LIMIT) return [text, ''];
  const line = text.lastIndexOf('\n', HIGHLIGHT_LIMIT);
  const at = line > 0 ? line + 1 : HIGHLIGHT_LIMIT;
  return [text.slice(0, at), text.slice(at)];
}

/**
 * Fill a <code> element with highlighted text (its textContent is the text, whatever its length). Drawing the
 * text it already shows does nothing.
 * @param {HTMLElement} codeEl
 * @param {string} text
 * @param {string} language
 */
export function renderCode(codeEl, text, language) {
  const last = drawn.get(codeEl);
  if (last && last.text === text && last.language === language && last.first === codeEl.firstChild && last.last === codeEl.lastChild) return;
  const [highlighted, plain] = cutForHighlight(text);
  let tokens;
  if (language === 'http') {
    const split = highlighted.indexOf('\n\n');
    const head = split >= 0 ? highlighted.slice(0, split + 2) : highlighted;
    const body = split >= 0 ? highlighted.slice(split + 2) : '';
    tokens = [...tokenize(head, 'http'), ...tokenize(body, 'json')];
  } else {
    tokens = tokenize(highlighted, language);
  }
  if (plain) tokens.push({ type: 'plain', text: plain });
  const fragment = document.createDocumentFragment();
  for (const token of tokens) {
    if (token.type === 'space' || token.type === 'plain') {
      fragment.append(document.createTextNode(token.text));
    } else {
      const span = document.createElement('span');
      span.className = `tok-${token.type}`;
      span.textContent = token.text;
      fragment.append(span);
    }
  }
  codeEl.replaceChildren(fragment);
  codeEl.dataset.language = language;
  drawn.set(codeEl, { text, language, first: codeEl.firstChild, last: codeEl.lastChild });
}
