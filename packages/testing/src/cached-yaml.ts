import { DocumentOptions, parseAllDocuments, ParseOptions, SchemaOptions } from "yaml";
import { DerivedCache, derivedCache } from "./derived-cache";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the parser's version keys its cached output
const YAML_VERSION: string = require("yaml/package.json").version;

/**
 * The documents of a YAML text as plain data (empty documents as null), parsed once per distinct text,
 * parser version and options: upstream CRDs and helm's output are megabytes every test file would re-parse.
 */
export function yamlDocuments(text: string, options: ParseOptions & DocumentOptions & SchemaOptions = {}, cache: DerivedCache = derivedCache()): unknown[] {
  return cache.json("yaml-documents", [YAML_VERSION, JSON.stringify(options), text], () => parseAllDocuments(text, options).map((doc) => doc.toJS() as unknown));
}
