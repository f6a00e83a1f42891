import * as k8s from "@pulumi/kubernetes";
import { render } from "@slipway/testing";

const labels = { app: "web" };

function deployment(securityContext: k8s.types.input.core.v1.SecurityContext) {
  return () => {
    new k8s.apps.v1.Deployment("web", {
      metadata: { name: "web", namespace: "shop" },
      spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "registry.example/web:1.0.0", securityContext }] } } },
    });
  };
}

describe("check", () => {
  it("runs the CHECKS.md checks over the rendered objects", async () => {
    const rendered = await render(deployment({ allowPrivilegeEscalation: true }));
    const s3 = rendered.check({ only: ["S3"] });
    expect(s3).toHaveLength(1);
    expect(s3[0]).toMatchObject({ check: "S3", object: "apps/v1/Deployment shop/web" });
    expect(s3[0].field).toContain("allowPrivilegeEscalation");
    expect(() => rendered.assertChecks({ only: ["S3"] })).toThrow(/1 check violation\(s\):[\s\S]*S3 +apps\/v1\/Deployment shop\/web/);
  });

  it("passes an object that meets the check", async () => {
    const rendered = await render(deployment({ allowPrivilegeEscalation: false }));
    expect(rendered.check({ only: ["S3"] })).toEqual([]);
    expect(() => rendered.assertChecks({ only: ["S3"] })).not.toThrow();
  });
});
