// @pulumi/pulumi loads the TypeScript compiler at import (for closure serialization, which unit tests
// rarely use); jest would load it into every test file's module registry. This stand-in loads it on first use.
const path = require("path");
const lazyProxy = require("./lazy-proxy");
let real;
const load = () => (real ??= require(path.join(path.dirname(require.resolve("typescript/package.json")), "lib", "typescript.js")));
module.exports = lazyProxy(load, (key) => load()[key]);
