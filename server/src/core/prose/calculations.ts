import Decimal from "decimal.js";
import {
  combine,
  unitsOfDimension,
  COUNT,
  describeDimension,
  type Dimension,
  sameDimension,
  SCALE_WORDS,
  scaleDimension,
  PRICING_MONTH,
  timeUnitNamed,
  type Unit,
  unitNamed,
} from "./units";

/**
 * Finds the calculations written in a run of prose ("2,000,000 / 600 s = 3,333 requests/s",
 * "400 writes/s x 86,400 s x 200 B is about 7 GB per day", "3 x 3 s + 0.75 s = 9.75 s") and
 * checks them with units and exact decimals. The recogniser is deliberately narrow: anything it
 * cannot read with certainty (a variable, a function call, a range, a version number) ends the
 * expression, and a relation whose either side is incomplete is not a calculation. A missed
 * calculation costs nothing; a wrong report costs the reader's trust.
 */

export type Relation = "=" | "≈" | "<" | ">" | "≤" | "≥";

export interface CheckedCalculation {
  /** Offsets in the run: the whole chain member pair, left side start to right side end. */
  start: number;
  end: number;
  relation: Relation;
  /** "skipped": read, but the units leave the reading open ("7 days x 8,646 kills" is per day). */
  verdict: "ok" | "wrong" | "units" | "skipped";
  /** For "wrong" and "units": what to tell the author. */
  message?: string;
  /** The right-hand number as written, when it is one number ("3,333 requests/s"). */
  result?: { start: number; end: number };
  /** For "wrong": the right-hand number span and its computed replacement. */
  replacement?: { start: number; end: number; text: string };
}

export interface CalculationOptions {
  /** Relative tolerance of "about", "~" and "≈" (0.1 is 10 %). */
  tolerance: number;
}

// ---------------------------------------------------------------------------------------------
// Tokens

type TokenKind = "num" | "word" | "op" | "lparen" | "rparen" | "rel" | "approx" | "percent" | "pow" | "sup" | "dollar" | "root" | "punct" | "other";

interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** Whitespace (or the start of the run) comes right before the token. */
  spaced: boolean;
}

