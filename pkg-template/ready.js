// Set by the entry file once the WebAssembly module is instantiated.
export const state = { ready: false };
