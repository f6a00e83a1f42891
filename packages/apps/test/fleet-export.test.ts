import { render } from "@slipway/testing";
import { AppService, appsOutput } from "@slipway/apps";
import { SHOP } from "./support";

const DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

describe("appsOutput: what slipway fleet status and promote read of a team stack", () => {
  it("gives each app's stable image (digests kept), namespace and replica range, by Deployment name", async () => {
    const r = await render(() => {
      const cart = new AppService("cart", { tenant: SHOP, image: `ghcr.io/acme/cart:1.4.2@${DIGEST}`, port: 8080, scale: { min: 2, max: 6 } });
      const web = new AppService("web", { tenant: SHOP, image: "nginxinc/nginx-unprivileged:1.27.3", port: 8080, replicas: 3, canary: { image: "nginxinc/nginx-unprivileged:1.27.4", weight: 10 } });
      return { apps: appsOutput([cart, web]) };
    });
    expect(r.outputs.apps).toEqual({
      cart: { image: `ghcr.io/acme/cart:1.4.2@${DIGEST}`, namespace: "shop", replicas: { min: 2, max: 6 } },
      web: { image: "nginxinc/nginx-unprivileged:1.27.3", namespace: "shop", replicas: { min: 3, max: 3 } },
    });
    // The Deployment runs the digest exactly as given.
    const deployment = r.find("Deployment", "cart", "shop") as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(deployment.spec.template.spec.containers[0].image).toBe(`ghcr.io/acme/cart:1.4.2@${DIGEST}`);
  });
});