const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?/y;
const WORD = /[A-Za-zµμ][A-Za-z0-9µμ_']*/y;
const SPACE = /[\s\u00a0\u2009\u202f]+/y;
const RELATIONS = ["->", "→", "~=", "=~", "<=", ">=", "≈", "≃", "≤", "≥", "=", "<", ">"];
const SUPERSCRIPTS: Record<string, number> = { "²": 2, "³": 3 };

function sticky(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

function tokenize(run: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  let spaced = true;
  const push = (kind: TokenKind, text: string): void => {
    tokens.push({ kind, text, start: at, end: at + text.length, spaced });
    at += text.length;
    spaced = false;
  };
  while (at < run.length) {
    const space = sticky(SPACE, run, at);
    if (space) {
      at += space.length;
      spaced = true;
      continue;
    }
    const char = run[at]!;
    const number = /\d/.test(char) ? sticky(NUMBER, run, at) : undefined;
    if (number) {
      const after = run.slice(at + number.length);
      // "1.9.0", "2033-01-01", "3rd", "2xx", "10:30": not quantities.
      if (/^\.\d|^[-–:]\d|^\d/.test(after)) {
        const rest = /^[\d.,:/–-]*/.exec(after)![0];
        push("other", number + rest);
        continue;
      }
      push("num", number);
      const hyphenUnit = /^-([A-Za-z]+)/.exec(after);
      if (hyphenUnit && timeUnitNamed(hyphenUnit[1]!)) {
        // "a 30-minute outage": the hyphen joins a number to its unit.
        at += 1;
        push("word", hyphenUnit[1]!);
        continue;
      }
      const suffix = /^[A-Za-zµμ]+/.exec(after)?.[0];
      if (suffix !== undefined) {
        if (suffix === "x" || suffix === "X" || unitNamed(suffix) || SCALE_WORDS.has(suffix) || suffix === "B") push("word", suffix);
        else {
          tokens.pop();
          at -= number.length;
          push("other", number + suffix);
        }
      }
      continue;
    }
    const word = /[A-Za-zµμ]/.test(char) ? sticky(WORD, run, at) : undefined;
    if (word) {
      push("word", word);
      continue;
    }
    const relation = RELATIONS.find((candidate) => run.startsWith(candidate, at));
    if (relation) {
      push("rel", relation);
      continue;
    }
    if (char === "~") push("approx", char);
    else if (char === "%") push("percent", char);
    else if (char === "^") push("pow", char);
    else if (char in SUPERSCRIPTS) push("sup", char);
    else if (char === "(" || char === "⌈" || char === "⌊") push("lparen", char);
    else if (char === ")" || char === "⌉" || char === "⌋") push("rparen", char);
    else if (char === "√") push("root", char);
    else if (char === "$") push("dollar", char);
    else if ("×*/÷+−".includes(char)) push("op", char);
    else if (char === "-" && spaced && /\s/.test(run[at + 1] ?? "")) push("op", "−");
    else if (/[,;:.!?"'“”‘’[\]{}]/.test(char)) push("punct", char);
    else push("other", char);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Values

interface Quantity {
  /** The value in base units (seconds, bytes, dollars). */
  value: Decimal;
  /** The value with units ignored (scale words and percentages kept): how a reader multiplies "1,157 x 900 s". */
  naive: Decimal;
  dimension: Dimension;
  /** Some operand carried a unit. */
  hasUnit: boolean;
  /** Some operand was a bare number: it may stand for a rate or size whose unit the text left out. */
  hasBare: boolean;
  /** How far the value may be from the truth because an operand was rounded ("853,000", "23.7%"), in base units. */
  error: Decimal;
  naiveError: Decimal;
  /** The first written number of an expression: "= 1.24 M x 104 B" states 1.24 M as the last step's result. */
  lead: Quantity | undefined;
  /** The last explicit unit, which a bare number added to this quantity takes. */
  lastUnit: Unit | undefined;
  approx: boolean;
  operators: number;
  start: number;
  end: number;
  /** For a single written number: how it was written, for precision and replacement. */
  written?: WrittenNumber;
}

interface WrittenNumber {
  numberStart: number;
  /** End of the number with its scale word and unit. */
  end: number;
  /** One unit of the last written digit, in the written scale (e.g. 0.01 for "1.04 M"). */
  step: Decimal;
  decimals: number;
  /** Scale word times percent: what the written number is multiplied by before units. */
  multiplier: Decimal;
  unit: Unit | undefined;
  /** The scale word and unit as written after the number ("M orders", "GB per day"). */
  suffix: string;
  /** The period of a rate written on the number ("7 GB per day": a day). */
  period: Unit | undefined;
}

const ZERO = new Decimal(0);

/** First-order error of a product or quotient of two uncertain values. */
function productError(a: Decimal, errorA: Decimal, b: Decimal, errorB: Decimal, divide: boolean): Decimal | undefined {
  if (!divide) return a.abs().mul(errorB).add(b.abs().mul(errorA)).add(errorA.mul(errorB));
  if (b.abs().lte(errorB)) return undefined;
  return errorA.add(a.div(b).abs().mul(errorB)).div(b.abs().sub(errorB));
}

function leadOf(quantity: Quantity): Quantity | undefined {
  return quantity.lead ?? (quantity.written ? quantity : undefined);
}

function product(a: Quantity, b: Quantity, divide: boolean): Quantity | undefined {
  if (divide && (b.value.isZero() || b.naive.isZero())) return undefined;
  const error = productError(a.value, a.error, b.value, b.error, divide);
  const naiveError = productError(a.naive, a.naiveError, b.naive, b.naiveError, divide);
  if (!error || !naiveError) return undefined;
  return {
    error,
    naiveError,
    lead: leadOf(a),
    value: divide ? a.value.div(b.value) : a.value.mul(b.value),
    naive: divide ? a.naive.div(b.naive) : a.naive.mul(b.naive),
    dimension: combine(a.dimension, b.dimension, divide ? -1 : 1),
    ...joined(a, b),
  };
}

/** What two operands joined by an operator pass on, whatever the operator. */
function joined(a: Quantity, b: Quantity): Pick<Quantity, "hasUnit" | "hasBare" | "lastUnit" | "approx" | "operators" | "start" | "end"> {
  return {
    hasUnit: a.hasUnit || b.hasUnit,
    hasBare: a.hasBare || b.hasBare,
    lastUnit: b.lastUnit ?? a.lastUnit,
    approx: a.approx || b.approx,
    operators: a.operators + b.operators + 1,
    start: a.start,
    end: b.end,
  };
}

/** A bare number added to a quantity with a unit takes that unit ("20 s + 1 + 15 s"). */
function adopt(bare: Quantity, unit: Unit): Quantity {
  return { ...bare, value: bare.value.mul(unit.scale), error: bare.error.mul(unit.scale), dimension: unit.dimension };
}

function sum(a: Quantity, b: Quantity, subtract: boolean): Quantity | undefined {
  let left = a;
  let right = b;
  if (!sameDimension(a.dimension, b.dimension)) {
    if (!a.hasUnit && b.lastUnit) left = adopt(a, b.lastUnit);
    else if (!b.hasUnit && a.lastUnit) right = adopt(b, a.lastUnit);
    else return undefined;
  }
  return {
    error: left.error.add(right.error),
    naiveError: left.naiveError.add(right.naiveError),
    lead: leadOf(a),
    value: subtract ? left.value.sub(right.value) : left.value.add(right.value),
    naive: subtract ? left.naive.sub(right.naive) : left.naive.add(right.naive),
    dimension: left.dimension,
    ...joined(a, b),
  };
}

function power(base: Quantity, exponent: number, end: number): Quantity | undefined {
  if (Math.abs(exponent) > 12) return undefined;
  // "1.4^2.06" grows a plain number; a unit to a fractional power means nothing here.
  if (!Number.isInteger(exponent) && (base.hasUnit || base.value.lte(0))) return undefined;
  return {
    ...base,
    value: base.value.pow(exponent),
    naive: base.naive.pow(exponent),
    error: base.value.abs().pow(exponent - 1).mul(base.error).mul(Math.abs(exponent)),
    naiveError: base.naive.abs().pow(exponent - 1).mul(base.naiveError).mul(Math.abs(exponent)),
    lead: undefined,
    dimension: scaleDimension(base.dimension, exponent),
    operators: base.operators + 1,
    end,
    written: undefined,
  };
}

/** An exact plain number that was not written as digits (Euler's number). */
function constant(value: Decimal, start: number, end: number): Quantity {
  return { value, naive: value, dimension: COUNT, hasUnit: false, hasBare: true, error: ZERO, naiveError: ZERO, lead: undefined, lastUnit: undefined, approx: false, operators: 0, start, end };
}

/** A function of a plain number; its error follows the slope, estimated from the function itself. */
function applyFunction(inner: Quantity, apply: (value: Decimal) => Decimal, start: number): Quantity | undefined {
  let value: Decimal;
  try {
    value = apply(inner.value);
  } catch {
    return undefined;
  }
  if (!value.isFinite()) return undefined;
  const nudged = inner.error.isZero() ? value : apply(inner.value.add(inner.error));
  const error = nudged.isFinite() ? nudged.sub(value).abs() : ZERO;
  return { ...inner, value, naive: value, error, naiveError: error, operators: inner.operators + 1, start, written: undefined, lead: undefined };
}

// ---------------------------------------------------------------------------------------------
// Parser: expression := term (("+" | "−") term)*; term := factor (("x" | "/") factor)*;
// factor := ["~" | "about"] (operand | "(" expression ")" [unit]) ["^" n | "²"]

/** Words that end a noun phrase after a number: they belong to the sentence, not the quantity. */
const NOT_NOUNS = new Set(
  "is are was were be been being the a an and or but of to in on at for with by from as than that which who per x about roughly approximately around nearly almost under over plus minus times gives makes comes so if then when while each every not no it its this these those their our we you they i can will would should must may might does do did has have had up down into out more less fewer most least only just also both either all any some one two three four five six seven eight nine ten gives comes makes totals".split(" "),
);
/** Metric prefixes written as words: alone after a figure they name no unit we can convert. */
const PREFIX_WORDS = new Set(["pico", "nano", "micro", "milli", "centi", "deci", "kilo", "mega", "giga", "tera"]);
const APPROX_WORDS = new Set(["about", "roughly", "approximately", "around", "nearly", "almost", "circa", "ca"]);
const CURRENCY_WORDS = new Set(["usd", "us$", "eur", "gbp"]);

/** Functions of plain numbers a derivation may call: "ln(0.75 / 0.49)", "ceil(82,500 / 8,400)". */
const FUNCTIONS: Record<string, (value: Decimal) => Decimal> = {
  ln: (value) => value.ln(),
  log: (value) => value.log(10),
  log10: (value) => value.log(10),
  log2: (value) => value.log(2),
  sqrt: (value) => value.sqrt(),
  exp: (value) => value.exp(),
  ceil: (value) => value.ceil(),
  floor: (value) => value.floor(),
  round: (value) => value.round(),
};

/** Brackets that round what they hold: ⌈x⌉ up, ⌊x⌋ down. */
const ROUNDING_BRACKETS: Record<string, { close: string; apply: (value: Decimal) => Decimal }> = {
  "⌈": { close: "⌉", apply: (value) => value.ceil() },
  "⌊": { close: "⌋", apply: (value) => value.floor() },
  "(": { close: ")", apply: (value) => value },
};

type Operator = "×" | "/" | "+" | "−";

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly run: string,
    private readonly mode: ReadingMode,
  ) {}

  /** A unit, with "month" as the mode reads it. */
  private unit(word: string): Unit | undefined {
    const found = unitNamed(word);
    return this.mode.pricingMonth && found?.symbol === "months" ? PRICING_MONTH : found;
  }

  private timeUnit(word: string): Unit | undefined {
    const found = timeUnitNamed(word);
    return this.mode.pricingMonth && found?.symbol === "months" ? PRICING_MONTH : found;
  }

  get position(): number {
    return this.index;
  }

  set position(value: number) {
    this.index = value;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private isWord(token: Token | undefined, ...words: string[]): boolean {
    return token?.kind === "word" && words.includes(token.text.toLowerCase());
  }

  /** The operator at the cursor, if any: "x" and "X" count only as separate words. */
  private operator(): Operator | undefined {
    const token = this.peek();
    if (!token) return undefined;
    // "23.7% of 4,450": a share of something multiplies it.
    if (this.isWord(token, "of") && this.tokens[this.index - 1]?.kind === "percent") return "×";
    if (token.kind === "word" && (token.text === "x" || token.text === "X")) return "×";
    if (token.kind !== "op") return undefined;
    if (token.text === "×" || token.text === "*") return "×";
    if (token.text === "/" || token.text === "÷") return "/";
    if (token.text === "+") return "+";
    return "−";
  }

  expression(): Quantity | undefined {
    return this.leftChain(
      () => this.term(),
      (operator) => operator === "+" || operator === "−",
      (left, right, operator) => sum(left, right, operator === "−"),
    );
  }

  private term(): Quantity | undefined {
    return this.leftChain(
      () => this.factor(),
      (operator) => operator === "×" || operator === "/",
      (left, right, operator) => product(left, right, operator === "/"),
    );
  }

  /**
   * Operands joined left to right by operators of one precedence ("a x b / c", "a + b − c"). An
   * operator with no readable operand after it ends the run before it; a combination that cannot
   * be evaluated (a sum of a time and a size) fails the whole run.
   */
  private leftChain(operand: () => Quantity | undefined, accepts: (operator: Operator) => boolean, combine: (left: Quantity, right: Quantity, operator: Operator) => Quantity | undefined): Quantity | undefined {
    let left = operand();
    if (!left) return undefined;
    for (;;) {
      const operator = this.operator();
      if (!operator || !accepts(operator)) return left;
      const saved = this.index;
      this.index++;
      const right = operand();
      if (!right) {
        this.index = saved;
        return left;
      }
      const next = combine(left, right, operator);
      if (!next) return undefined;
      left = next;
    }
  }

  /** Goes on computing from a result already read: ", ÷ 32 busy threads", ", x 1.3 headroom". */
  continueFrom(left: Quantity): Quantity | undefined {
    let current = left;
    for (let operator = this.operator(); operator; operator = this.operator()) {
      this.index++;
      const right = operator === "×" || operator === "/" ? this.factor() : this.term();
      const next = right ? (operator === "×" || operator === "/" ? product(current, right, operator === "/") : sum(current, right, operator === "−")) : undefined;
      if (!next) return undefined;
      current = next;
    }
    return current === left ? undefined : { ...current, written: undefined, lead: undefined };
  }


  private factor(): Quantity | undefined {
    let approx = false;
    const first = this.peek();
    if (first?.kind === "approx" || this.isWord(first, ...APPROX_WORDS)) {
      approx = true;
      this.index++;
    }
    let base: Quantity | undefined;
    const token = this.peek();
    const call = token?.kind === "word" ? FUNCTIONS[token.text.toLowerCase()] : token?.kind === "root" ? FUNCTIONS["sqrt"] : undefined;
    if (token && call) {
      const open = this.peek(1);
      if (open?.kind !== "lparen" || open.text !== "(" || open.spaced) return undefined;
      this.index++;
      const inner = this.factor();
      if (!inner || inner.hasUnit) return undefined;
      return applyFunction(inner, call, token.start);
    }
    if (token?.kind === "word" && token.text === "e" && this.peek(1)?.kind === "pow" && !this.peek(1)!.spaced) {
      // Euler's number, as in "e^(0.85²)".
      this.index++;
      base = constant(new Decimal(1).exp(), token.start, token.end);
    } else if (token?.kind === "lparen") {
      const saved = this.index;
      const bracket = ROUNDING_BRACKETS[token.text]!;
      this.index++;
      const inner = this.expression();
      if (!inner || this.peek()?.kind !== "rparen" || this.peek()!.text !== bracket.close) {
        this.index = saved;
        return undefined;
      }
      this.index++;
      base = { ...inner, start: token.start, end: this.tokens[this.index - 1]!.end, written: undefined, lead: undefined };
      if (token.text !== "(") {
        const rounded = applyFunction(base, bracket.apply, token.start);
        if (!rounded) return undefined;
        base = { ...rounded, end: base.end };
      }
      const unit = this.unitPhrase();
      if (unit) base = { ...base, value: base.value.mul(unit.unit.scale), error: base.error.mul(unit.unit.scale), dimension: combine(base.dimension, unit.unit.dimension, 1), hasUnit: true, lastUnit: unit.unit, end: unit.end };
    } else {
      base = this.operand();
    }
    if (!base) return undefined;
    if (approx) base = { ...base, approx: true };
    const next = this.peek();
    if (next?.kind === "sup" && !next.spaced) {
      this.index++;
      return power(base, SUPERSCRIPTS[next.text]!, next.end);
    }
    if (next?.kind === "pow" && !next.spaced) {
      const exponent = this.peek(1);
      if (exponent?.kind === "num" && !exponent.spaced) {
        this.index += 2;
        return power(base, Number(exponent.text.replace(/,/g, "")), exponent.end);
      }
      if (exponent?.kind === "lparen" && exponent.text === "(" && !exponent.spaced) {
        this.index++;
        const inner = this.factor();
        if (!inner || inner.hasUnit) return undefined;
        return power(base, inner.value.toNumber(), inner.end);
      }
      return undefined;
    }
    return base;
  }

  /** A number with what is written around it: "$5,040", "8 M DAU", "25%", "400 writes/s", "1.2 s". */
  private operand(): Quantity | undefined {
    const saved = this.index;
    let money = false;
    const lead = this.peek();
    if (lead?.kind === "dollar" || (lead?.kind === "word" && CURRENCY_WORDS.has(lead.text.toLowerCase()))) {
      money = true;
      this.index++;
    }
    const number = this.peek();
    if (number?.kind !== "num" || (money && lead?.kind === "dollar" && number.spaced)) {
      this.index = saved;
      return undefined;
    }
    // A number right after a letter or closing bracket ("TTL/3" reaches here as "/3" only when
    // the word was consumed elsewhere) is handled by the caller's boundary check.
    this.index++;
    const digits = number.text.replace(/,/g, "");
    const fraction = digits.split(".")[1];
    const decimals = fraction?.length ?? 0;
    const zeros = /0*$/.exec(digits)![0].length;
    // Trailing zeros read as rounding to a step of at most 2 % of the value: "565,000" may stand
    // for 565,494 and "5,800" for 5,785, but "3,300" or "3,000" claims 3,333 no more than "3,301".
    const finest = Math.floor(Math.log10(Math.max(1, Number(digits) / 50)));
    const trailingZeros = decimals || zeros === digits.length ? 0 : Math.max(0, Math.min(zeros, finest));
    let multiplier = new Decimal(1);
    let end = number.end;
    // Scale word: "40 k", "8 M", "2.5 billion"; "B" is a billion only before a noun ("2 B rows").
    const scaleToken = this.peek();
    if (scaleToken?.kind === "word") {
      const scale = SCALE_WORDS.get(scaleToken.text) ?? SCALE_WORDS.get(scaleToken.text.toLowerCase());
      const isBillion = scaleToken.text === "B" && (this.mode.billions || this.isNoun(this.peek(1)));
      if (scale && !(scaleToken.text === "M" && this.peek(1)?.text === "B")) {
        multiplier = scale;
        end = scaleToken.end;
        this.index++;
      } else if (isBillion) {
        multiplier = new Decimal(1e9);
        end = scaleToken.end;
        this.index++;
      }
    }
    if (this.peek()?.kind === "percent") {
      multiplier = multiplier.div(100);
      end = this.peek()!.end;
      this.index++;
    }
    let unit: Unit | undefined = money ? unitNamed("usd") : undefined;
    let period: Unit | undefined;
    if (!money) {
      const phrase = this.unitPhrase();
      if (phrase) {
        unit = phrase.unit;
        period = phrase.period;
        end = phrase.end;
      }
    } else {
      const rate = this.ratePhrase();
      if (rate) {
        unit = { scale: unit!.scale.div(rate.unit.scale), dimension: combine(unit!.dimension, rate.unit.dimension, -1), symbol: `USD/${rate.unit.symbol}` };
        period = rate.unit;
        end = rate.end;
      }
    }
    const writtenEnd = end;
    // A metric prefix standing alone as the unit ("40,000 nano" a request) names a fraction of a
    // unit the text leaves out (nanodollars? nanocents?): the quantity cannot be read.
    if (this.peek()?.kind === "word" && this.peek()!.spaced && PREFIX_WORDS.has(this.peek()!.text.toLowerCase())) {
      this.index = saved;
      return undefined;
    }
    // Nouns: "8 M DAU", "6 tenant keys", "400 writes/s": counted things, with an optional rate.
    let nouns = 0;
    let rate: Unit | undefined;
    while (nouns < 3 && this.isNoun(this.peek())) {
      this.index++;
      nouns++;
      end = this.tokens[this.index - 1]!.end;
      const per = this.ratePhrase();
      if (per) {
        rate = per.unit;
        end = per.end;
        break;
      }
    }
    // "2 holds per order", "125 ms per hold": a count per thing, no unit of ours.
    if (!rate && this.isWord(this.peek(), "per") && this.isNoun({ ...this.peek(1)!, spaced: true }) && this.peek(1)) {
      this.index += 2;
      end = this.tokens[this.index - 1]!.end;
    }
    // "2% run past TTL/3": the number belongs to a formula with names we cannot evaluate.
    const after = this.peek();
    if (nouns > 0 && after && !after.spaced && (after.kind === "op" || after.kind === "pow")) {
      this.index = saved;
      return undefined;
    }
    const naive = new Decimal(digits).mul(multiplier);
    // Integers are exact counts unless visibly rounded ("853,000"); decimals carry half a step.
    // A one-digit figure ("0.1 s", "0.5 jobs") is a parameter, taken as exact.
    const significant = digits.replace(".", "").replace(/^0+/, "").replace(/0+$/, "").length;
    const uncertain = significant >= 2 && (decimals > 0 || zeros >= 3);
    const halfStep = uncertain ? new Decimal(10).pow(decimals ? -decimals : zeros).div(2).mul(multiplier) : ZERO;
    let value = unit ? naive.mul(unit.scale) : naive;
    let dimension = unit ? unit.dimension : COUNT;
    if (rate) {
      value = value.div(rate.scale);
      dimension = combine(dimension, rate.dimension, -1);
    }
    const combined: Unit | undefined = unit && rate ? { scale: unit.scale.div(rate.scale), dimension, symbol: unit.symbol } : unit ?? (rate ? { scale: new Decimal(1).div(rate.scale), dimension, symbol: "" } : undefined);
    this.skipAnnotation();
    return {
      value,
      naive,
      error: combined ? halfStep.mul(combined.scale) : halfStep,
      naiveError: halfStep,
      lead: undefined,
      dimension,
      hasUnit: combined !== undefined,
      hasBare: combined === undefined && nouns === 0,
      lastUnit: combined,
      approx: false,
      operators: 0,
      start: (money ? lead! : number).start,
      end,
      written: {
        numberStart: number.start,
        end: writtenEnd,
        step: new Decimal(10).pow(decimals ? -decimals : trailingZeros),
        decimals,
        multiplier,
        unit: combined,
        suffix: this.run.slice(number.end, writtenEnd),
        period: period ?? rate,
      },
    };
  }

  private isNoun(token: Token | undefined): boolean {
    if (token?.kind !== "word" || !token.spaced) return false;
    const lower = token.text.toLowerCase();
    return !NOT_NOUNS.has(lower) && !unitNamed(token.text) && !SCALE_WORDS.has(token.text) && /^[A-Za-z]/.test(token.text);
  }

  /** A unit with an optional exponent and rate: "GB", "ms²", "GB/s", "MB per day", "/s". */
  private unitPhrase(): { unit: Unit; end: number; period?: Unit } | undefined {
    const token = this.peek();
    let unit: Unit | undefined;
    let end = 0;
    if (token?.kind === "word") {
      unit = this.unit(token.text);
      if (unit) {
        this.index++;
        end = token.end;
        const sup = this.peek();
        if (sup?.kind === "sup" && !sup.spaced) {
          const exponent = SUPERSCRIPTS[sup.text]!;
          unit = { ...unit, scale: unit.scale.pow(exponent), dimension: scaleDimension(unit.dimension, exponent) };
          end = sup.end;
          this.index++;
        }
      }
    }
    const rate = this.ratePhrase();
    if (!unit && !rate) return undefined;
    if (!rate) return { unit: unit!, end };
    const base = unit ?? { scale: new Decimal(1), dimension: COUNT, symbol: "" };
    return { unit: { scale: base.scale.div(rate.unit.scale), dimension: combine(base.dimension, rate.unit.dimension, -1), symbol: `${base.symbol}/${rate.unit.symbol}` }, end: rate.end, period: rate.unit };
  }

  /** "/s" (no space), "per second", "a day", "an hour". */
  private ratePhrase(): { unit: Unit; end: number } | undefined {
    const slash = this.peek();
    const word = this.peek(1);
    if (slash?.kind === "op" && slash.text === "/" && !slash.spaced && word?.kind === "word" && !word.spaced) {
      const unit = this.timeUnit(word.text);
      if (unit) {
        this.index += 2;
        return { unit, end: word.end };
      }
      return undefined;
    }
    // "50 per 100 ms", "$0.75 per million".
    if (this.isWord(slash, "per") && word?.kind === "num") {
      const unitWord = this.peek(2);
      const unit = unitWord?.kind === "word" ? this.timeUnit(unitWord.text) : undefined;
      if (unit) {
        this.index += 3;
        return { unit: { ...unit, scale: unit.scale.mul(word.text.replace(/,/g, "")) }, end: unitWord!.end };
      }
      return undefined;
    }
    if (this.isWord(slash, "per") && word?.kind === "word" && SCALE_WORDS.has(word.text) && word.text !== "pp") {
      this.index += 2;
      return { unit: { scale: SCALE_WORDS.get(word.text)!, dimension: COUNT, symbol: word.text }, end: word.end };
    }
    if (this.isWord(slash, "per", "a", "an") && word?.kind === "word") {
      const unit = this.timeUnit(word.text);
      if (unit && !(word.text === "s" && slash!.text !== "per")) {
        this.index += 2;
        return { unit, end: word.end };
      }
    }
    return undefined;
  }

  /** "(hourly rules at other minutes)" after a number is a remark, not a factor. */
  private skipAnnotation(): void {
    if (this.peek()?.kind !== "lparen") return;
    let depth = 0;
    for (let index = this.index; index < this.tokens.length; index++) {
      const token = this.tokens[index]!;
      if (token.kind === "lparen") depth++;
      if (token.kind === "rparen" && --depth === 0) {
        const inside = this.tokens.slice(this.index + 1, index);
        // Only a remark in words: "(3 x 2)" after a number would be a formula we do not read.
        if (inside.some((each) => each.kind === "word") && !inside.some((each) => each.kind === "rel")) this.index = index + 1;
        return;
      }
    }
  }

  /** A relation at the cursor: "=", "≈", "is about", "= roughly", "<", "≥". */
  relation(): { relation: Relation; approx: boolean } | undefined {
    const saved = this.index;
    // ", which is about 5.2 GB", ", or about 5.2 GB": a comma may come before a worded relation.
    if (this.peek()?.kind === "punct" && this.peek()!.text === "," && this.isWord(this.peek(1), "which", "that", "or")) this.index++;
    let token = this.peek();
    if (!token) return undefined;
    let relation: Relation | undefined;
    let approx = false;
    if (this.isWord(token, "which", "that") && this.isWord(this.peek(1), "is")) {
      this.index++;
      token = this.peek()!;
    } else if (this.isWord(token, "comes") && this.isWord(this.peek(1), "to")) {
      this.index++;
      token = this.peek()!;
      relation = "=";
    } else if (this.isWord(token, "or")) {
      // "or" restates only when it says how closely: ", or about 5.2 GB".
      const next = this.peek(1);
      if (!(next?.kind === "approx" || this.isWord(next, ...APPROX_WORDS))) {
        this.index = saved;
        return undefined;
      }
      relation = "=";
    }
    if (relation) {
      // Set by "comes to" or "or" above.
    } else if (token.kind === "rel") {
      const text = token.text;
      relation = text === "->" || text === "→" ? "=" : text === "=" ? "=" : text === "<" ? "<" : text === ">" ? ">" : text === "≤" || text === "<=" ? "≤" : text === "≥" || text === ">=" ? "≥" : "≈";
      approx = relation === "≈";
    } else if (token.kind === "approx" && token.spaced && this.peek(1)?.spaced) {
      relation = "≈";
      approx = true;
    } else if (this.isWord(token, "is", "gives")) {
      relation = "=";
    } else {
      this.index = saved;
      return undefined;
    }
    this.index++;
    if (relation === "=") {
      const next = this.peek();
      if (next?.kind === "approx" || this.isWord(next, ...APPROX_WORDS) || (next?.kind === "rel" && next.text === "≈")) {
        approx = true;
        relation = "≈";
        this.index++;
      }
    }
    return { relation, approx };
  }
}

// ---------------------------------------------------------------------------------------------
// Checking

function format(value: Decimal, decimals: number): string {
  let digits = decimals;
  // Show at least two significant digits, so a wrong result never prints as "0".
  while (digits < 8 && !value.isZero() && value.abs().lt(new Decimal(10).pow(1 - digits))) digits++;
  const fixed = value.toFixed(digits);
  const [whole, fraction] = fixed.split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** "24.0" is "24" when the author wrote no decimals; "1.50" stays when they wrote two. */
function trimZeros(number: string, keep: number): string {
  if (!number.includes(".")) return number;
  const [whole, fraction] = number.split(".");
  let digits = fraction!;
  while (digits.length > keep && digits.endsWith("0")) digits = digits.slice(0, -1);
  return digits ? `${whole}.${digits}` : whole!;
}

interface Member {
  quantity: Quantity;
  relation?: { relation: Relation; approx: boolean };
}

function holds(relation: Relation, left: Decimal, right: Decimal, step: Decimal | undefined, error: Decimal, approx: boolean, tolerance: number): boolean {
  const difference = left.sub(right).abs();
  switch (relation) {
    case "<":
      return left.lt(right);
    case ">":
      return left.gt(right);
    case "≤":
      return left.lte(right);
    case "≥":
      return left.gte(right);
    default: {
      // Exact to the precision written: the left side, give or take the rounding of its own
      // operands, rounds to the right side's last digit.
      const slack = error.add(step ? step.div(2) : left.abs().mul(1e-9)).mul(1.000001);
      if (difference.lte(slack)) return true;
      return (approx || relation === "≈") && difference.lte(left.abs().mul(tolerance).add(error));
    }
  }
}

/** A reading of a relation: the two values to compare, and how to print the left in the right's terms. */
interface Reading {
  left: Decimal;
  right: Decimal;
  step: Decimal | undefined;
  error: Decimal;
  /** What one written unit of the right side is worth in this reading. */
  display: Decimal | undefined;
  /** The unit to print instead of the written one (an elided unit found by this reading). */
  unitText?: string;
  /** A guess at a unit the text left out: never the reading a report is worded in. */
  elided?: boolean;
}

/** A friendlier unit of the same family for a value far from 1 ("0.0069 TB" reads as "6.9 GB"). */
const DATA_FAMILY = ["B", "KB", "MB", "GB", "TB", "PB"];

function readings(left: Quantity, right: Quantity): { byUnits: Reading[]; naive: Reading } {
  const written = right.written;
  const byUnits: Reading[] = [];
  const unitScale = written ? written.multiplier.mul(written.unit?.scale ?? 1) : undefined;
  const step = (scale: Decimal | undefined): Decimal | undefined => (written && scale ? written.step.mul(scale) : undefined);
  if (sameDimension(left.dimension, right.dimension)) {
    byUnits.push({ left: left.value, right: right.value, step: step(unitScale), error: left.error.add(right.error), display: unitScale });
  }
  // "400 writes/s x 86,400 s x 200 B is about 7 GB per day": one day's amount of a daily rate.
  const period = written?.period;
  if (period && sameDimension(combine(right.dimension, period.dimension, 1), left.dimension)) {
    const scale = unitScale!.mul(period.scale);
    byUnits.push({ left: left.value, right: right.value.mul(period.scale), step: step(scale), error: left.error, display: scale });
  }
  // "200,000 x 60 s / 19 = 7.3 days" written "= 7.3 + 0.6 = 7.9 days": a unit the right side
  // leaves for later is tried in every unit of the left side's dimension.
  if (!right.hasUnit && right.hasBare && left.hasUnit) {
    for (const unit of unitsOfDimension(left.dimension)) {
      const scale = (written?.multiplier ?? new Decimal(1)).mul(unit.scale);
      byUnits.push({ left: left.value, right: right.naive.mul(unit.scale), step: step(scale), error: left.error, display: scale, unitText: ` ${unit.symbol}`, elided: true });
    }
  }
  const naive: Reading = { left: left.naive, right: right.naive, step: step(written?.multiplier), error: left.naiveError.add(right.naiveError), display: written?.multiplier };
  return { byUnits, naive };
}

/** Capacity counts round up: "3,333 / 100 = 34 partitions" (you cannot run 33.3). */
function roundsUp(reading: Reading, written: WrittenNumber | undefined): boolean {
  if (!written || written.decimals || !reading.display) return false;
  const exact = reading.left.div(reading.display);
  return exact.gt(0) && !exact.isInteger() && exact.ceil().eq(reading.right.div(reading.display));
}

function judge(left: Quantity, right: Quantity, relation: Relation, relationApprox: boolean, leftText: string, rightText: string, tail: string, tolerance: number): CheckedCalculation {
  const approx = relationApprox || left.approx || right.approx || (relation === "=" && right.operators > 0);
  const base = { start: left.start, end: right.end, relation, ...(right.written ? { result: { start: right.written.numberStart, end: right.written.end } } : {}) };
  const { byUnits, naive } = readings(left, right);
  const all = [...byUnits, naive];
  if (all.some((reading) => holds(relation, reading.left, reading.right, reading.step, reading.error, approx, tolerance) || (relation === "=" && roundsUp(reading, right.written)))) {
    return { ...base, verdict: "ok" };
  }
  if (!byUnits.length && left.hasUnit && right.hasUnit) {
    const onlyTime = left.dimension.data === right.dimension.data && left.dimension.money === right.dimension.money;
    // "7 days x 8,646 kills x 250 B = 15 MB": kills per day, written without the "/day".
    if (onlyTime) return { ...base, verdict: "skipped" };
    return {
      ...base,
      verdict: "units",
      message: `The units do not match: ${leftText} is in ${describeDimension(left.dimension)}, but ${rightText} is in ${describeDimension(right.dimension)}.`,
    };
  }
  const reading = byUnits.find((candidate) => !candidate.elided) ?? naive;
  if (relation !== "=" && relation !== "≈") {
    const words = { "<": "less than", ">": "more than", "≤": "at most", "≥": "at least" }[relation];
    const computed = left.operators > 0 ? ` is ${trimZeros(format(reading.left, 2), 0)}, so it is` : " is";
    return { ...base, verdict: "wrong", message: `${leftText}${computed} not ${words} ${rightText}.` };
  }
  const written = right.written;
  if (!written || !reading.display) return { ...base, verdict: "wrong", message: `${leftText} = ${format(reading.left, 2)}, not ${rightText}.` };
  let value = reading.left.div(reading.display);
  let suffix = reading.unitText ?? written.suffix;
  const familyIndex = DATA_FAMILY.indexOf(/^\s*([KMGTP]?B)\b/.exec(suffix)?.[1] ?? "");
  if (reading !== naive && familyIndex >= 0 && written.multiplier.eq(1)) {
    let index = familyIndex;
    while (value.abs().gte(1000) && index < DATA_FAMILY.length - 1) (value = value.div(1000)), index++;
    while (value.abs().lt(1) && !value.isZero() && index > 0) (value = value.mul(1000)), index--;
    suffix = suffix.replace(/[KMGTP]?B/, DATA_FAMILY[index]!);
  }
  // Three significant digits at least, so the difference from the written value shows.
  const magnitude = value.isZero() ? 0 : Math.floor(Math.log10(value.abs().toNumber()));
  const shown = `${trimZeros(format(value, Math.max(written.decimals, Math.min(6, 2 - magnitude))), written.decimals)}${suffix}`;
  // "about 5.2 GB": say how far off it is, against the tolerance it was allowed.
  const share = reading.left.isZero() ? undefined : reading.left.sub(reading.right).abs().div(reading.left.abs()).mul(100);
  // A near miss says by how much; one off by a factor speaks for itself.
  const off = approx && share && share.lt(100) ? ` (${share.toFixed(0)} % off; "about" allows ${Math.round(tolerance * 100)} %)` : "";
  return { ...base, verdict: "wrong", message: `${leftText} = ${shown}${tail}, not ${rightText}${off}.`, replacement: { start: written.numberStart, end: written.end, text: shown } };
}

/**
 * One link of a chain. A right side that is itself an expression ("= 1.24 M x 104 B = 129 MB")
 * is a derivation going on: its first number is the previous step's result, the rest the next step.
 */
function checkLink(left: Quantity, member: Member, run: string, tolerance: number): CheckedCalculation {
  const text = (quantity: Quantity): string => run.slice(quantity.start, quantity.end).replace(/\s+/g, " ");
  const { relation, approx } = member.relation!;
  const right = member.quantity;
  const tail = (quantity: Quantity): string => (quantity.written ? run.slice(quantity.written.end, quantity.end).replace(/\s+/g, " ") : "");
  const whole = judge(left, right, relation, approx, text(left), text(right), tail(right), tolerance);
  const lead = right.operators > 0 ? right.lead : undefined;
  if (whole.verdict === "ok" || !lead) return whole;
  const first = judge(left, lead, relation, approx, text(left), text(lead), tail(lead), tolerance);
  return first.verdict === "ok" ? { ...first, end: right.end } : first;
}

/**
 * How the ambiguous units are read: "B" after a number is a byte or a billion ("4.0 B x 30.4 =
 * 122 B events"), and a month is 30 days or the 730 hours cloud prices use.
 */
interface ReadingMode {
  billions: boolean;
  pricingMonth: boolean;
}

/** A run without one of these cannot hold a calculation ("=", "≈", "~", "<", "is about", "gives", "comes to", "or about"). */
const RELATION_HINT = /[=≈≃~<>≤≥→]|\b(?:is|gives|comes|or)\b/;

/** Every calculation in a run of prose, checked; right if any reading of the ambiguous units makes it so. */
export function findCalculations(run: string, options: CalculationOptions): CheckedCalculation[] {
  // Most prose states no relation at all; it is not worth tokenizing.
  if (!RELATION_HINT.test(run)) return [];
  const tokens = tokenize(run);
  const hasB = tokens.some((token) => token.kind === "word" && token.text === "B");
  const hasMonth = tokens.some((token) => token.kind === "word" && /^months?$/i.test(token.text));
  const modes: ReadingMode[] = [];
  for (const billions of hasB ? [false, true] : [false]) for (const pricingMonth of hasMonth ? [false, true] : [false]) modes.push({ billions, pricingMonth });
  const [first, ...others] = modes.map((mode) => scan(tokens, run, options, mode));
  return first!.map((found) => {
    if (found.verdict === "ok" || found.verdict === "skipped") return found;
    for (const other of others) {
      const same = other.find((candidate) => candidate.start === found.start && candidate.end === found.end);
      if (same && (same.verdict === "ok" || same.verdict === "skipped")) return same;
    }
    return found;
  });
}

function checkChain(members: Member[], run: string, options: CalculationOptions, uncertainStart: boolean): CheckedCalculation[] {
  const found: CheckedCalculation[] = [];
  if (members.length < 2) return found;
  let reference = members[0]!.quantity;
  for (const member of members.slice(1)) {
    // "2,100 req/s = 336,000 seats" restates, it does not compute: a link is checked when one
    // side computes, when it compares, or when it converts between units of one dimension.
    const relation = member.relation!.relation;
    const computes = reference.operators > 0 || member.quantity.operators > 0 || (relation !== "=" && relation !== "≈") || isConversion(reference, member.quantity);
    if (!computes) {
      reference = member.quantity;
      continue;
    }
    let result = checkLink(reference, member, run, options.tolerance);
    // A "conversion" far off is shorthand for a step the text leaves out ("1 pod of 48 for
    // 2 min = 2.5 s" of the fleet), not a slip in converting; only a near miss is reported.
    if (result.verdict === "wrong" && reference.operators === 0 && member.quantity.operators === 0) {
      const ratio = reference.value.div(member.quantity.value).abs();
      if (ratio.gt(2) || ratio.lt(0.5)) result = { start: result.start, end: result.end, relation: result.relation, verdict: "skipped" };
    }
    const failed = result.verdict === "wrong" || result.verdict === "units";
    if (failed && uncertainStart && reference === members[0]!.quantity) result = { start: result.start, end: result.end, relation: result.relation, verdict: "skipped" };
    found.push(result);
    // After a wrong step, the next one is compared with the last right value, not the wrong one.
    if (!failed) reference = member.quantity;
  }
  return found;
}

function scan(tokens: Token[], run: string, options: CalculationOptions, mode: ReadingMode): CheckedCalculation[] {
  const parser = new Parser(tokens, run, mode);
  const found: CheckedCalculation[] = [];
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index]!;
    const canStart =
      token.kind === "num" ||
      token.kind === "lparen" ||
      token.kind === "dollar" ||
      token.kind === "approx" ||
      token.kind === "root" ||
      (token.kind === "word" && (CURRENCY_WORDS.has(token.text.toLowerCase()) || APPROX_WORDS.has(token.text.toLowerCase()) || token.text.toLowerCase() in FUNCTIONS || token.text === "e"));
    const start = canStart ? startsCleanly(tokens, index) : "no";
    if (start === "no") {
      index++;
      continue;
    }
    parser.position = index;
    const first = parser.expression();
    if (!first) {
      index++;
      continue;
    }
    const members: Member[] = [{ quantity: first }];
    for (;;) {
      const saved = parser.position;
      const relation = parser.relation();
      if (!relation) break;
      const next = parser.expression();
      if (!next) {
        parser.position = saved;
        break;
      }
      members.push({ quantity: next, relation });
    }
    // The last member is cut short when an operator follows it ("= 3,333 + 2,222 + x").
    if (members.length > 1 && endsDangling(tokens, parser.position)) members.pop();
    const chains = [members];
    // "= 1,178 in flight, ÷ 32 busy threads = 37 pods, × 1.3 headroom = 48": each comma goes
    // on computing from the last result.
    for (let last = members; last.length > 1 && !endsDangling(tokens, parser.position); ) {
      const saved = parser.position;
      // A few words may follow the result before the comma ("= 1,178 in flight, ÷ 32").
      let at = saved;
      while (at < saved + 4 && tokens[at]?.kind === "word" && !isTimes(tokens[at]!) && !/^is$/i.test(tokens[at]!.text)) at++;
      const separator = tokens[at];
      if (separator?.kind !== "punct" || (separator.text !== "," && separator.text !== ";")) break;
      parser.position = at + 1;
      const continued = parser.continueFrom(last[last.length - 1]!.quantity);
      const relation = continued ? parser.relation() : undefined;
      const next = relation ? parser.expression() : undefined;
      if (!continued || !relation || !next || endsDangling(tokens, parser.position)) {
        parser.position = saved;
        break;
      }
      last = [{ quantity: continued }, { quantity: next, relation }];
      chains.push(last);
    }
    for (const chain of chains) found.push(...checkChain(chain, run, options, start === "uncertain" && chain === members));
    index = Math.max(parser.position, index + 1);
  }
  return found;
}

/** "56 MB/s = 451 Mbit/s", "15 min = 900 s": two written quantities of one dimension in different units. */
function isConversion(left: Quantity, right: Quantity): boolean {
  const a = left.written?.unit;
  const b = right.written?.unit;
  return a !== undefined && b !== undefined && sameDimension(a.dimension, b.dimension) && !a.scale.eq(b.scale);
}

/** Words after which a number may continue a computation begun earlier ("..., plus 25 x 900 s = 83,925 s"). */
const CONTINUING_WORDS = new Set(["plus", "minus", "times", "at"]);

/**
 * Whether an expression may start here: "no" where it would continue one we cannot read
 * ("TTL/3", "rand x 2", "96 x c6i.xlarge $0.17 x 730", where the 96 multiplies too, or
 * "updates (64 x 10 x 8)", a remark on the number before it); "uncertain" after "plus" or "at",
 * where the sum or product may have begun earlier, so a mismatch is not reported.
 */
function startsCleanly(tokens: Token[], index: number): "yes" | "uncertain" | "no" {
  const previous = tokens[index - 1];
  if (!previous) return "yes";
  if (previous.kind === "op" || previous.kind === "pow" || previous.kind === "other" || previous.kind === "num" || previous.kind === "dollar" || previous.kind === "root") return "no";
  // "outbox ≈ 190,000 events x 600 B = 114 MB": a name, then the computation of its value.
  if (previous.kind === "rel") {
    const name = tokens[index - 2];
    const before = tokens[index - 3];
    const plainName = name?.kind === "word" && !isTimes(name) && !(before && (before.kind === "op" || before.kind === "pow" || isTimes(before)));
    return plainName ? "yes" : "no";
  }
  if (previous.kind === "word" && isTimes(previous)) return "no";
  if (previous.kind === "word" && !tokens[index]!.spaced) return "no";
  if (tokens[index]!.kind === "lparen" && ((previous.kind === "word" && !NOT_NOUNS.has(previous.text.toLowerCase())) || previous.kind === "rparen")) return "no";
  // Walk back over a name ("c6i.xlarge", "RF"): an operator before it makes this a later factor.
  for (let back = index - 1, steps = 0; back >= 0 && steps < 4; back--, steps++) {
    const token = tokens[back]!;
    if (token.kind === "op" || (token.kind === "word" && isTimes(token))) return "no";
    if (token.kind === "word" && !NOT_NOUNS.has(token.text.toLowerCase())) continue;
    if (token.kind === "punct" && token.text === "." && !token.spaced) continue;
    break;
  }
  return previous.kind === "word" && CONTINUING_WORDS.has(previous.text.toLowerCase()) ? "uncertain" : "yes";
}

function isTimes(token: Token): boolean {
  return token.kind === "word" && (token.text === "x" || token.text === "X");
}

function endsDangling(tokens: Token[], index: number): boolean {
  const next = tokens[index];
  if (!next) return false;
  if (next.kind === "op" || next.kind === "pow") return true;
  if (next.kind === "word" && (next.text === "x" || next.text === "X")) return true;
  // "= 5 s per try" reads fine, but "= 5 x" or "= 3.5." followed by a digit does not.
  return next.kind === "other" && !next.spaced && /^\d/.test(next.text);
}
