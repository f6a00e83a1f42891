import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";

/**
 * A kubeconfig for the cluster that holds no credential: the token comes from `aws eks get-token`
 * at use time. Still a Pulumi secret, since it names the endpoint and the CA of a private cluster.
 */
export function eksKubeconfig(eksName: pulumi.Input<string>, endpoint: pulumi.Input<string>, caData: pulumi.Input<string>, region: string): pulumi.Output<string> {
  const config = pulumi.all([eksName, endpoint, caData]).apply(([name, server, ca]) =>
    stringify(
      {
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server, "certificate-authority-data": ca } }],
        users: [
          {
            name,
            user: {
              exec: {
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: "aws",
                args: ["eks", "get-token", "--cluster-name", name, "--region", region, "--output", "json"],
                interactiveMode: "Never",
              },
            },
          },
        ],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
      },
      // kubectl reads YAML 1.1: strings such as "on" or "0755" must stay quoted.
      { version: "1.1" },
    ),
  );
  return pulumi.secret(config);
}
