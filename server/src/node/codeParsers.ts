import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePrism } from "@ruby/prism/src/parsePrism.js";
import { CodeOffsets, codeSyntaxError, PARSED_LANGUAGES, type CodeParsers, type CodeParserState, type CodeSyntaxError } from "../core/code/codeCheck";
import { checkSqlStatements } from "../core/code/sqlStatements";

/** Parses one code string; loaded once per process. */
export type ParseFunction = (code: string) => CodeSyntaxError[];

export interface ParserLoaders {
  ruby: () => Promise<ParseFunction>;
  sql: () => Promise<ParseFunction>;
}

/** The Ruby version Prism parses for; "3.3" is the oldest it accepts. */
const PRISM_RUBY_VERSION = "3.3";

/**
 * Finds a WebAssembly file: next to the bundle (build.mjs copies it into dist/), or in the
 * package when running from source.
 */
function wasmPath(fileName: string, packagePath: string): string {
  const bundled = join(__dirname, fileName);
  return existsSync(bundled) ? bundled : require.resolve(packagePath);
}

/** Node 20 warns that WASI is experimental on every start; the warning says nothing to users. */
function withoutWasiWarning<T>(create: () => T): T {
  const original = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).includes("WASI")) return;
    (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return create();
  } finally {
    process.emitWarning = original;
  }
}

/** `quickCheck: false` always runs the full parse; tests compare the two. */
export async function loadPrism(path = wasmPath("prism.wasm", "@ruby/prism/src/prism.wasm"), { quickCheck = true } = {}): Promise<ParseFunction> {
  const module = await WebAssembly.compile(readFileSync(path));
  // Required here, not imported at the top: loading node:wasi is what emits the warning.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { WASI } = withoutWasiWarning(() => require("node:wasi") as typeof import("node:wasi"));
  const instantiate = (): WebAssembly.Instance => {
    const wasi = withoutWasiWarning(() => new WASI({ version: "preview1" }));
    const created = new (WebAssembly as unknown as { Instance: new (module: WebAssembly.Module, imports: WebAssembly.Imports) => WebAssembly.Instance }).Instance(module, withoutWasiWarning(() => wasi.getImportObject()) as WebAssembly.Imports);
    withoutWasiWarning(() => wasi.initialize(created));
    return created;
  };
  let instance = instantiate();
  const parse = (code: string): CodeSyntaxError[] => {
    // Almost every block in a scenario is valid Ruby. Asking Prism only whether a block parses
    // skips serialising its syntax tree into JavaScript objects, which is most of the cost; the
    // full parse runs only for a block with errors, to say what they are.
    if (quickCheck && parsesCleanly(instance.exports as unknown as PrismExports, code)) return [];
    const errors = parsePrism(instance.exports, code, { version: PRISM_RUBY_VERSION, partial_script: true }).errors;
    // Prism pairs an unclosed construct ("expected an `end` ...") with a second error at the
    // end of input; that second one only restates the first, so it is dropped when not alone.
    const meaningful = errors.length > 1 ? errors.filter((error) => error.type !== "unexpected_token_close_context") : errors;
    // In order of position, so the offset conversions make one pass over the block (CodeOffsets).
    meaningful.sort((a, b) => a.location.startOffset - b.location.startOffset);
    const offsets = new CodeOffsets(code);
    return meaningful.map((error) => {
      const start = offsets.fromUtf8(error.location.startOffset);
      const end = offsets.fromUtf8(error.location.startOffset + error.location.length);
      return codeSyntaxError(offsets, error.message, start, end);
    });
  };
  return (code) => {
    try {
      return parse(code);
    } catch (error) {
      // Code nested about a thousand levels deep exhausts Prism's stack inside WebAssembly
      // ("memory access out of bounds"), or the JavaScript stack while its tree is read. The
      // instance's memory can no longer be trusted, so a fresh one takes its place, and the
      // block gets one error that says why it was not checked.
      const { RuntimeError } = WebAssembly as unknown as { RuntimeError: new () => Error };
      if (!(error instanceof RuntimeError || error instanceof RangeError)) throw error;
      instance = instantiate();
      return [codeSyntaxError(new CodeOffsets(code), `this block nests too deeply for the Ruby parser (it ran out of stack: ${error.message}), so it was not checked`, 0, Math.min(1, code.length))];
    }
  };
}

