import * as pulumi from "@pulumi/pulumi";
import { render } from "@slipway/testing";
import { Cluster } from "@slipway/cluster";
import { expectInputError, failure, one } from "./support";

/** An obviously fake token, unique so a leak would be found. */
export const FAKE_TOKEN = "fake-token-slipway-7d3e9a";
export const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
  - name: onprem
    cluster: { server: "https://10.86.67.10:6443", certificate-authority-data: ZmFrZS1jYQ== }
users:
  - name: admin
    user: { token: ${FAKE_TOKEN} }
contexts:
  - name: onprem
    context: { cluster: onprem, user: admin }
  - name: other
    context: { cluster: onprem, user: admin }
current-context: onprem
`;

describe("Cluster from an existing kubeconfig", () => {
  it("renders no AWS resource at all, only a server-side-apply provider with the secret kubeconfig", async () => {
    let secret: Promise<boolean> = Promise.resolve(false);
    const r = await render(() => {
      const cluster = new Cluster("main", { kind: "existing", kubeconfig: pulumi.secret(KUBECONFIG), context: "other" });
      secret = pulumi.isSecret(cluster.kubeconfig as pulumi.Output<string>);
      return { podCidr: cluster.podCidr, serviceCidr: cluster.serviceCidr, kind: cluster.kind };
    });
    expect(r.resources.filter((x) => x.type.startsWith("aws:"))).toEqual([]);
    expect(r.cloud()).toEqual([]);
    expect(r.resources.map((x) => x.type).sort()).toEqual(["pulumi:providers:kubernetes", "slipway:cluster:Cluster"]);
    const provider = one(r, "pulumi:providers:kubernetes", "main-k8s");
    expect(provider.inputs).toMatchObject({ kubeconfig: KUBECONFIG, context: "other", enableServerSideApply: "true" });
    expect(provider.secretPaths).toEqual(["kubeconfig"]);
    expect(await secret).toBe(true);
    expect(r.outputs).toEqual({ podCidr: "10.233.64.0/18", serviceCidr: "10.233.0.0/18", kind: "existing" });
  });

  it("plans with the pod and Service networks given", async () => {
    let cidrs: unknown;
    await render(() => {
      const c = new Cluster("main", { kind: "existing", kubeconfig: pulumi.secret(KUBECONFIG), podCidr: "10.42.0.0/16", serviceCidr: "10.43.0.0/16", nodeCidrs: ["192.168.10.0/24"] });
      cidrs = { pod: c.podCidr, service: c.serviceCidr, nodes: c.nodeCidrs };
    });
    expect(cidrs).toEqual({ pod: "10.42.0.0/16", service: "10.43.0.0/16", nodes: ["192.168.10.0/24"] });
  });

  it("uses a context of the ambient kubeconfig when no kubeconfig is given", async () => {
    const r = await render(() => new Cluster("main", { kind: "existing", context: "kubekey-prod" }));
    expect(one(r, "pulumi:providers:kubernetes", "main-k8s").inputs).toMatchObject({ context: "kubekey-prod", enableServerSideApply: "true" });
  });

  it.each([
    ["text that is not YAML", "clusters: [unclosed", "does not parse"],
    ["YAML that is not a kubeconfig", "just: a map", "is not a kubeconfig"],
    ["a kubeconfig without the current context", KUBECONFIG.replace("current-context: onprem", "current-context: gone"), 'context "gone"'],
    ["a kubeconfig whose cluster has no server", KUBECONFIG.replace('server: "https://10.86.67.10:6443", ', ""), "has no https server"],
  ])("fails on %s given as a secret, naming kubeconfig and never showing it", async (_case, text, problem) => {
    const error = await failure(render(() => new Cluster("main", { kind: "existing", kubeconfig: pulumi.secret(text) })));
    expectInputError(error, 'Cluster "main"', "kubeconfig", "[kubeconfig text]");
    expect((error as Error).message).toContain(problem);
    expect((error as Error).message).not.toContain(FAKE_TOKEN);
  });
});
