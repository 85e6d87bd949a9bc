/*
 * The component labels of an ASCII architecture diagram: the names written in its boxes, at the
 * ends of its arrows and on its tree branches, each with its position. The diagram is read as a
 * grid of characters: drawing characters (box-drawing, arrows, `|`, `--`, `->`, `+` corners, a
 * lone `v` or `^`) cut each line into text segments, two or more spaces separate side-by-side
 * segments, and rectangles of borders are boxes. Each segment is then one of:
 *
 * - a box's first line, or the title written in its top border: a label;
 * - any other line of a box without a title: a detail of the box's label;
 * - text right beside a vertical line or arrow, or written on a horizontal line
 *   (`--HTTPS-->`, `── reads ──▶`): an annotation of that edge;
 * - text indented under the line above, or under a line that ends with `,` `:` `;` `+` or an
 *   arrow: a continuation of it;
 * - after "Label: ..." on the same line, the chain of arrows that follows: details;
 * - otherwise text outside boxes: a label when it stands at an arrow's head or a tree branch, or
 *   starts with a capital letter (lower-case text at the start of a line reads as a description).
 *
 * A label is its text up to the first `:`, `,`, `;`, ` = ` or multiplier (`x4`), with text in
 * parentheses and trailing identifiers (`<region>.usage.raw`, `"webhook-events"`) dropped, and
 * cut before a preposition ("Usage exporter per region" is "Usage exporter"). Columns are UTF-16
 * code units, 0-based, end exclusive. Pure: lines in, labels out.
 */

/** A component label as drawn: its name and where it stands in the block's lines. */
export interface DiagramLabel {
  /** The name as written, parentheses and details cut off ("Kafka", "Admission controller"). */
  text: string;
  /** The names the label holds: "CDN + WAF" is one component drawn under two names. */
  names: string[];
  /** 0-based line in the block where the label starts, and its start column there. */
  line: number;
  start: number;
  /** 0-based line where the label ends (the next line for a name broken over two), and its end column there. */
  endLine: number;
  end: number;
  /** True for a box that holds other labels (a title in its top border, or boxes inside it). */
  container: boolean;
  /** The index, in the returned list, of the container label this label is drawn inside. */
  parent?: number;
}

const RIGHT_HEADS = new Set([..."►▶▷▸→⇒⟶>"]);
const LEFT_HEADS = new Set([..."◄◀◁◂←⇐⟵<"]);
const VERTICALS = new Set([..."|│║┃▲▼△▽▴▾↑↓^v┆┊"]);
const HORIZONTALS = new Set([..."-─═━=┄┈"]);
const TREE_BRANCHES = new Set([..."├└╰┣┗"]);
/** Arrows outside U+2500-U+257F; the two-way ones (⇄ ↔) join names in text ("eu-1 ⇄ eu-2"). */
const ARROWS = new Set([..."▲▼►◄▶◀△▽▷◁▸◂▴▾→←↑↓⇒⇐⟶⟵"]);
/** List separators inside a line ("sweeper · reconciler"). */
const LIST_DOTS = new Set([..."·•"]);

const TOP_LEFT = new Set([..."+┌╔╭┏"]);
const TOP_RIGHT = new Set([..."+┐╗╮┓"]);
const BOTTOM_LEFT = new Set([..."+└╚╰┗├┴"]);
const BOTTOM_RIGHT = new Set([..."+┘╝╯┛┤┴"]);
const BORDER = new Set([..."-=─━═┬┴┼╤╧╪+^v▲▼△▽▴▾"]);
const WALL = new Set([..."|│┃║├┤┼╟╢╠╣+^v▲▼△▽◄►◀▶<>┬┴"]);

const NUMBER_WORDS = new Set(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "an", "the", "some", "many", "all", "each", "every"]);
/** Words that never name a component on their own. */
const STOPWORDS = new Set(["and", "or", "then", "else", "with", "of", "same", "other", "only", "also", "not", "no"]);
const PREPOSITIONS = ["per", "in", "for", "on", "at", "with", "from", "to", "during", "by", "via", "into", "across", "behind", "inside", "over", "under"];

const isAlnum = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const charAt = (line: string | undefined, index: number): string => (line !== undefined && index >= 0 && index < line.length ? line[index]! : " ");

