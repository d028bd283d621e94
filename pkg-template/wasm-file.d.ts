/**
 * The module file itself, for bundlers that emit imported files and hand back their URL
 * (esbuild and `bun build` with the `.wasm` loader set to `file`): pass it to initAntomCheckout.
 */
declare const url: string;
export default url;
