/**
 * The slice of the WebAssembly JavaScript API the parser loaders use. Node provides the global;
 * @types/node 20 does not declare it, and pulling in the DOM library would bring in browser globals.
 */
declare namespace WebAssembly {
  type Imports = Record<string, Record<string, unknown>>;
  type Exports = Record<string, unknown>;
  interface Module {}
  interface Instance {
    readonly exports: Exports;
  }
  function compile(bytes: ArrayBufferView | ArrayBuffer): Promise<Module>;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
}