/** Which characters of each line draw (borders, lines, arrows, separators) rather than write text. */
function drawingMasks(lines: readonly string[]): boolean[][] {
  return lines.map((line, row) => {
    const mask: boolean[] = [];
    let depth = 0;
    for (let index = 0; index < line.length; index++) {
      const ch = line[index]!;
      const code = ch.charCodeAt(0);
      const isBoxDrawing = code >= 0x2500 && code <= 0x257f;
      // Inside parentheses only walls draw: "(us-east-1 -> us-west-2)" is text.
      if (depth > 0 && !isBoxDrawing && ch !== "|") {
        mask.push(false);
        if (ch === "(") depth++;
        else if (ch === ")") depth--;
        continue;
      }
      const drawn = isBoxDrawing || ARROWS.has(ch) || LIST_DOTS.has(ch) || asciiDrawing(lines, row, index);
      if (!drawn && ch === "(") depth++;
      mask.push(drawn);
    }
    return mask;
  });
}

function asciiDrawing(lines: readonly string[], row: number, index: number): boolean {
  const line = lines[row]!;
  const previous = charAt(line, index - 1);
  const next = charAt(line, index + 1);
  switch (line[index]) {
    case "|":
    case "[":
    case "]":
      return true;
    case "-":
      return previous === "-" || next === "-" || next === ">" || previous === "<" || previous === "+" || next === "+" || previous === "|" || next === "|";
    case "=":
      return previous === "=" || next === "=" || next === ">";
    case ">":
      return previous === "-" || previous === "=" || previous === "─";
    case "<":
      return next === "-" || next === "─" || (next === "=" && charAt(line, index + 2) === "=");
    case "+":
      return HORIZONTALS.has(previous) || HORIZONTALS.has(next) || charAt(lines[row - 1], index) === "|" || charAt(lines[row + 1], index) === "|";
    case "v":
    case "^":
      return !isAlnum(previous) && !isAlnum(next);
    default:
      return false;
  }
}

interface Segment {
  row: number;
  start: number;
  end: number;
  text: string;
}

/** A rectangle of borders: its top and bottom border rows, and per row its two wall columns. */
interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
  walls: Map<number, [number, number]>;
}

/** The text segments of each line: runs between drawing characters, split where two or more spaces stand. */
function segmentsOf(lines: readonly string[], masks: readonly boolean[][]): Segment[] {
  const segments: Segment[] = [];
  lines.forEach((line, row) => {
    const mask = masks[row]!;
    let index = 0;
    while (index < line.length) {
      if (mask[index]) {
        index++;
        continue;
      }
      let end = index;
      while (end < line.length && !mask[end]) end++;
      for (const match of line.slice(index, end).matchAll(/\S+(?: \S+)*/g)) {
        segments.push({ row, start: index + match.index, end: index + match.index + match[0].length, text: match[0] });
      }
      index = end;
    }
  });
  return segments;
}

/**
 * The search for boxes is bounded, so a pathological drawing (a grid of thousands of cells) costs
 * milliseconds, not seconds, on every keystroke: past these bounds the rest of the diagram is
 * read as free text. Architecture diagrams have tens of boxes and a few thousand wall steps.
 */
const MAX_BOXES = 200;
const MAX_WALL_STEPS = 50_000;

/** Rectangles whose four sides are drawn: ASCII (`+--+`, `|`) or box-drawing (`┌─┐│└─┘`). */
function boxesOf(lines: readonly string[]): Box[] {
  const boxes: Box[] = [];
  const budget = { steps: MAX_WALL_STEPS };
  for (let top = 0; top < lines.length; top++) {
    const line = lines[top]!;
    for (let left = 0; left < line.length; left++) {
      const corner = line[left]!;
      if (!TOP_LEFT.has(corner)) continue;
      if (corner === "+" && !HORIZONTALS.has(charAt(line, left + 1))) continue;
      if (!WALL.has(charAt(lines[top + 1], left))) continue;
      for (let right = left + 2; right < line.length; right++) {
        if (!TOP_RIGHT.has(line[right]!)) continue;
        const box = closedBox(lines, top, left, right, budget);
        if (box) {
          boxes.push(box);
          break;
        }
        if (budget.steps <= 0) return boxes;
      }
      if (boxes.length >= MAX_BOXES || budget.steps <= 0) return boxes;
    }
  }
  return boxes;
}

/**
 * The box whose top border spans [left, right] on row `top`, when walls run down to a bottom
 * border. A wall may stand one column off on a line (hand-drawn diagrams drift).
 */