interface PrismExports {
  memory: { buffer: ArrayBuffer };
  calloc(count: number, size: number): number;
  free(pointer: number): void;
  pm_parse_success_p(source: number, length: number, options: number): number;
}

/**
 * Prism's serialised parse options for what `parsePrism` is given above ({ version: "3.3",
 * partial_script: true }), in the layout of @ruby/prism 1.9's `dumpOptions` (which the package
 * does not export): filepath length (u32) 0, line (i32) 1, encoding length (u32) 0, then one
 * byte each for frozen_string_literal 0, command line 0, version 1 (3.3), encoding locked 0,
 * main_script 0, partial_script 1, freeze 0, and the scope count (u32) 0. Little-endian, as
 * WebAssembly is. test/codeParsers.test.ts checks that the quick answer agrees with the full
 * parse on every Ruby block of the library and on broken ones.
 */
const PRISM_OPTIONS = new Uint8Array([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]);

function parsesCleanly(prism: PrismExports, code: string): boolean {
  const source = new TextEncoder().encode(code);
  const sourcePointer = prism.calloc(1, Math.max(1, source.length));
  const optionsPointer = prism.calloc(1, PRISM_OPTIONS.length);
  try {
    new Uint8Array(prism.memory.buffer, sourcePointer, source.length).set(source);
    new Uint8Array(prism.memory.buffer, optionsPointer, PRISM_OPTIONS.length).set(PRISM_OPTIONS);
    return prism.pm_parse_success_p(sourcePointer, source.length, optionsPointer) !== 0;
  } finally {
    prism.free(sourcePointer);
    prism.free(optionsPointer);
  }
}

/** The Emscripten runtime of libpg-query (PostgreSQL 15's parser compiled to WebAssembly). */
interface PgQueryRuntime {
  _malloc(size: number): number;
  _free(pointer: number): void;
  _wasm_parse_query_raw(query: number): number;
  _wasm_free_parse_result(result: number): void;
  getValue(pointer: number, type: "i32"): number;
  UTF8ToString(pointer: number): string;
  stringToUTF8(text: string, pointer: number, size: number): void;
  lengthBytesUTF8(text: string): number;
}

/**
 * Parses with PostgreSQL's parser and returns its error, if any. The package's `parseSync` also
 * turns the whole syntax tree into JavaScript (a JSON string, then JSON.parse), which no check
 * here reads; this asks only for the error. The result is the C struct
 * { char *parse_tree; char *stderr_buffer; PgQueryError *error } and the error the struct
 * { char *message; char *funcname; char *filename; int lineno; int cursorpos; ... }, as
 * libpg-query 15.6's own wrapper reads them; test/codeParsers.test.ts checks the answers
 * against `parseSync` on every SQL block of the library and on broken ones.
 */
export function pgQueryError(runtime: PgQueryRuntime, sql: string): { message: string; cursorPosition: number } | undefined {
  const size = runtime.lengthBytesUTF8(sql) + 1;
  const query = runtime._malloc(size);
  let result = 0;
  try {
    runtime.stringToUTF8(sql, query, size);
    result = runtime._wasm_parse_query_raw(query);
    const error = runtime.getValue(result + 8, "i32");
    if (!error) return undefined;
    const message = runtime.getValue(error, "i32");
    const cursor = runtime.getValue(error + 16, "i32");
    return { message: message ? runtime.UTF8ToString(message) : "syntax error", cursorPosition: cursor > 0 ? cursor - 1 : 0 };
  } finally {
    runtime._free(query);
    if (result) runtime._wasm_free_parse_result(result);
  }
}

export async function loadPgQueryRuntime(): Promise<PgQueryRuntime> {
  // Required lazily: the runtime instantiates PostgreSQL's parser (about 50 MB) when created.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const create = require("libpg-query/wasm/libpg-query.js") as () => Promise<PgQueryRuntime>;
  return create();
}

