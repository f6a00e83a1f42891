/** Tests import packages by name; map them to their sources so no build is needed before `npm test`. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true, sourceMap: true } }],
    // Graphviz (for `slipway graph`) ships as an ES module only; jest on Node 20 needs it as CommonJS.
    "node_modules/@hpcc-js/.+\\.js$": ["ts-jest", { tsconfig: { allowJs: true, isolatedModules: true, sourceMap: false } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!@hpcc-js/)"],
  moduleNameMapper: {
    "^@slipway/([a-z-]+)$": "<rootDir>/packages/$1/src",
    // Modules loaded at import that most test files never use: loaded on first use instead of once per test
    // file, as the module registry is per file (tests: test/lazy-modules.test.ts). The TypeScript compiler and
    // Arborist, which @pulumi/pulumi needs only for closure serialization (about 40 % of loading the SDK):
    "typescript-shim$": "<rootDir>/tools/jest/lazy-typescript.js",
    "^@npmcli/arborist$": "<rootDir>/tools/jest/lazy-arborist.js",
    // @pulumi/aws's index requires ~250 namespaces: each loads when first read.
    "^@pulumi/aws$": "<rootDir>/tools/jest/lazy-aws.js",
  },
  testMatch: ["<rootDir>/packages/*/test/**/*.test.ts", "<rootDir>/examples/*/test/**/*.test.ts", "<rootDir>/test/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  modulePathIgnorePatterns: ["<rootDir>/packages/.*/dist/", "<rootDir>/examples/.*/dist/"],
  testTimeout: 60000,
  // Two child workers (in band, jest's choice on 2 cores, one process held every suite: OOM-killed at 23.8 GB),
  // recycled once a test file leaves more than 700 MB of heap: a worker that kept running with a heap of
  // gigabytes (each test file's module registry and rendered stacks, collected late) ran test files about
  // twice as slowly. Whole suite on 2 cores, same run conditions: 2GB 155 s, 1GB 102 s, 700MB 85 s, 450MB 90 s.
  maxWorkers: 2,
  workerIdleMemoryLimit: "700MB",
};
