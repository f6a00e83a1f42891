// @pulumi/pulumi loads npm's Arborist at import (to find a closure's packages, which unit tests rarely
// need); jest would load it, and pacote and sigstore under it, into every test file. Loaded on first use.
const path = require("path");
let real;
const load = () => (real ??= require(require.resolve("@npmcli/arborist/lib/index.js", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] })));
module.exports = {
  __esModule: true,
  get Arborist() {
    return load().Arborist;
  },
};
