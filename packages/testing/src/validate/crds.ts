import Ajv, { Options, ValidateFunction } from "ajv";
import standaloneCode from "ajv/dist/standalone";
import { readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";
import { Manifest } from "@slipway/core";
import { yamlDocuments } from "../cached-yaml";
import { DerivedCache, derivedCache } from "../derived-cache";
import { customResourceSchema } from "./structural";
import { describeObject, SchemaError, SchemaProblem, toProblem } from "./problem";

interface CrdVersion {
  name: string;
  served?: boolean;
  schema?: { openAPIV3Schema?: unknown };
}
interface Crd {
  apiVersion?: string;
  kind?: string;
  spec?: { group?: string; names?: { kind?: string }; versions?: CrdVersion[] };
}

/** CRD schemas by `group/version/Kind`, compiled on first use. */
export class CrdIndex {
  private readonly schemas = new Map<string, unknown>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly servedVersions = new Map<string, string[]>();
  private ajv?: Ajv;

  /** `cache`: where parsed CRD files and generated validators are kept between processes. */
  constructor(private readonly cache: DerivedCache = derivedCache()) {}

  /** Indexes every CustomResourceDefinition among `objects`. */
  add(objects: readonly unknown[]): this {
    for (const object of objects) {
      const crd = object as Crd | null;
      if (crd?.kind !== "CustomResourceDefinition" || !crd.spec?.group || !crd.spec.names?.kind) continue;
      const { group, names } = crd.spec;
      for (const version of crd.spec.versions ?? []) {
        if (version.served === false) continue;
        const groupKind = `${group}/${names.kind}`;
        this.servedVersions.set(groupKind, [...(this.servedVersions.get(groupKind) ?? []), version.name]);
        this.schemas.set(`${group}/${version.name}/${names.kind}`, version.schema?.openAPIV3Schema ?? { type: "object", "x-kubernetes-preserve-unknown-fields": true });
      }
    }
    return this;
  }

  /** Indexes every CRD in the YAML files under `dir`, recursively. */
  addDirectory(dir: string): this {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) this.addDirectory(path);
      else if (/\.ya?ml$/.test(entry)) this.add(yamlDocuments(readFileSync(path, "utf8"), {}, this.cache));
    }
    return this;
  }

  /** Problems of a custom resource against its CRD; a missing CRD is a problem too. */
  validate(m: Manifest): SchemaProblem[] {
    const key = `${m.apiVersion}/${m.kind}`;
    const validator = this.validator(key);
    if (!validator) {
      const group = m.apiVersion.split("/")[0];
      const served = this.servedVersions.get(`${group}/${m.kind}`);
      const message = served
        ? `the CRD for ${m.kind}.${group} serves ${served.join(", ")}, not ${m.apiVersion}`
        : `no CRD found for ${m.kind} (${m.apiVersion}); point validate({ crdDirs }) at the operator's CRDs`;
      return [{ object: describeObject(m), path: "apiVersion", message }];
    }
    if (validator(m)) return [];
    return (validator.errors ?? []).filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf").map((e) => toProblem(m, e as SchemaError));
  }

  private validator(key: string): ValidateFunction | undefined {
    if (!this.compiled.has(key)) {
      const schema = this.schemas.get(key);
      if (schema === undefined) return undefined;
      this.compiled.set(key, this.compile(customResourceSchema(schema) as object));
    }
    return this.compiled.get(key);
  }

  /** Compiling a CRD's schema takes up to a second; the generated code is cached and loaded instead. */
  private compile(schema: object): ValidateFunction {
    const generate = () => {
      this.ajv ??= new Ajv(AJV_OPTIONS);
      return standaloneCode(this.ajv, this.ajv.compile(schema));
    };
    return this.cache.get("crd-validators", [AJV_VERSION, JSON.stringify(AJV_OPTIONS), JSON.stringify(schema)], generate, loadValidator);
  }
}

/** Schemas are checked as the API server does: every error reported, formats not enforced. `optimize: false` halves compile time. */
const AJV_OPTIONS: Options = { strict: false, allErrors: true, validateFormats: false, code: { source: true, optimize: false } };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the version keys the cache of generated code
const AJV_VERSION: string = require("ajv/package.json").version;

/** A validator from ajv's standalone code (CommonJS; it requires ajv's runtime helpers); throws on code that is not one. */
function loadValidator(code: string): ValidateFunction {
  const module = { exports: {} as unknown };
  new Function("require", "module", "exports", code)(require, module, module.exports);
  if (typeof module.exports !== "function") throw new Error("not a validator");
  return module.exports as ValidateFunction;
}

const directoryIndexes = new Map<string, CrdIndex>();

/** A CRD index of these directories, parsed once per process (CRD files are large). */
export function crdIndexFor(dirs: readonly string[]): CrdIndex {
  const key = [...dirs].sort().join("\0");
  let index = directoryIndexes.get(key);
  if (!index) {
    index = new CrdIndex();
    for (const dir of dirs) index.addDirectory(dir);
    directoryIndexes.set(key, index);
  }
  return index;
}
