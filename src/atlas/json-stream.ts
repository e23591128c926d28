/** Where a value sits in a JSON text: the keys and indexes from the top value down. */
export type JsonPath = readonly (string | number)[];

/** What a scanner hands on: the caller picks values by where they start and gets their text. */
export interface JsonPicker {
  /** A value starts at `path` with `first` (`{`, `[`, `"` or a literal's first character): true to get its text. */
  starts(path: JsonPath, first: string): boolean;
  /** The whole text of a value `starts` asked for; `path` is valid during the call only. */
  value(path: JsonPath, text: string): void;
}

/** Reads a JSON text chunk by chunk; both methods throw when it is not JSON, saying where. */
export interface JsonScanner {
  write(chunk: string): void;
  end(): void;
}

interface Frame {
  readonly array: boolean;
  /** what comes next: an object's key, the colon after it, a value, or a comma or the close */
  state: 'key' | 'colon' | 'value' | 'next';
  /** nothing read in it yet: it may close here */
  empty: boolean;
}

const LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;
const LITERAL_START = /[-0-9tfn]/;
const HEX = /[0-9a-fA-F]/;
const ESCAPES = '"\\/bfnrtu';
const WHITESPACE = ' \t\n\r';

/**
 * A JSON scanner that keeps no more than the value being picked: it follows depth, strings and
 * escapes as the text arrives, checks the grammar, and hands the text of the values `picker`
 * asks for to it whole (to JSON.parse), so a body of any size costs one picked value of memory.
 * A picked value, key or literal longer than `maxChars` is refused: nothing grows unbounded.
 */
export function createJsonScanner(picker: JsonPicker, maxChars: number): JsonScanner {
  const frames: Frame[] = [];
  /** path[d] is the key or index of the value being read in frames[d] */
  const path: (string | number)[] = [];
  let topDone = false;
  let chunk = '';
  /** characters before this chunk, for messages */
  let offset = 0;
  let token: 'none' | 'string' | 'key' | 'literal' = 'none';
  /** in a string: 0, -1 after a backslash, or the hex digits of a \u escape still to come */
  let escaping = 0;
  /** a key's or a literal's text so far */
  let text = '';
  /** the picked value being read: the depth it started at, its text before this chunk, where it starts in this one */
  let picked: { depth: number; before: string; from: number } | undefined;

  const fail = (why: string, at: number): never => {
    throw new Error(`not valid JSON: ${why} at character ${offset + at}`);
  };
  const bounded = (length: number, at: number) => {
    if (length > maxChars) fail(`a value longer than ${maxChars} characters`, at);
  };

  function valueStarts(first: string, at: number): void {
    const top = frames.at(-1);
    if (top ? top.state !== 'value' : topDone) fail(`unexpected ${JSON.stringify(first)}`, at);
    if (top) top.empty = false;
    if (!picked && picker.starts(path, first)) picked = { depth: frames.length, before: '', from: at };
  }

  function valueEnds(end: number): void {
    const top = frames.at(-1);
    if (top) top.state = 'next';
    else topDone = true;
    if (picked?.depth !== frames.length) return;
    const whole = picked.before + chunk.slice(picked.from, end);
    picked = undefined;
    bounded(whole.length, end);
    picker.value(path, whole);
  }

  function open(array: boolean, first: string, at: number): void {
    valueStarts(first, at);
    frames.push({ array, state: array ? 'value' : 'key', empty: true });
    path.push(array ? 0 : '');
  }

  function close(array: boolean, at: number): void {
    const top = frames.at(-1);
    const closable = top?.array === array && (top.state === 'next' || top.empty);
    if (!closable) fail(`unexpected ${array ? "']'" : "'}'"}`, at);
    frames.pop();
    path.pop();
    valueEnds(at + 1);
  }

  function comma(at: number): void {
    const top = frames.at(-1);
    if (top?.state !== 'next') fail("unexpected ','", at);
    const frame = top as Frame;
    frame.state = frame.array ? 'value' : 'key';
    if (frame.array) path[path.length - 1] = (path.at(-1) as number) + 1;
  }

  function inString(c: string, at: number): void {
    if (escaping === -1) {
      if (!ESCAPES.includes(c)) fail('a bad escape', at);
      escaping = c === 'u' ? 4 : 0;
    } else if (escaping > 0) {
      if (!HEX.test(c)) fail('a bad \\u escape', at);
      escaping--;
    } else if (c === '\\') escaping = -1;
    else if (c === '"') {
      if (token === 'key') {
        // inside a picked value the keys name nothing the picker sees
        if (!picked) path[path.length - 1] = JSON.parse(`"${text}"`) as string;
        (frames.at(-1) as Frame).state = 'colon';
      } else valueEnds(at + 1);
      token = 'none';
      return;
    } else if (c < ' ') fail('a control character in a string', at);
    if (token === 'key' && !picked) {
      text += c;
      bounded(text.length, at);
    }
  }

  /** Where the characters of a string that need no look end: at a quote, a backslash or a control character. */
  function plainRun(from: number): number {
    let i = from;
    for (; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (code === 0x22 || code === 0x5c || code < 0x20) break;
    }
    return i;
  }

  function endLiteral(at: number): void {
    if (!LITERAL.test(text)) fail(`${JSON.stringify(text)} is no JSON value`, at);
    token = 'none';
    valueEnds(at);
  }

  function outside(c: string, at: number): void {
    if (WHITESPACE.includes(c)) return;
    const top = frames.at(-1);
    if (c === '{' || c === '[') open(c === '[', c, at);
    else if (c === '}' || c === ']') close(c === ']', at);
    else if (c === ',') comma(at);
    else if (c === ':') {
      if (top?.state !== 'colon') fail("unexpected ':'", at);
      (top as Frame).state = 'value';
    } else if (c === '"' && top && !top.array && top.state === 'key') {
      top.empty = false;
      token = 'key';
      text = '';
    } else if (c === '"') {
      valueStarts(c, at);
      token = 'string';
    } else if (LITERAL_START.test(c)) {
      valueStarts(c, at);
      token = 'literal';
      text = c;
    } else fail(`unexpected ${JSON.stringify(c)}`, at);
  }

  return {
    write(next) {
      chunk = next;
      for (let i = 0; i < chunk.length; i++) {
        if (escaping === 0 && (token === 'string' || (token === 'key' && picked))) i = plainRun(i);
        if (i === chunk.length) break;
        const c = chunk[i] as string;
        if (token === 'string' || token === 'key') inString(c, i);
        else if (token === 'literal' && !WHITESPACE.includes(c) && !',}]'.includes(c)) {
          text += c;
          bounded(text.length, i);
        } else {
          if (token === 'literal') endLiteral(i);
          outside(c, i);
        }
      }
      if (picked) {
        picked.before += chunk.slice(picked.from);
        picked.from = 0;
        bounded(picked.before.length, chunk.length);
      }
      offset += chunk.length;
      chunk = '';
    },
    end() {
      if (token === 'literal') endLiteral(0);
      if (token !== 'none' || frames.length > 0 || !topDone) fail('the text ends early', 0);
    },
  };
}
