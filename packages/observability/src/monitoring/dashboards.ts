import { checkDnsLabel, childName, fail, InputSite, Manifest } from "@slipway/core";
import { DASHBOARD_FOLDER_ANNOTATION, DASHBOARD_LABEL } from "../versions";
import { DashboardArgs } from "./args";

// A ConfigMap holds at most 1 MiB; leave room for its metadata.
const MAX_DASHBOARD_BYTES = 1000 * 1024;

function isWrapped(value: DashboardArgs): value is { json: string | Record<string, unknown>; folder?: string } {
  return typeof value === "object" && value !== null && "json" in value;
}

/** Parses and re-serialises a dashboard so a broken file fails here, not silently in Grafana's sidecar. */
function dashboardJson(site: InputSite, path: string, json: unknown): string {
  let parsed: unknown = json;
  if (typeof json === "string") {
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      return fail(site, path, json, `is not valid JSON (${(e as Error).message})`, "export the dashboard from Grafana as JSON");
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return fail(site, path, json, "is not a dashboard object", "pass the dashboard JSON model");
  const model = parsed as Record<string, unknown>;
  if (typeof model.title !== "string" || model.title === "") fail(site, `${path}.title`, model.title, "is required", "give the dashboard a title");
  if (model.panels !== undefined && !Array.isArray(model.panels)) fail(site, `${path}.panels`, model.panels, "must be a list");
  const text = JSON.stringify(model, null, 2);
  if (Buffer.byteLength(text) > MAX_DASHBOARD_BYTES) fail(site, path, `${Buffer.byteLength(text)} bytes`, "is too large for a ConfigMap", "split the dashboard");
  return text;
}

/** One ConfigMap per dashboard, labelled for Grafana's sidecar (which watches every namespace). */
export function planDashboards(site: InputSite, stackName: string, namespace: string, dashboards: Record<string, DashboardArgs> | undefined, labels: Record<string, string>): Manifest[] {
  if (dashboards === undefined) return [];
  if (typeof dashboards !== "object" || dashboards === null || Array.isArray(dashboards)) return fail(site, "dashboards", dashboards, "must map names to dashboard JSON");
  return Object.entries(dashboards).map(([key, value]) => {
    const path = `dashboards.${key}`;
    checkDnsLabel(site, path, key, 40);
    const json = isWrapped(value) ? value.json : value;
    const folder = isWrapped(value) ? value.folder : undefined;
    if (folder !== undefined && (typeof folder !== "string" || folder.trim() === "" || folder.includes("/"))) {
      fail(site, `${path}.folder`, folder, "is not a folder name", 'use a non-empty name without "/", e.g. "Tenants"');
    }
    return {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: childName(stackName, `dashboard-${key}`),
        namespace,
        labels: { ...labels, [DASHBOARD_LABEL]: "1" },
        ...(folder ? { annotations: { [DASHBOARD_FOLDER_ANNOTATION]: folder } } : {}),
      },
      data: { [`${key}.json`]: dashboardJson(site, path, json) },
    };
  });
}
