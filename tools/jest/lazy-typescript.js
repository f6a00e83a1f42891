// @pulumi/pulumi loads the TypeScript compiler at import (for closure serialization, which unit tests
// rarely use); jest would load it into every test file's module registry. This stand-in loads it on first use.
const path = require("path");
let real;
const load = () => (real ??= require(path.join(path.dirname(require.resolve("typescript/package.json")), "lib", "typescript.js")));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), key);
    return d && { ...d, configurable: true };
  },
});
