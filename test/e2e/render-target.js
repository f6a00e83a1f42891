// Renders one program's stack like `slipway render`, and also feeds its StackReferences from the
// outputs of stacks rendered before it (as the real engine would from their state), then writes the
// manifests and the program's own outputs (outputs.json) into the output folder.
// Usage: node test/e2e/render-target.js <programDir> <stack> <outDir> [<reference name>=<outputs.json>...]
const { readFileSync, writeFileSync } = require("fs");
const { join } = require("path");
const { loadProject, loadStackConfig, loadProgram, writeManifests, summarize, chartsDirFor, withCharts } = require("@slipway/cli");
const { render } = require("@slipway/testing");

async function main() {
  const [programDir, stack, outDir, ...references] = process.argv.slice(2);
  const stackReferences = Object.fromEntries(
    references.map((r) => {
      const [name, file] = r.split("=");
      return [name, JSON.parse(readFileSync(file, "utf8"))];
    }),
  );
  const project = loadProject(programDir);
  const { config, secretKeys, warnings } = loadStackConfig(project, stack);
  warnings.forEach((w) => console.error(`warning: ${w}`));
  const program = await render(loadProgram(project), { project: project.name, stack, config, secretConfigKeys: secretKeys, stackReferences });
  // Chart objects too (helm from SLIPWAY_HELM, charts from slipway:chartsDir or ../shared/charts), as `slipway render` does.
  const rendered = withCharts(program, chartsDirFor(project, config, undefined), {}, (p) => console.error(p), (w) => console.error(`warning: ${w}`));
  writeManifests(rendered, outDir);
  writeFileSync(join(outDir, "outputs.json"), JSON.stringify(rendered.outputs, null, 2));
  console.log(`Rendered stack ${stack} of ${project.name}\n${summarize(rendered)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
