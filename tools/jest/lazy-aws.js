// @pulumi/aws's index requires all of its ~250 service namespaces at import; jest would do that in every
// test file that touches an AWS component. This stand-in loads a namespace (`aws.iam`) or a root function
// (`aws.getRegionOutput`) from its own file when first read, and the whole index only for anything else.
const fs = require("fs");
const path = require("path");
const lazyProxy = require("./lazy-proxy");

const root = path.dirname(require.resolve("@pulumi/aws/package.json"));
let index;
const wholeIndex = () => (index ??= require(path.join(root, "index.js")));
const found = new Map();

/** The file that defines `key` on its own, if there is one. */
function ownFile(key) {
  if (typeof key !== "string" || !/^[a-z][A-Za-z0-9]*$/.test(key)) return undefined;
  if (found.has(key)) return found.get(key);
  const candidates = [path.join(root, key, "index.js"), path.join(root, `${key}.js`), path.join(root, `${key.replace(/Output$/, "")}.js`)];
  const file = candidates.find((f) => fs.existsSync(f));
  found.set(key, file && { file, namespace: file.endsWith(`${path.sep}index.js`) });
  return found.get(key);
}

function read(key) {
  if (key === "__esModule") return true;
  if (index) return index[key];
  const own = ownFile(key);
  if (!own) return wholeIndex()[key];
  const module = require(own.file);
  return own.namespace ? module : module[key];
}

module.exports = lazyProxy(wholeIndex, read);