function closedBox(lines: readonly string[], top: number, left: number, right: number, budget: { steps: number }): Box | undefined {
  const walls = new Map<number, [number, number]>();
  for (let row = top + 1; row < lines.length; row++) {
    if (--budget.steps < 0) return undefined;
    const line = lines[row]!;
    if (row > top + 1 && BOTTOM_LEFT.has(charAt(line, left)) && BOTTOM_RIGHT.has(charAt(line, right)) && isBorder(line, left + 1, right)) {
      return { top, bottom: row, left, right, walls };
    }
    const leftWall = wallNear(line, left);
    const rightWall = wallNear(line, right);
    if (leftWall === undefined || rightWall === undefined) return undefined;
    walls.set(row, [leftWall, rightWall]);
  }
  return undefined;
}

function isBorder(line: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) if (!BORDER.has(charAt(line, index))) return false;
  return true;
}

function wallNear(line: string, column: number): number | undefined {
  if (WALL.has(charAt(line, column))) return column;
  if (WALL.has(charAt(line, column - 1))) return column - 1;
  if (WALL.has(charAt(line, column + 1))) return column + 1;
  return undefined;
}

function area(box: Box): number {
  return (box.right - box.left) * (box.bottom - box.top);
}

/** The innermost box whose interior or top border holds the segment. */
function boxOf(segment: Segment, boxes: readonly Box[]): Box | undefined {
  let found: Box | undefined;
  for (const box of boxes) {
    const [left, right] = box.walls.get(segment.row) ?? [box.left, box.right];
    if (segment.row < box.top || segment.row >= box.bottom || segment.start <= left || segment.end > right) continue;
    if (!found || area(box) < area(found)) found = box;
  }
  return found;
}

interface Neighbour {
  ch: string;
  column: number;
  gap: number;
}

/** The nearest non-space character left of `index`, and how many spaces lie between. */
function leftOf(line: string, index: number): Neighbour | undefined {
  let column = index - 1;
  while (column >= 0 && line[column] === " ") column--;
  return column < 0 ? undefined : { ch: line[column]!, column, gap: index - 1 - column };
}

function rightOf(line: string, index: number): Neighbour | undefined {
  let column = index;
  while (column < line.length && line[column] === " ") column++;
  return column >= line.length ? undefined : { ch: line[column]!, column, gap: column - index };
}

/** A raw word that names nothing: a number, an identifier, a path, a quoted string or punctuation. */
function isNoise(word: string): boolean {
  return /\d/.test(word) || /[_.{}$<>@=/\\"'`]/.test(word.replace(/[.,;:'’]+$/u, "").replace(/^['’]|['’]s?$/gu, "")) || !/\p{L}{2}/u.test(word);
}

/**
 * The label a segment's text gives, or undefined when it gives none. See the module comment
 * for how the text is cut; `hasDetails` says the line goes on with details after a colon.
 */
export function labelOf(text: string): { text: string; names: string[]; hasDetails: boolean } | undefined {
  let depth = 0;
  let kept = "";
  for (let index = 0; index < text.length; index++) {
    const ch = text[index]!;
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (depth > 0) continue;
    else if (/[:,;]/.test(ch) && !isAlnum(text[index + 1])) break;
    else if (ch === "=" && text[index - 1] === " ") break;
    else kept += ch;
  }
  const hasDetails = /:(?!\w)/.test(text.replace(/\([^)]*\)?/g, ""));
  let words = kept.replace(/\s[x×]\s?\d.*$/u, "").split(/\s+/).filter(Boolean);
  // A number after the name ends it: "PostgreSQL 15 primary" is "PostgreSQL".
  const number = words.findIndex((word, index) => index > 0 && /^\d/.test(word));
  if (number > 0) words = words.slice(0, number);
  const preposition = words.findIndex((word, index) => index > 0 && PREPOSITIONS.includes(word.toLowerCase()));
  if (preposition > 0) words = words.slice(0, preposition);
  while (words.length && isNoise(words[words.length - 1]!)) words.pop();
  while (words.length && (/^[^\p{L}\p{N}]+$/u.test(words[0]!) || STOPWORDS.has(words[0]!.toLowerCase()))) words.shift();
  const first = words[0];
  if (!first || /^\d/.test(first) || NUMBER_WORDS.has(first.toLowerCase())) return undefined;
  const head = words.join(" ").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}'’]+$/gu, "");
  const names = head.split(/\s+[+/&]\s+/).filter((name) => name.split(/\s+/).some((word) => !isNoise(word) && !STOPWORDS.has(word.toLowerCase())));
  return names.length ? { text: head, names, hasDetails } : undefined;
}

