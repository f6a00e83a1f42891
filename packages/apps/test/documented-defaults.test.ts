import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const SRC = path.resolve(__dirname, "../src");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

/** Every field of every exported `*Args` interface (and the object types nested in it) without `@default` in its doc comment. */
function undocumentedDefaults(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const missing: string[] = [];
  // A nested field counts as documented when its parent's @default spells it out (`@default { cpu: "100m" }`).
  const visitMembers = (owner: string, members: ts.NodeArray<ts.TypeElement>, parentDefault = "") => {
    for (const member of members) {
      if (!ts.isPropertySignature(member) || !member.name) continue;
      const name = member.name.getText(source);
      const field = `${owner}.${name}`;
      const docs = ts.getJSDocCommentsAndTags(member).map((d) => d.getText(source)).join("\n");
      const own = /@default\b(.*)/s.exec(docs)?.[1];
      if (own === undefined && !new RegExp(`\\b${name}:`).test(parentDefault)) missing.push(`${path.relative(SRC, file)}: ${field}`);
      if (member.type && ts.isTypeLiteralNode(member.type)) visitMembers(field, member.type.members, own ?? "");
    }
  };
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && /Args$/.test(node.name.text)) visitMembers(node.name.text, node.members);
    if (ts.isTypeAliasDeclaration(node) && /Args$/.test(node.name.text)) {
      const types = ts.isUnionTypeNode(node.type) ? node.type.types : [node.type];
      for (const t of types) if (ts.isTypeLiteralNode(t)) visitMembers(node.name.text, t.members);
    }
  });
  return missing;
}

describe("documented defaults", () => {
  it("every field of every Args interface says its @default (or that it is required)", () => {
    expect(sourceFiles(SRC).flatMap(undocumentedDefaults)).toEqual([]);
  });
});