/** `wholeBlockFirst: false` always checks statement by statement; tests compare the two. */
export async function loadPgQuery({ wholeBlockFirst = true } = {}): Promise<ParseFunction> {
  const runtime = await loadPgQueryRuntime();
  return (code) => {
    // A block that parses whole has no error in any statement; only a failing block is split
    // into statements, so that every failing statement is reported.
    if (wholeBlockFirst && code.trim() !== "" && !pgQueryError(runtime, code)) return [];
    const offsets = new CodeOffsets(code);
    return checkSqlStatements(code, (statement) => pgQueryError(runtime, statement)).map((failure) =>
      codeSyntaxError(offsets, failure.message, failure.offset, failure.offset + sqlTokenLength(code, failure.offset, failure.message)),
    );
  };
}

/**
 * How much of the text the squiggle of a PostgreSQL error should cover. PostgreSQL reports
 * only where the offending token starts ("syntax error at or near \"TABL\""); underlining one
 * character hides what it objects to, so the squiggle covers the token it names, or the word
 * at the position, or one character when there is neither.
 */
export function sqlTokenLength(code: string, offset: number, message: string): number {
  const named = /at or near "(.+)"$/.exec(message)?.[1];
  if (named && code.startsWith(named, offset)) return named.length;
  const word = /^[\p{L}\p{N}_$]+/u.exec(code.slice(offset, offset + 200));
  return Math.max(1, word?.[0].length ?? 1);
}

const FENCE = {
  ruby: new RegExp(`^\\s*(?:>\\s*)*(?:[-*+]\\s+|\\d+[.)]\\s+)?(\`{3,}|~{3,})\\s*(?:${PARSED_LANGUAGES.ruby.join("|")})\\b`, "im"),
  sql: new RegExp(`^\\s*(?:>\\s*)*(?:[-*+]\\s+|\\d+[.)]\\s+)?(\`{3,}|~{3,})\\s*(?:${PARSED_LANGUAGES.sql.join("|")})\\b`, "im"),
};

const CACHE_LIMIT = 2000;

/**
 * Loads the code parsers once, lazily (a document without code never waits for them), and
 * caches results by block content, so a document whose prose changed is not re-parsed.
 * A parser that fails to load stays failed with its reason, which the rules report.
 */
export class CodeParserHost {
  private readonly loading: Partial<Record<keyof ParserLoaders, Promise<CodeParserState>>> = {};
  private readonly states: CodeParsers = {};
  private readonly caches = { ruby: new Map<string, CodeSyntaxError[]>(), sql: new Map<string, CodeSyntaxError[]>() };
  /** How many blocks each parser actually parsed (cache misses); for tests and diagnostics. */
  readonly parseCounts = { ruby: 0, sql: 0 };

  constructor(private readonly loaders: ParserLoaders = { ruby: () => loadPrism(), sql: () => loadPgQuery() }) {}

  /** The parsers loaded so far, without waiting for any. */
  get parsers(): CodeParsers {
    return this.states;
  }

  /** Loads the parsers this text's code blocks need (only those, only once) and returns all loaded. */
  async parsersFor(text: string): Promise<CodeParsers> {
    const needed = (Object.keys(FENCE) as Array<keyof ParserLoaders>).filter((language) => !this.states[language] && FENCE[language].test(text));
    await Promise.all(needed.map((language) => this.load(language)));
    return this.states;
  }

  private load(language: keyof ParserLoaders): Promise<CodeParserState> {
    this.loading[language] ??= this.loaders[language]()
      .then((parse): CodeParserState => ({ status: "ready", parse: (code) => this.cached(language, parse, code) }))
      .catch((error: unknown): CodeParserState => ({
        status: "failed",
        reason: `the ${language === "ruby" ? "Prism (Ruby)" : "libpg-query (PostgreSQL)"} WebAssembly module could not be loaded (${error instanceof Error ? error.message : String(error)})`,
      }))
      .then((state) => (this.states[language] = state));
    return this.loading[language]!;
  }

  private cached(language: keyof ParserLoaders, parse: ParseFunction, code: string): CodeSyntaxError[] {
    const cache = this.caches[language];
    const hit = cache.get(code);
    if (hit) return hit;
    this.parseCounts[language]++;
    const errors = parse(code);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(code, errors);
    return errors;
  }
}