/** The text of a line from `start` to the next wide gap or wall: what a continuation follows. */
function runFrom(line: string, start: number): string {
  let end = start;
  while (end < line.length && !(line[end] === " " && line[end + 1] === " ") && !"|│║┃".includes(line[end]!)) end++;
  return line.slice(start, end).trimEnd();
}

function continues(run: string): boolean {
  const last = run[run.length - 1] ?? "";
  const opened = (run.match(/\(/g) ?? []).length > (run.match(/\)/g) ?? []).length;
  return opened || /[,:;+(]/.test(last) || RIGHT_HEADS.has(last) || HORIZONTALS.has(last) || LIST_DOTS.has(last);
}

/** The component labels of a diagram (its lines, fences excluded), in reading order. */
export function diagramLabels(lines: readonly string[]): DiagramLabel[] {
  const masks = drawingMasks(lines);
  const boxes = boxesOf(lines);
  const walls = new Set<string>();
  for (const box of boxes) {
    walls.add(`${box.top}:${box.left}`).add(`${box.top}:${box.right}`).add(`${box.bottom}:${box.left}`).add(`${box.bottom}:${box.right}`);
    for (const [row, [left, right]] of box.walls) walls.add(`${row}:${left}`).add(`${row}:${right}`);
  }
  const segments = segmentsOf(lines, masks);
  const boxOfSegment = new Map<Segment, Box | undefined>(segments.map((segment) => [segment, boxOf(segment, boxes)]));
  // A box with a title in its top border, or with boxes inside it, is a container: its lines
  // are read as free diagram text. Any other box is named by its first line.
  const containers = new Set<Box>(boxes.filter((box) => segments.some((segment) => segment.row === box.top && boxOfSegment.get(segment) === box)));
  for (const box of boxes) {
    if (boxes.some((inner) => inner !== box && inner.top > box.top && inner.bottom < box.bottom && inner.left > box.left && inner.right < box.right)) containers.add(box);
  }
  const firstLine = new Map<Box, Segment>();
  for (const segment of segments) {
    const box = boxOfSegment.get(segment);
    if (box && !containers.has(box) && !firstLine.has(box)) firstLine.set(box, segment);
  }
  const containerLabel = new Map<Box, number>();
  /** The label of the smallest container holding the box (or being it, unless it is the label's own box). */
  const parentOf = (box: Box | undefined, own: boolean): number | undefined => {
    if (!box) return undefined;
    let parent: number | undefined;
    let best: Box | undefined;
    for (const [container, index] of containerLabel) {
      const holds = container === box ? !own : container.top < box.top && container.bottom > box.bottom && container.left < box.left && container.right > box.right;
      if (holds && (!best || area(container) < area(best))) [best, parent] = [container, index];
    }
    return parent;
  };

  const labels: DiagramLabel[] = [];
  const add = (segment: Segment, text: string, box: Box | undefined, container: boolean, last: Segment = segment): { hasDetails: boolean } | undefined => {
    const found = labelOf(text);
    if (!found) return undefined;
    const start = segment.start + Math.max(0, segment.text.indexOf(found.text.split(" ")[0]!));
    const end = last === segment ? Math.min(start + found.text.length, segment.end) : last.end;
    const parent = parentOf(box, container);
    labels.push({ text: found.text, names: found.names, line: segment.row, start, endLine: last.row, end, container, ...(parent !== undefined ? { parent } : {}) });
    return { hasDetails: found.hasDetails };
  };

  const openBrackets: number[] = [];
  // Text blocks of the row above and of this row: labels and their continuation lines. `open`
  // says the next line, aligned under it, continues it.
  let previousRow: Array<{ segment: Segment; open: boolean }> = [];
  let currentRow: Array<{ segment: Segment; open: boolean }> = [];
  let row = -1;
  let detailsOnRow = false;
  let lastEnd = -1;
  let firstInRow = true;
  for (const segment of segments) {
    if (segment.row !== row) {
      previousRow = row === segment.row - 1 ? currentRow : [];
      currentRow = [];
      row = segment.row;
      detailsOnRow = false;
      lastEnd = -1;
      firstInRow = true;
    }
    const line = lines[segment.row]!;
    const left = leftOf(line, segment.start);
    const right = rightOf(line, segment.end);
    const box = boxOfSegment.get(segment);
    const chained = detailsOnRow && left !== undefined && left.gap <= 1 && segment.start - lastEnd <= 6 && !line.slice(lastEnd, segment.start).includes("  ");
    const wasFirst = firstInRow;
    firstInRow = false;
    lastEnd = segment.end;
    const hold = (open: boolean): void => {
      currentRow.push({ segment, open });
    };

    if (box && !containers.has(box)) {
      if (firstLine.get(box) === segment) {
        const next = secondLineOfName(segment, segments, box, boxOfSegment);
        add(segment, next ? `${segment.text} ${next.text}` : segment.text, box, false, next);
      }
      continue;
    }
    if (box && segment.row === box.top) {
      if (!containerLabel.has(box) && add(segment, segment.text, box, true)) containerLabel.set(box, labels.length - 1);
      continue;
    }
    // A bracket box ("[client lib: ...," on one line, "heartbeat]" on the next) runs to its "]".
    const bracket = openBrackets.findIndex((column) => segment.start > column && segment.start <= column + 3);
    if (bracket >= 0 && left?.ch !== "[") {
      if (right?.ch === "]") openBrackets.splice(bracket, 1);
      continue;
    }
    if (left?.ch === "[" && left.gap === 0) {
      if (right?.ch !== "]") openBrackets.push(left.column);
      add(segment, segment.text, box, false);
      continue;
    }
    const onWall = left !== undefined && walls.has(`${segment.row}:${left.column}`);
    if (chained) continue;
    // Text right beside a vertical line labels the line; an arrow chain after it is part of it.
    if (left && !onWall && VERTICALS.has(left.ch) && left.gap <= 2) {
      detailsOnRow = true;
      continue;
    }
    // Text written on a horizontal line (the line runs into it without a head, and on past it).
    if (left && right && !onWall && (HORIZONTALS.has(left.ch) || LEFT_HEADS.has(left.ch)) && left.gap <= 2 && right.gap <= 2 && isLinePiece(right.ch)) continue;
    // A line under a text block continues it: aligned under a block that runs on, or indented
    // under it (a little, or as the first text of its line: a hanging indent).
    const above = previousRow.find(({ segment: held }) => held.start <= segment.start && segment.start < held.end && boxOfSegment.get(held) === box);
    if (above && !onTreeBranch(line, segment.start)) {
      const indent = segment.start - above.segment.start;
      if (indent === 0 ? above.open || continues(runFrom(lines[above.segment.row]!, above.segment.start)) : indent <= 4 || wasFirst) {
        hold(true);
        detailsOnRow = true;
        continue;
      }
    }
    const found = labelOf(segment.text);
    const atArrowHead = left !== undefined && !onWall && ((RIGHT_HEADS.has(left.ch) && left.gap <= 4) || (left.gap <= 1 && (HORIZONTALS.has(left.ch) || TREE_BRANCHES.has(left.ch) || LIST_DOTS.has(left.ch))));
    if (found && (atArrowHead || !/^\p{Ll}/u.test(found.text))) add(segment, segment.text, box, false);
    detailsOnRow = found?.hasDetails ?? false;
    hold(false);
  }
  return labels;
}

/** True when the drawing just left of `start` is a tree branch: `├──`, `└──`, `|--`, `` `-- ``, `+--`. */
function onTreeBranch(line: string, start: number): boolean {
  const piece = /(?:[├└╰┣┗][─━-]*[►▶>]?|[|+`]-+>?)\s?$/u.exec(line.slice(0, start));
  return piece !== null;
}

function isLinePiece(ch: string): boolean {
  return HORIZONTALS.has(ch) || RIGHT_HEADS.has(ch) || LEFT_HEADS.has(ch) || "┤├┐┘┌└┬┴┼+".includes(ch);
}

/** The next line of a box, when a one-word name breaks over two lines ("Admission / controller"). */
function secondLineOfName(first: Segment, segments: readonly Segment[], box: Box, boxOfSegment: ReadonlyMap<Segment, Box | undefined>): Segment | undefined {
  if (!/^\p{L}+$/u.test(first.text)) return undefined;
  const next = segments.find((segment) => segment.row === first.row + 1 && boxOfSegment.get(segment) === box && segment.start === first.start);
  return next && /^\p{L}+$/u.test(next.text) ? next : undefined;
}
