import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { join, relative } from "path";
import { parseAllDocuments } from "yaml";
import { OUTPUT_MARKER } from "./write";

/** One thing a render wrote, keyed so two renders can be matched: an object, a chart, a cloud resource. */
export interface RenderedEntry {
  /** `apps/v1 Deployment shop/cart`, `chart images-chart`, `cloud aws:iam/role:Role app`. */
  key: string;
  /** Whether its values are secrets (a v1 Secret): they are never printed. */
  secret: boolean;
  value: unknown;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith(".yaml") ? [path] : [];
  });
}

function documents(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, "utf8"), { version: "1.1" }).map((d) => d.toJS() as unknown).filter((d) => d !== null);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

function objectKey(m: Obj): string {
  const meta = isObj(m.metadata) ? m.metadata : {};
  const where = meta.namespace ? `${String(meta.namespace)}/${String(meta.name)}` : String(meta.name);
  return `${String(m.apiVersion)} ${String(m.kind)} ${where}`;
}

/** Everything a `slipway render` folder holds, keyed; fails unless the folder is a render. */
export function readRenderDir(dir: string): Map<string, RenderedEntry> {
  if (!existsSync(join(dir, OUTPUT_MARKER))) throw new Error(`${dir} is not a folder written by slipway render (no ${OUTPUT_MARKER})`);
  const entries = new Map<string, RenderedEntry>();
  const add = (entry: RenderedEntry) => entries.set(entry.key, entry);
  for (const file of yamlFiles(dir).sort()) {
    const name = relative(dir, file);
    if (name === "charts.yaml" || name === "cloud.yaml") {
      for (const list of documents(file)) {
        for (const item of Array.isArray(list) ? list.filter(isObj) : []) {
          const key = name === "charts.yaml" ? `chart ${String(item.name)}` : `cloud ${String(item.type)} ${String(item.name)}`;
          add({ key, secret: false, value: item });
        }
      }
      continue;
    }
    for (const doc of documents(file).filter(isObj)) add({ key: objectKey(doc), secret: doc.apiVersion === "v1" && doc.kind === "Secret", value: doc });
  }
  return entries;
}
