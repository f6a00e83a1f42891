import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { parseAllDocuments } from "yaml";
import { render, REDACTED, Rendered } from "@slipway/testing";
import { FAKE_TOKEN, sampleProgram } from "./fixtures/sample-program";

describe("toYaml", () => {
  it("dumps every object as multi-document YAML with Secret data redacted", async () => {
    const rendered = await render(sampleProgram);
    const yaml = rendered.toYaml();
    const docs = parseAllDocuments(yaml).map((d) => d.toJSON());
    expect(docs.map((d) => d.kind)).toEqual(["Namespace", "Deployment", "Secret", "Service"]);
    expect(docs[2].stringData).toEqual({ token: REDACTED });
    expect(yaml).not.toContain(FAKE_TOKEN);
    // Redaction is for dumps only: the rendered object keeps its real input for assertions.
    expect(rendered.find("Secret", "web-token").stringData).toEqual({ token: FAKE_TOKEN });
  });

  it("redacts Pulumi secrets wherever they appear, not only in Secrets", async () => {
    const rendered = await render(() => {
      new k8s.core.v1.ConfigMap("leaky", { metadata: { name: "leaky", annotations: { "example.com/token": pulumi.secret("fake-annotation-secret-3") } }, data: { plain: "visible" } });
    });
    const yaml = rendered.toYaml();
    expect(yaml).not.toContain("fake-annotation-secret-3");
    expect(yaml).toContain("visible");
    expect(rendered.byType("kubernetes:core/v1:ConfigMap")[0].secretPaths).toEqual(['metadata.annotations["example.com/token"]']);
  });

  it("keeps a chart Secret's keys and an empty data map empty, redacting only the values", () => {
    // A chart Secret with no keys (`data:` with nothing under it reads as null) stays empty, not one "<redacted>" string.
    const empty = new Rendered([], {}, [], [{ apiVersion: "v1", kind: "Secret", metadata: { name: "registryctl", namespace: "harbor" }, type: "Opaque", data: null }]);
    expect(empty.redactedManifests()[0].data).toBeNull();
    const keyed = new Rendered([], {}, [], [{ apiVersion: "v1", kind: "Secret", metadata: { name: "jobservice", namespace: "harbor" }, data: { JOBSERVICE_SECRET: "c2VjcmV0", EMPTY: null } }]);
    expect(keyed.redactedManifests()[0].data).toEqual({ JOBSERVICE_SECRET: REDACTED, EMPTY: null });
    expect(keyed.toYaml()).not.toContain("c2VjcmV0");
  });

  it("is stable across renders", async () => {
    const first = (await render(sampleProgram)).toYaml();
    const second = (await render(sampleProgram)).toYaml();
    expect(second).toBe(first);
  });
});
