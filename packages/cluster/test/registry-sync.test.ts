import { inputErrorMismatches, render, renderError } from "@slipway/testing";
import { EcrRegistryArgs, Registry } from "@slipway/cluster";
import { AWS_CONFIG, one } from "./support";

const REPOSITORIES = ["shop/cart", "shop/orders"];
const ecr = (args: Partial<EcrRegistryArgs> = {}) => () => new Registry("images", { kind: "ecr", repositories: REPOSITORIES, ...args });
const DOCKER_LOGIN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf";

describe("ECR across a fleet's regions: replication and pull-through caches", () => {
  it("replicates every platform repository to the fleet's other regions, in this account unless another is named", async () => {
    const r = await render(ecr({ replicateTo: [{ region: "us-east-1" }, { region: "eu-central-1", registryId: "210987654321" }] }), { config: AWS_CONFIG });
    const replication = one(r, "aws:ecr/replicationConfiguration:ReplicationConfiguration", "images-replication");
    expect(replication.inputs.replicationConfiguration).toEqual({
      rules: [
        {
          destinations: [
            { region: "us-east-1", registryId: "123456789012" },
            { region: "eu-central-1", registryId: "210987654321" },
          ],
          repositoryFilters: [
            { filter: "shop/cart", filterType: "PREFIX_MATCH" },
            { filter: "shop/orders", filterType: "PREFIX_MATCH" },
          ],
        },
      ],
    });
  });

  it("makes no replication configuration without replicateTo (ECR keeps one per registry: the stack that owns it says so)", async () => {
    const r = await render(ecr(), { config: AWS_CONFIG });
    expect(r.byType("aws:ecr/replicationConfiguration:ReplicationConfiguration")).toHaveLength(0);
    expect(r.byType("aws:ecr/pullThroughCacheRule:PullThroughCacheRule")).toHaveLength(0);
  });

  it("fronts public registries with pull-through cache rules, with the login those that need one take", async () => {
    const r = await render(
      ecr({
        pullThroughCaches: [
          { prefix: "ecr-public", upstream: "public.ecr.aws" },
          { prefix: "k8s", upstream: "registry.k8s.io" },
          { prefix: "docker-hub", upstream: "registry-1.docker.io", credentialArn: DOCKER_LOGIN },
        ],
      }),
      { config: AWS_CONFIG },
    );
    const rules = r.byType("aws:ecr/pullThroughCacheRule:PullThroughCacheRule");
    expect(rules.map((x) => [x.name, x.inputs])).toEqual([
      ["images-cache-ecr-public", { ecrRepositoryPrefix: "ecr-public", upstreamRegistryUrl: "public.ecr.aws" }],
      ["images-cache-k8s", { ecrRepositoryPrefix: "k8s", upstreamRegistryUrl: "registry.k8s.io" }],
      ["images-cache-docker-hub", { ecrRepositoryPrefix: "docker-hub", upstreamRegistryUrl: "registry-1.docker.io", credentialArn: DOCKER_LOGIN }],
    ]);
  });

  it.each([
    ["replicateTo[0].region", { replicateTo: [{ region: "Mars-1" }] }, '"Mars-1"'],
    ["replicateTo[1].region", { replicateTo: [{ region: "us-east-1" }, { region: "us-east-1" }] }, '"us-east-1"'],
    ["replicateTo[0].registryId", { replicateTo: [{ region: "us-east-1", registryId: "12345" }] }, '"12345"'],
    ["replicateTo", { replicateTo: "us-east-1" }, '"us-east-1"'],
    ["pullThroughCaches[0].prefix", { pullThroughCaches: [{ prefix: "Docker Hub", upstream: "quay.io" }] }, '"Docker Hub"'],
    ["pullThroughCaches[0].prefix", { pullThroughCaches: [{ prefix: "shop", upstream: "quay.io" }] }, '"shop"'],
    ["pullThroughCaches[1].prefix", { pullThroughCaches: [{ prefix: "quay", upstream: "quay.io" }, { prefix: "quay", upstream: "public.ecr.aws" }] }, '"quay"'],
    ["pullThroughCaches[0].upstream", { pullThroughCaches: [{ prefix: "hub", upstream: "docker.io" }] }, '"docker.io"'],
    ["pullThroughCaches[0].credentialArn", { pullThroughCaches: [{ prefix: "hub", upstream: "registry-1.docker.io" }] }, "undefined"],
    ["pullThroughCaches[0].credentialArn", { pullThroughCaches: [{ prefix: "quay", upstream: "quay.io", credentialArn: DOCKER_LOGIN }] }, DOCKER_LOGIN],
    ["pullThroughCaches[0].credentialArn", { pullThroughCaches: [{ prefix: "hub", upstream: "registry-1.docker.io", credentialArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:docker-AbCdEf" }] }, "secret:docker-AbCdEf"],
  ])("refuses a bad %s", async (field, args, shown) => {
    const error = await renderError(ecr(args as Partial<EcrRegistryArgs>), { config: AWS_CONFIG });
    expect(inputErrorMismatches(error, { component: "Registry", name: "images", field, shown })).toEqual([]);
  });
});
